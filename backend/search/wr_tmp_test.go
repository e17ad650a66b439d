package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"context"

	"github.com/jmoiron/sqlx"
)

func TestWithoutRowidTmp(t *testing.T) {
	for _, wr := range []bool{false, true} {
		schema, _ := os.ReadFile(filepath.Join("..", "cache", "migrations", "0001_init.sql"))
		s := string(schema)
		if wr {
			for _, tb := range []string{"runs", "params", "tags", "metrics"} {
				i := strings.Index(s, "CREATE TABLE "+tb+" (")
				j := strings.Index(s[i:], "\n);") + i
				s = s[:j] + "\n) WITHOUT ROWID;" + s[j+3:]
			}
		}
		path := filepath.Join(t.TempDir(), "c.db")
		db, _ := sqlx.Open("sqlite3", "file:"+path+"?_case_sensitive_like=1&_cache_size=-16000")
		db.SetMaxOpenConns(1)
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
		fill(t, db)
		q := RunQuery{SourceID: 1, ExperimentIDs: []string{"0", "1"}, Filter: "metrics.m1 > 0.5", OrderBy: []string{"metrics.m2 DESC"}, MaxResults: 1000}
		Runs(context.Background(), db, q)
		c0 := cpuTime()
		for i := 0; i < 10; i++ {
			Runs(context.Background(), db, q)
		}
		t.Log("without rowid", wr, (cpuTime()-c0)/10)
		db.Close()
	}
}
