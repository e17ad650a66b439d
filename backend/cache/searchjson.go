package cache

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

// searchJSON encodes a prepared run as runs/search writes it. It builds the
// run the way Runs loads it back (the same decoding of the same encoded
// rows), so the stored bytes equal encoding what Runs returns.
func searchJSON(p *preparedRun, info mlflow.RunInfo, inputs, outputs string) ([]byte, error) {
	x := rawRun{inputs: inputs, outputs: outputs, sums: p.pack, params: p.packKV[0], tags: p.packKV[1]}
	x.run.Info = info
	if err := x.decode(); err != nil {
		return nil, err
	}
	return encodeSearchRun(x.run)
}

// encodeSearchRun is one run of a runs/search page: compact, HTML left
// unescaped, as mlflow.WriteSearchRunsPage expects it.
func encodeSearchRun(r mlflow.Run) ([]byte, error) {
	r = r.AsSearchResponse()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&r); err != nil {
		return nil, fmt.Errorf("encode run %s: %w", r.Info.RunID, err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// RunsSearchJSON returns the given runs as runs/search writes them, in the
// order of runIDs (ids not in the cache are left out): the JSON stored with
// each run, or, for runs stored before schema 4, encoded now.
func (c *Cache) RunsSearchJSON(ctx context.Context, srcID int64, runIDs []string) ([][]byte, error) {
	if len(runIDs) == 0 {
		return nil, nil
	}
	ids, err := jsonList(runIDs)
	if err != nil {
		return nil, err
	}
	stored := make(map[string][]byte, len(runIDs))
	err = c.read(ctx, fmt.Sprintf("read %d runs as JSON", len(runIDs)), func(tx *sqlx.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT run_id, json FROM run_search_json WHERE source_id = ? AND `+inIDs, srcID, ids)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var b []byte
			if err := rows.Scan(&id, &b); err != nil {
				return err
			}
			stored[id] = b
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, id := range runIDs {
		if _, ok := stored[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		runs, err := c.Runs(ctx, srcID, missing)
		if err != nil {
			return nil, err
		}
		for _, r := range runs {
			if stored[r.Info.RunID], err = encodeSearchRun(r); err != nil {
				return nil, err
			}
		}
	}
	out := make([][]byte, 0, len(runIDs))
	for _, id := range runIDs {
		if b, ok := stored[id]; ok {
			out = append(out, b)
		}
	}
	return out, nil
}
