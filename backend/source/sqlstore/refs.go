package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/source"
)

// RunRefs lists every run of the experiments (all when empty) with a
// fingerprint. It costs one grouped query per table, not queries per run,
// and the independent queries run in parallel on separate connections.
//
// The fingerprint covers: the run row (status, times, name, user,
// lifecycle, artifact URI); latest_metrics (count, max timestamp, sums of
// steps, values and NaN flags); the number of history rows (MLflow only
// appends, see metricCountCache); a content hash of the tags (set_tag can
// swap a value for one of equal length, "passed" → "failed"); the number of
// params (MLflow refuses to change a logged param); the number of
// input/output edges.
func (s *Store) RunRefs(ctx context.Context, experimentIDs []string) ([]source.RunRef, error) {
	where := "1=1"
	if len(experimentIDs) > 0 {
		var nums []string
		for _, id := range experimentIDs {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				nums = append(nums, strconv.FormatInt(n, 10))
			}
		}
		if len(nums) == 0 {
			return []source.RunRef{}, nil
		}
		// Integers validated above, so inlining them is safe and keeps the
		// list clear of the bound-variable limit.
		where = "experiment_id IN (" + strings.Join(nums, ",") + ")"
	}
	runFilter := "1=1"
	if where != "1=1" {
		runFilter = "run_uuid IN (SELECT run_uuid FROM runs WHERE " + where + ")"
	}

	var (
		refs    []source.RunRef
		infos   []string
		latest  map[string]string
		counts  map[string]int64
		tags    map[string]uint64
		params  map[string]int64
		inputs  map[string]int64
		wg      sync.WaitGroup
		errMu   sync.Mutex
		firstEr error
	)
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				errMu.Lock()
				if firstEr == nil {
					firstEr = err
				}
				errMu.Unlock()
			}
		}()
	}
	run(func() error {
		q := fmt.Sprintf(`SELECT %s FROM runs WHERE %s`, s.runColumns(), where)
		return s.queryEach(ctx, "list runs", q, nil, func(r *sqlx.Rows) error {
			in, err := scanRunInfo(r)
			if err != nil {
				return err
			}
			refs = append(refs, source.RunRef{RunID: in.RunUUID, ExperimentID: in.ExperimentID, LifecycleStage: in.LifecycleStage})
			infos = append(infos, fmt.Sprintf("%s|%s|%d|%d|%d|%s|%s|%s|%s", in.Status, in.LifecycleStage, in.StartTime,
				in.EndTime, in.DeletedTime, in.RunName, in.UserID, in.ArtifactURI, in.ExperimentID))
			return nil
		})
	})
	if s.sch.hasTable("latest_metrics") {
		run(func() (err error) {
			q := fmt.Sprintf(`SELECT run_uuid, count(*), max(%s), total(step), total(value), total(%s)
				FROM latest_metrics WHERE %s GROUP BY run_uuid`,
				s.sch.col("latest_metrics", "timestamp", "0"), s.sch.col("latest_metrics", "is_nan", "0"), runFilter)
			latest = map[string]string{}
			return s.queryEach(ctx, "fingerprint latest metrics", q, nil, func(r *sqlx.Rows) error {
				var id string
				var n int64
				var ts sql.NullInt64
				var steps, vals, nans float64
				if err := r.Scan(&id, &n, &ts, &steps, &vals, &nans); err != nil {
					return err
				}
				latest[id] = fmt.Sprintf("%d|%d|%g|%g|%g", n, ts.Int64, steps, vals, nans)
				return nil
			})
		})
	}
	if s.sch.hasTable("metrics") {
		run(func() (err error) {
			counts, err = s.metricCounts(ctx)
			return err
		})
	}
	if s.sch.hasTable("tags") {
		run(func() error {
			// One row per run; entries are split and hashed in Go and the
			// hashes summed, so group_concat's order does not matter.
			q := fmt.Sprintf(`SELECT run_uuid, group_concat(key || char(31) || COALESCE(value, ''), char(30))
				FROM tags WHERE %s GROUP BY run_uuid`, runFilter)
			tags = map[string]uint64{}
			return s.queryEach(ctx, "fingerprint tags", q, nil, func(r *sqlx.Rows) error {
				var id string
				var all sql.RawBytes
				if err := r.Scan(&id, &all); err != nil {
					return err
				}
				tags[id] = hashEntries(all)
				return nil
			})
		})
	}
	if s.sch.hasTable("params") {
		run(func() error {
			params = map[string]int64{}
			return s.countByRun(ctx, params, "fingerprint params",
				fmt.Sprintf(`SELECT run_uuid, count(*) FROM params WHERE %s GROUP BY run_uuid`, runFilter))
		})
	}
	if s.sch.hasTable("inputs") {
		run(func() error {
			inputs = map[string]int64{}
			return s.countByRun(ctx, inputs, "fingerprint inputs",
				`SELECT destination_id, count(*) FROM inputs WHERE destination_type = 'RUN' GROUP BY destination_id
				UNION ALL
				SELECT source_id, count(*) FROM inputs WHERE source_type IN ('RUN_INPUT', 'RUN_OUTPUT') GROUP BY source_id`)
		})
	}
	wg.Wait()
	if firstEr != nil {
		return nil, firstEr
	}
	out := make([]source.RunRef, len(refs))
	var buf []byte
	for i, ref := range refs {
		id := ref.RunID
		buf = fmt.Appendf(buf[:0], "%s\x00%s\x00%d\x00%x\x00%d\x00%d",
			infos[i], latest[id], counts[id], tags[id], params[id], inputs[id])
		h := fnv.New128a()
		h.Write(buf)
		ref.Fingerprint = hex.EncodeToString(h.Sum(nil))
		out[i] = ref
	}
	return out, nil
}

// countByRun adds (id, count) rows into m.
func (s *Store) countByRun(ctx context.Context, m map[string]int64, what, q string) error {
	return s.queryEach(ctx, what, q, nil, func(r *sqlx.Rows) error {
		var id string
		var n int64
		if err := r.Scan(&id, &n); err != nil {
			return err
		}
		m[id] += n
		return nil
	})
}

// hashEntries sums the FNV-1a hashes of the \x1e-separated entries.
func hashEntries(b []byte) uint64 {
	var sum uint64
	for {
		i := bytes.IndexByte(b, 0x1e)
		if i < 0 {
			i = len(b)
		}
		h := fnv.New64a()
		h.Write(b[:i])
		sum += h.Sum64()
		if i == len(b) {
			return sum
		}
		b = b[i+1:]
	}
}
