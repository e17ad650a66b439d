package cache

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"

	"flowdeck/backend/mlflow"
)

// Summary pack format (run_metric_pack.summaries), metrics sorted by key:
//
//	uvarint count
//	per metric: uvarint key length, key bytes,
//	            8 bytes value bits, varint timestamp, varint step,
//	            8 bytes min bits, 8 bytes max bits (NaN when all values are NaN),
//	            uvarint point count
//
// Float bits are little endian IEEE-754, so NaN and ±Inf are exact.
func encodeSummaries(ss []MetricSummary) []byte {
	sort.Slice(ss, func(i, j int) bool { return ss[i].Key < ss[j].Key })
	b := make([]byte, 0, 8+len(ss)*48)
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = binary.AppendUvarint(b, uint64(len(s.Key)))
		b = append(b, s.Key...)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(float64(s.Value)))
		b = binary.AppendVarint(b, s.Timestamp)
		b = binary.AppendVarint(b, s.Step)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(float64(s.Min)))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(float64(s.Max)))
		b = binary.AppendUvarint(b, uint64(s.Count))
	}
	return b
}

func decodeSummaries(b []byte) ([]MetricSummary, error) {
	d := decoder{b: b}
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b))/26 {
		return nil, fmt.Errorf("%w: bad summary count", errCorruptHistory)
	}
	out := make([]MetricSummary, n)
	f64 := func() mlflow.Float {
		if d.err == nil && len(d.b) < 8 {
			d.err = errCorruptHistory
		}
		if d.err != nil {
			return 0
		}
		v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
		d.b = d.b[8:]
		return mlflow.Float(v)
	}
	for i := range out {
		s := &out[i]
		l := d.uvarint()
		if d.err != nil || l > uint64(len(d.b)) {
			return nil, fmt.Errorf("%w: bad summary key", errCorruptHistory)
		}
		s.Key = string(d.b[:l])
		d.b = d.b[l:]
		s.Value = f64()
		s.Timestamp = d.varint()
		s.Step = d.varint()
		s.Min, s.Max = f64(), f64()
		s.Count = int(d.uvarint())
		if d.err != nil {
			return nil, fmt.Errorf("%w: truncated summary %d", errCorruptHistory, i)
		}
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: trailing bytes in summaries", errCorruptHistory)
	}
	return out, nil
}

// metricSummary turns a history summary into the exported form.
func (s summary) export(key string) MetricSummary {
	nan := mlflow.Float(math.NaN())
	out := MetricSummary{Key: key, Value: s.latest.Value, Timestamp: s.latest.Timestamp, Step: s.latest.Step,
		Min: nan, Max: nan, Count: s.count}
	if s.min != nil {
		out.Min, out.Max = mlflow.Float(*s.min), mlflow.Float(*s.max)
	}
	return out
}
