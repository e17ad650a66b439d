package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"flowdeck/backend/mlflow"
)

// History blob format (version 1), one blob per (run, metric key):
//
//	byte    format version (1)
//	byte    flags: bit 0 = points carry dataset/model fields
//	uvarint point count
//	if flags&1: uvarint string count, then each string as uvarint len + bytes
//	per point:
//	  varint  step - previous step (zigzag; previous starts at 0)
//	  varint  timestamp - previous timestamp (zigzag)
//	  8 bytes IEEE-754 bits of the value, little endian (NaN/±Inf exact)
//	  if flags&1: uvarint indexes of dataset_name, dataset_digest, model_id
//	              in the string table
//
// Points keep the order they were given in.
const (
	historyVersion = 1
	flagExtras     = 1
)

var errCorruptHistory = errors.New("corrupt metric history blob")

// EncodeHistory encodes a metric history (key and run_id are not stored:
// the row they live in names them).
func EncodeHistory(h []mlflow.Metric) []byte {
	extras := false
	for i := range h {
		if h[i].DatasetName != "" || h[i].DatasetDigest != "" || h[i].ModelID != "" {
			extras = true
			break
		}
	}
	buf := make([]byte, 0, 4+len(h)*12)
	var flags byte
	if extras {
		flags |= flagExtras
	}
	buf = append(buf, historyVersion, flags)
	buf = binary.AppendUvarint(buf, uint64(len(h)))
	var strs []string
	index := map[string]uint64{}
	if extras {
		intern := func(s string) {
			if _, ok := index[s]; !ok {
				index[s] = uint64(len(strs))
				strs = append(strs, s)
			}
		}
		for i := range h {
			intern(h[i].DatasetName)
			intern(h[i].DatasetDigest)
			intern(h[i].ModelID)
		}
		buf = binary.AppendUvarint(buf, uint64(len(strs)))
		for _, s := range strs {
			buf = binary.AppendUvarint(buf, uint64(len(s)))
			buf = append(buf, s...)
		}
	}
	var prevStep, prevTS int64
	for i := range h {
		m := &h[i]
		buf = binary.AppendVarint(buf, m.Step-prevStep)
		buf = binary.AppendVarint(buf, m.Timestamp-prevTS)
		prevStep, prevTS = m.Step, m.Timestamp
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(float64(m.Value)))
		if extras {
			buf = binary.AppendUvarint(buf, index[m.DatasetName])
			buf = binary.AppendUvarint(buf, index[m.DatasetDigest])
			buf = binary.AppendUvarint(buf, index[m.ModelID])
		}
	}
	return buf
}

// DecodeHistory decodes a blob written by EncodeHistory, setting Key on
// every point. A damaged blob gives an error, never a panic.
func DecodeHistory(key string, b []byte) ([]mlflow.Metric, error) {
	d := decoder{b: b}
	if len(b) < 2 {
		return nil, fmt.Errorf("%w: %d bytes", errCorruptHistory, len(b))
	}
	if b[0] != historyVersion {
		return nil, fmt.Errorf("%w: unknown format version %d", errCorruptHistory, b[0])
	}
	flags := b[1]
	d.b = b[2:]
	n := d.uvarint()
	const minPoint = 10 // 1+1+8 bytes
	if d.err != nil || n > uint64(len(d.b))/minPoint {
		return nil, fmt.Errorf("%w: bad point count", errCorruptHistory)
	}
	var strs []string
	if flags&flagExtras != 0 {
		ns := d.uvarint()
		if d.err != nil || ns > uint64(len(d.b)) {
			return nil, fmt.Errorf("%w: bad string table", errCorruptHistory)
		}
		strs = make([]string, 0, ns)
		for i := uint64(0); i < ns; i++ {
			l := d.uvarint()
			if d.err != nil || l > uint64(len(d.b)) {
				return nil, fmt.Errorf("%w: bad string", errCorruptHistory)
			}
			strs = append(strs, string(d.b[:l]))
			d.b = d.b[l:]
		}
	}
	str := func() string {
		i := d.uvarint()
		if d.err == nil && i >= uint64(len(strs)) {
			d.err = errCorruptHistory
		}
		if d.err != nil {
			return ""
		}
		return strs[i]
	}
	out := make([]mlflow.Metric, n)
	var step, ts int64
	for i := range out {
		step += d.varint()
		ts += d.varint()
		if d.err == nil && len(d.b) < 8 {
			d.err = errCorruptHistory
		}
		if d.err != nil {
			return nil, fmt.Errorf("%w: truncated at point %d", errCorruptHistory, i)
		}
		v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
		d.b = d.b[8:]
		m := &out[i]
		m.Key, m.Step, m.Timestamp, m.Value = key, step, ts, mlflow.Float(v)
		if flags&flagExtras != 0 {
			m.DatasetName, m.DatasetDigest, m.ModelID = str(), str(), str()
			if d.err != nil {
				return nil, fmt.Errorf("%w: bad string index at point %d", errCorruptHistory, i)
			}
		}
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", errCorruptHistory, len(d.b))
	}
	return out, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorruptHistory
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorruptHistory
		return 0
	}
	d.b = d.b[n:]
	return v
}

// summarize computes a metric's summary row from its history: the latest
// point as MLflow picks it (greatest by mlflow.Metric.Less), min and max
// ignoring NaN (nil when every value is NaN) and the point count.
type summary struct {
	latest   mlflow.Metric
	min, max *float64
	count    int
}

func summarize(h []mlflow.Metric) summary {
	var s summary
	s.count = len(h)
	var lo, hi float64
	seen := false
	for i := range h {
		if i == 0 || s.latest.Less(h[i]) {
			s.latest = h[i]
		}
		v := float64(h[i].Value)
		if math.IsNaN(v) {
			continue
		}
		if !seen || v < lo {
			lo = v
		}
		if !seen || v > hi {
			hi = v
		}
		seen = true
	}
	if seen {
		s.min, s.max = &lo, &hi
	}
	return s
}
