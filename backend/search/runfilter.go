package search

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is what a search key names.
type Kind int

// The kinds of searchable run fields.
const (
	Metric Kind = iota + 1
	Param
	Tag
	Attribute
	Dataset
)

func (k Kind) String() string {
	switch k {
	case Metric:
		return "metric"
	case Param:
		return "parameter"
	case Tag:
		return "tag"
	case Attribute:
		return "attribute"
	case Dataset:
		return "dataset"
	}
	return "unknown"
}

// Clause is one validated comparison of a run filter.
type Clause struct {
	Kind Kind
	// Key is the metric/param/tag key, the canonical attribute name
	// (aliases resolved: created → start_time, `Run name` → run_name) or the
	// dataset field (name, digest, context).
	Key string
	// Op is one of = != < <= > >= LIKE ILIKE IN "NOT IN" "IS NULL" "IS NOT NULL".
	Op string
	// Str is the string value (outer quotes stripped, nothing unescaped).
	Str string
	// Num is the numeric value of metrics and numeric attributes; IsInt
	// tells that the literal was an integer, then Int holds it exactly.
	Num   float64
	IsInt bool
	Int   int64
	// List holds the values of IN / NOT IN.
	List []string
}

var (
	entityKinds = map[string]Kind{
		"metric": Metric, "metrics": Metric,
		"parameter": Param, "parameters": Param, "param": Param, "params": Param,
		"tag": Tag, "tags": Tag,
		"attribute": Attribute, "attributes": Attribute, "attr": Attribute, "run": Attribute,
		"dataset": Dataset, "datasets": Dataset,
	}
	// searchAttrs maps every searchable attribute spelling to its column.
	searchAttrs = map[string]string{
		"run_id": "run_id", "run_name": "run_name", "run name": "run_name", "Run name": "run_name",
		"Run Name": "run_name", "status": "status", "user_id": "user_id", "artifact_uri": "artifact_uri",
		"start_time": "start_time", "created": "start_time", "Created": "start_time", "end_time": "end_time",
	}
	// orderAttrs are the attribute spellings order_by accepts.
	orderAttrs = map[string]string{
		"run_id": "run_id", "run_name": "run_name", "status": "status", "user_id": "user_id",
		"artifact_uri": "artifact_uri", "start_time": "start_time", "created": "start_time",
		"Created": "start_time", "end_time": "end_time",
	}
	numericAttrs = map[string]bool{"start_time": true, "end_time": true}
	datasetKeys  = map[string]bool{"name": true, "digest": true, "context": true}

	metricOps  = []string{"=", "!=", "<", "<=", ">", ">="}
	stringOps  = []string{"=", "!=", "LIKE", "ILIKE"}
	attrOps    = []string{"=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"}
	entityList = "['metric', 'parameter', 'tag', 'attribute', 'dataset']"
)

func keysOf(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// ParseFilter parses and validates a runs/search filter. An empty (or
// all-blank) filter gives no clauses. Errors are *mlflow.Error with code
// INVALID_PARAMETER_VALUE and MLflow's wording.
func ParseFilter(filter string) ([]Clause, error) {
	if strings.TrimSpace(filter) == "" {
		return nil, nil
	}
	items := group(filter, lex(filter))
	// MLflow 3.5 does not group IS [NOT] NULL; we accept it on params and
	// tags (as 3.11 does) and report it elsewhere as 3.5 reports it.
	var bad []string
	for _, it := range items {
		switch {
		case it.clause == nil:
			bad = append(bad, it.invalid)
		case it.clause.isNullCmp && !nullable(it.clause):
			bad = append(bad, it.clause.leftText)
			bad = append(bad, it.clause.opTokens...)
		}
	}
	if len(bad) > 0 {
		q := make([]string, len(bad))
		for i, b := range bad {
			q[i] = "'" + b + "'"
		}
		return nil, invalid("Invalid clause(s) in filter string: %s", strings.Join(q, ", "))
	}
	out := make([]Clause, 0, len(items))
	for _, it := range items {
		c, err := runClause(it.clause)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, c := range out {
		if err := checkRunComparator(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// nullable reports whether an IS [NOT] NULL clause names a param or tag.
func nullable(c *rawClause) bool {
	prefix, _, ok := splitIdentifier(c.leftText)
	if !ok {
		return false
	}
	k := entityKinds[trimBackticks(prefix)]
	return k == Param || k == Tag
}

// runIdentifier resolves an identifier's raw text to a kind and key.
func runIdentifier(raw string, attrs map[string]string) (Kind, string, error) {
	kind := Attribute
	prefix, key, dotted := splitIdentifier(raw)
	if dotted {
		p := trimBackticks(prefix)
		k, ok := entityKinds[p]
		if !ok {
			return 0, "", invalid("Invalid entity type '%s'. Valid values are %s", p, entityList)
		}
		kind = k
	}
	key = cleanKey(key)
	switch kind {
	case Attribute:
		col, ok := attrs[key]
		if !ok {
			return 0, "", invalid("Invalid attribute key '%s' specified. Valid keys are '%s'", key, pySet(keysOf(attrs)...))
		}
		return kind, col, nil
	case Dataset:
		if !datasetKeys[key] {
			return 0, "", invalid("Invalid dataset key '%s' specified. Valid keys are '%s'", key, pySet("name", "digest", "context"))
		}
	}
	return kind, key, nil
}

func runClause(rc *rawClause) (Clause, error) {
	if len(rc.left) != 1 || rc.left[0].kind != tIdent {
		return Clause{}, invalid("Invalid comparison clause. Expected 'Identifier' found '%s'", rc.leftText)
	}
	kind, key, err := runIdentifier(rc.leftText, searchAttrs)
	if err != nil {
		return Clause{}, err
	}
	c := Clause{Kind: kind, Key: key, Op: rc.op}
	if rc.isNullCmp {
		return c, nil
	}
	shownKey := cleanKey(keyPart(rc.leftText))
	v := rc.val[0]
	single := len(rc.val) == 1
	switch {
	case kind == Metric || kind == Attribute && numericAttrs[key]:
		if !single || (v.kind != tInt && v.kind != tFloat) {
			if kind == Metric {
				return c, invalid("Expected numeric value type for metric. Found %s", rc.valText)
			}
			return c, invalid("Expected numeric value type for numeric attribute: %s. Found %s", shownKey, rc.valText)
		}
		setNumber(&c, v)
	case kind == Param || kind == Tag:
		if !single || (v.kind != tString && v.kind != tIdent) {
			return c, invalid("Expected a quoted string value for %s (e.g. 'my-value'). Got value %s", kind, rc.valText)
		}
		if c.Str, err = quotedValue(v.text); err != nil {
			return c, err
		}
	default: // string attribute or dataset field
		switch {
		case single && (v.kind == tString || v.kind == tIdent):
			if c.Str, err = quotedValue(v.text); err != nil {
				return c, err
			}
		case single && v.kind == tParen:
			if kind == Attribute && key != "run_id" {
				return c, invalid("Only the 'run_id' attribute supports comparison with a list of quoted string values.")
			}
			if c.List, err = parseStringTuple(v.text); err != nil {
				return c, err
			}
		case kind == Dataset:
			return c, invalid("Expected a quoted string value for dataset attributes. Got value %s", rc.valText)
		default:
			return c, invalid("Expected a quoted string value for attributes. Got value %s", rc.valText)
		}
	}
	return c, nil
}

// keyPart is the text after the identifier's first dot (all of it if none).
func keyPart(raw string) string {
	_, k, _ := splitIdentifier(raw)
	return k
}

func quotedValue(text string) (string, error) {
	v, ok := stripQuotes(text)
	if !ok {
		return "", invalid("Parameter value is either not quoted or unidentified quote types used for string value %s. Use either single or double quotes.", text)
	}
	return v, nil
}

// setNumber stores a numeric literal. Out-of-range literals become ±Inf
// or 0, as Python's float() makes them.
func setNumber(c *Clause, t token) {
	f, err := strconv.ParseFloat(t.text, 64)
	if err != nil && !math.IsInf(f, 0) && f != 0 {
		f = 0
	}
	c.Num = f
	if t.kind == tInt {
		if n, err := strconv.ParseInt(t.text, 10, 64); err == nil {
			c.IsInt, c.Int = true, n
		}
	}
}

func checkRunComparator(c Clause) error {
	switch {
	case c.Op == "IS NULL" || c.Op == "IS NOT NULL":
		return nil // only grouped for params and tags
	case c.Kind == Metric:
		return checkOp(c.Op, metricOps, false)
	case c.Kind == Param:
		return checkOp(c.Op, stringOps, true)
	case c.Kind == Tag:
		return checkOp(c.Op, stringOps, false)
	case c.Kind == Attribute && numericAttrs[c.Key]:
		return checkOp(c.Op, metricOps, false)
	}
	closing := c.Kind == Attribute
	if err := checkOp(c.Op, attrOps, closing); err != nil {
		return err
	}
	return checkListOp(c)
}

// checkListOp rejects a list used with a scalar comparator and the
// reverse (MLflow's SQL store fails on these with a driver error).
func checkListOp(c Clause) error {
	isList := c.Op == "IN" || c.Op == "NOT IN"
	switch {
	case c.List != nil && !isList:
		return invalid("Invalid comparator '%s' for a list of values: %s compares with a list only through IN or NOT IN", c.Op, c.Key)
	case c.List == nil && isList:
		return invalid("Invalid comparator '%s' for a single value: %s IN needs a list such as ('a', 'b')", c.Op, c.Key)
	}
	return nil
}

// checkOp reproduces MLflow's "Invalid comparator" message; closing adds
// the trailing quote some of MLflow's variants have.
func checkOp(op string, allowed []string, closing bool) error {
	for _, a := range allowed {
		if op == a {
			return nil
		}
	}
	msg := fmt.Sprintf("Invalid comparator '%s' not one of '%s", op, pySet(allowed...))
	if closing {
		msg += "'"
	}
	return invalid("%s", msg)
}
