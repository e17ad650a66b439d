package search

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// Result limits, as MLflow's.
const (
	defaultRunResults     = 1000
	maxRunResults         = 50000
	defaultModelResults   = 100
	maxModelResults       = 1000
	defaultVersionResults = 10000
	maxVersionResults     = 200000
	defaultExpResults     = 1000
	maxExpResults         = 50000
)

// checkMaxResults applies the default to 0 and rejects values out of range.
func checkMaxResults(n, def, max int) (int, error) {
	switch {
	case n == 0:
		return def, nil
	case n < 0:
		return 0, invalid("Invalid value for request parameter max_results. It must be a positive integer, but got value %d", n)
	case n > max:
		return 0, invalid("Invalid value for request parameter max_results. It must be at most %d, but got value %d", max, n)
	}
	return n, nil
}

// pageToken is MLflow's own token shape, base64 of {"offset": N}; callers
// must treat it as opaque.
type pageToken struct {
	Offset *int64 `json:"offset"`
}

// encodeToken makes the token of the page starting at offset.
func encodeToken(offset int) string {
	b, _ := json.Marshal(map[string]int{"offset": offset})
	return base64.StdEncoding.EncodeToString(b)
}

// decodeToken returns the offset a token names; "" is offset 0.
func decodeToken(tok string) (int, error) {
	if tok == "" {
		return 0, nil
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(tok))
	if err != nil {
		if raw, err = base64.URLEncoding.DecodeString(strings.TrimSpace(tok)); err != nil {
			return 0, invalid("Invalid page token, could not base64-decode")
		}
	}
	var p pageToken
	if err := json.Unmarshal(raw, &p); err != nil || p.Offset == nil {
		return 0, invalid("Invalid page token, decoded value=%q", raw)
	}
	if *p.Offset < 0 || *p.Offset > 1<<40 {
		return 0, invalid("Invalid page token, offset %d out of range", *p.Offset)
	}
	return int(*p.Offset), nil
}

// nextToken is the token of the page after [offset, offset+n), or "" when
// that page is the last.
func nextToken(offset, n, total int) string {
	if offset+n < total {
		return encodeToken(offset + n)
	}
	return ""
}
