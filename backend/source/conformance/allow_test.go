package conformance

import (
	"os"
	"strings"
	"testing"

	"flowdeck/backend/testfix"
)

// Every difference between stores that the suite allows is one of these
// documented MLflow behaviours; each quotes testdata/fixtures/README.md, and
// TestAllowancesAreDocumented fails when the README stops saying it.
const (
	// Ids, timestamps, paths and artifact URIs are never compared across
	// stores; entities are matched by logical name.
	whyIDs = "Ids, timestamps and random values differ from store to store, because each store was written by a separate run of the script."
	// Each store's manifest maps the logical names to its ids.
	whyManifest = "map the logical names used below (for example `logreg-C1.0` or `oom-crash`) to the run ids, experiment ids and model-registry versions of each store."
	// SQLite holds an experiment and a run the FileStores do not.
	whySQLiteExtra = "The SQLite manifest also lists experiment 4 and `remote-run`, which were logged through the server."
	// SQLite turns ±inf into ±DBL_MAX.
	whyInf = "SQLite cannot store infinities, so +inf and -inf come back as `±1.7976931348623157e+308` (calls 19 and 27). A FileStore returns `\"Infinity\"` or `\"-Infinity\"`."
	// The 3.5 FileStore repeats step-0 points on runs with a logged model.
	whyDup    = "So runs with a logged model have one duplicate step-0 entry per metric."
	whyDupSQL = "SQLite removes the duplicate, and MLflow 2.22 does not do this at all."
	// MLflow 2.22 keeps models as run artifacts; no logged-model entities.
	whyLegacyModels = "In 2.22 the models are plain run artifacts (`artifacts/model`)."
	// The SQLite store is in the state after the REST calls.
	whyMutated = "The database shows the state after all 72 calls."
	whyRunTag  = "56: the run tag `reviewed=yes` was set on `ridge-a1.0`."
	whyExpTag  = "57: the experiment tag `mlflow.note.content=\"Updated via REST\"` was set on `house-price-regression`."
	whyRegPre  = "So responses recorded before call 49 show the earlier registry state."
	whyFSClean = "The FileStores were never used by a server. They are in the state the generator left them, with no REST mutation applied."
)

func TestAllowancesAreDocumented(t *testing.T) {
	b, err := os.ReadFile(testfix.Path("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := squash(strings.ReplaceAll(string(b), "**", ""))
	for _, why := range []string{whyIDs, whyManifest, whySQLiteExtra, whyInf, whyDup, whyDupSQL, whyLegacyModels,
		whyMutated, whyRunTag, whyExpTag, whyRegPre, whyFSClean} {
		if !strings.Contains(readme, squash(why)) {
			t.Errorf("the fixture README no longer says %q", why)
		}
	}
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
