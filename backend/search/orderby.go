package search

import (
	"fmt"
	"strings"
)

// Agg selects which value of a metric an order_by key sorts on.
type Agg int

// Metric aggregates: the latest value (MLflow), or Flowdeck's min()/max()
// over the whole history.
const (
	Latest Agg = iota
	Min
	Max
)

// OrderKey is one parsed order_by element.
type OrderKey struct {
	Kind Kind // Metric, Param, Tag or Attribute
	Key  string
	Agg  Agg // metrics only
	Desc bool
}

func (o OrderKey) field() string { return fmt.Sprintf("%d/%d/%s", o.Kind, o.Agg, o.Key) }

// ParseOrderBy parses runs/search order_by elements. A field named twice
// (also through an alias, e.g. start_time and created) is rejected.
func ParseOrderBy(orderBy []string) ([]OrderKey, error) {
	out := make([]OrderKey, 0, len(orderBy))
	seen := map[string]bool{}
	for _, el := range orderBy {
		k, err := parseRunOrder(el)
		if err != nil {
			return nil, err
		}
		if seen[k.field()] {
			return nil, invalid("`order_by` contains duplicate fields: %s", pyList(orderBy))
		}
		seen[k.field()] = true
		out = append(out, k)
	}
	return out, nil
}

func parseRunOrder(el string) (OrderKey, error) {
	if k, ok, err := parseAggOrder(el); ok || err != nil {
		return k, err
	}
	name, desc, err := orderTokens(el)
	if err != nil {
		return OrderKey{}, err
	}
	kind, key, err := runIdentifier(name, orderAttrs)
	if err != nil {
		return OrderKey{}, err
	}
	if kind == Dataset {
		return OrderKey{}, invalid("Invalid order_by entity type 'dataset' in '%s': runs cannot be ordered by dataset fields", el)
	}
	return OrderKey{Kind: kind, Key: key, Desc: desc}, nil
}

// orderTokens splits "<identifier> [ASC|DESC]" the way MLflow does: the
// identifier's quotes and backticks are dropped (shlex), then the text is
// split at its first dot by the caller.
func orderTokens(el string) (name string, desc bool, err error) {
	unparsable := invalid("Invalid order_by clause '%s'. Could not be parsed.", el)
	toks := lex(el)
	if len(toks) == 0 || len(toks) > 2 || toks[0].kind != tIdent {
		return "", false, unparsable
	}
	if len(toks) == 2 {
		t := toks[1]
		if t.kind != tIdent && t.kind != tKeyword {
			return "", false, unparsable
		}
		switch strings.ToLower(t.text) {
		case "asc":
		case "desc":
			desc = true
		default:
			return "", false, invalid("Invalid ordering key in order_by clause '%s'.", el)
		}
	}
	return unquoteIdent(toks[0].text), desc, nil
}

// unquoteIdent drops the backticks and double quotes of an identifier's
// parts ("metrics.`a b`" → "metrics.a b"), as shlex does in MLflow.
func unquoteIdent(raw string) string {
	var b strings.Builder
	var q byte
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case q == 0 && (c == '`' || c == '"'):
			q = c
		case q != 0 && c == q && i+1 < len(raw) && raw[i+1] == q:
			b.WriteByte(c)
			i++
		case q != 0 && c == q:
			q = 0
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// parseAggOrder reads Flowdeck's min(metrics.<key>) / max(metrics.<key>)
// elements; ok is false when el is not one.
func parseAggOrder(el string) (OrderKey, bool, error) {
	s := strings.TrimSpace(el)
	if len(s) < 4 {
		return OrderKey{}, false, nil
	}
	rest := strings.TrimLeft(s[3:], " \t")
	if rest == "" || rest[0] != '(' {
		return OrderKey{}, false, nil
	}
	var agg Agg
	switch strings.ToLower(s[:3]) {
	case "min":
		agg = Min
	case "max":
		agg = Max
	default:
		return OrderKey{}, false, nil
	}
	toks := lex(rest[1:])
	bad := invalid("Invalid order_by clause '%s'. Expected min(metrics.<key>) or max(metrics.<key>), optionally followed by ASC or DESC.", el)
	if len(toks) < 2 || toks[0].kind != tIdent || toks[1].kind != tOther || toks[1].text != ")" {
		return OrderKey{}, true, bad
	}
	k := OrderKey{Agg: agg}
	switch len(toks) {
	case 2:
	case 3:
		switch strings.ToLower(toks[2].text) {
		case "asc":
		case "desc":
			k.Desc = true
		default:
			return OrderKey{}, true, invalid("Invalid ordering key in order_by clause '%s'.", el)
		}
	default:
		return OrderKey{}, true, bad
	}
	kind, key, err := runIdentifier(unquoteIdent(toks[0].text), orderAttrs)
	if err != nil {
		return OrderKey{}, true, err
	}
	if kind != Metric {
		return OrderKey{}, true, invalid("Invalid order_by clause '%s': min() and max() apply to metrics only", el)
	}
	k.Kind, k.Key = kind, key
	return k, true, nil
}
