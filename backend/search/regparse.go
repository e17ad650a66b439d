package search

import (
	"strings"
)

// isPromptKey is the tag MLflow sets on prompts, which live in the model
// registry but are left out of model searches unless a filter names it.
const isPromptKey = "mlflow.prompt.is_prompt"

// regAttr describes a searchable registry attribute.
type regAttr struct {
	col     string // column of the searched table
	numeric bool
}

// regSpec is what differs between registered-model and model-version
// searches.
type regSpec struct {
	attrs       map[string]regAttr
	stringOps   []string // comparators allowed on string attributes
	orderKeys   map[string]string
	numericMsg  string // error for a number compared with a string attribute
	table, tags string // searched table and its tag table
	nullTags    bool   // tags accept IS NULL / IS NOT NULL
	prompts     bool   // hide prompts unless the filter names isPromptKey
	link        string // joins a tag row t to the searched row e
}

var (
	modelSpec = regSpec{
		attrs:     map[string]regAttr{"name": {col: "name"}},
		stringOps: stringOps,
		// The union of both MLflow stores' keys: SQLite knows timestamp,
		// the FileStore creation_timestamp; timestamp means last update.
		orderKeys: map[string]string{"name": "name", "timestamp": "last_updated_timestamp",
			"last_updated_timestamp": "last_updated_timestamp", "creation_timestamp": "creation_timestamp"},
		numericMsg: "Expected a quoted string value or a list of quoted string values for attributes. Got value %s",
		table:      "registered_models", tags: "registered_model_tags",
		prompts: true, link: "e.name = t.name",
	}
	versionSpec = regSpec{
		attrs: map[string]regAttr{"name": {col: "name"}, "run_id": {col: "run_id"},
			"source_path": {col: "source"}, "version_number": {col: "version", numeric: true}},
		stringOps: []string{"=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"},
		orderKeys: map[string]string{"name": "name", "version_number": "version",
			"creation_timestamp": "creation_timestamp", "last_updated_timestamp": "last_updated_timestamp"},
		numericMsg: "Only the '" + pySet("creation_timestamp", "last_updated_timestamp", "version_number") +
			"' attributes support comparison with numeric values.",
		table: "model_versions", tags: "model_version_tags",
		prompts: true, link: "e.name = t.name AND e.version = t.version",
	}
)

// RegClause is one validated comparison of a registry filter: on a tag
// (Tag) or an attribute (Col is its column).
type RegClause struct {
	Tag  bool
	Key  string // tag key, or attribute name as written
	Col  string
	Op   string
	Str  string
	Int  int64
	List []string
}

func regKeys(spec regSpec) []string {
	out := make([]string, 0, len(spec.attrs))
	for k := range spec.attrs {
		out = append(out, k)
	}
	return out
}

// parseRegistryFilter parses a registered-model or model-version filter.
func parseRegistryFilter(filter string, spec regSpec) ([]RegClause, error) {
	if strings.TrimSpace(filter) == "" {
		return nil, nil
	}
	items := group(filter, lex(filter))
	var bad []string
	for _, it := range items {
		switch {
		case it.clause == nil:
			bad = append(bad, it.invalid)
		case it.clause.isNullCmp && !(spec.nullTags && isTagIdent(it.clause.leftText)):
			bad = append(bad, it.clause.leftText)
			bad = append(bad, it.clause.opTokens...)
		}
	}
	if len(bad) > 0 {
		return nil, invalid("Invalid clause(s) in filter string: %s", strings.Join(bad, ", "))
	}
	out := make([]RegClause, 0, len(items))
	for _, it := range items {
		c, err := regClause(it.clause, spec)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, c := range out {
		if err := checkRegComparator(c, spec); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func regClause(rc *rawClause, spec regSpec) (RegClause, error) {
	var c RegClause
	if len(rc.left) != 1 || rc.left[0].kind != tIdent {
		return c, invalid("Invalid comparison clause. Expected 'Identifier' found '%s'", rc.leftText)
	}
	prefix, key, dotted := splitIdentifier(rc.leftText)
	if dotted {
		switch trimBackticks(prefix) {
		case "tag", "tags":
			c.Tag = true
		case "attribute":
		default:
			return c, invalid("Invalid entity type '%s'. Valid entity types are ('attribute', 'tag', 'tags')", prefix)
		}
	}
	c.Key, c.Op = cleanKey(key), rc.op
	if rc.isNullCmp {
		return c, nil // only grouped for tags (see parseRegistryFilter)
	}
	v, single := rc.val[0], len(rc.val) == 1
	var err error
	if c.Tag {
		if !single || (v.kind != tString && v.kind != tIdent) {
			return c, invalid("Expected a quoted string value for tag (e.g. 'my-value'). Got value %s", rc.valText)
		}
		c.Str, err = quotedValue(v.text)
		return c, err
	}
	a, ok := spec.attrs[c.Key]
	if !ok {
		return c, invalid("Invalid attribute key '%s' specified. Valid keys are '%s'", c.Key, pySet(regKeys(spec)...))
	}
	c.Col = a.col
	switch {
	case a.numeric:
		if !single || v.kind != tInt {
			return c, invalid("Expected an integer value for numeric attribute: %s. Found %s", c.Key, rc.valText)
		}
		var num Clause
		setNumber(&num, v)
		if !num.IsInt {
			return c, invalid("Expected an integer value for numeric attribute: %s. Found %s", c.Key, rc.valText)
		}
		c.Int = num.Int
	case single && (v.kind == tString || v.kind == tIdent):
		c.Str, err = quotedValue(v.text)
	case single && v.kind == tParen:
		if c.Key != "run_id" {
			return c, invalid("Only the 'run_id' attribute supports comparison with a list of quoted string values.")
		}
		c.List, err = parseStringTuple(v.text)
	case single && (v.kind == tInt || v.kind == tFloat):
		if strings.Contains(spec.numericMsg, "%s") {
			return c, invalid(spec.numericMsg, rc.valText)
		}
		return c, invalid("%s", spec.numericMsg)
	default:
		return c, invalid("Expected a quoted string value or a list of quoted string values for attributes. Got value %s", rc.valText)
	}
	return c, err
}

// isTagIdent reports whether an identifier names a tag.
func isTagIdent(raw string) bool {
	p, _, ok := splitIdentifier(raw)
	p = trimBackticks(p)
	return ok && (p == "tag" || p == "tags")
}

func checkRegComparator(c RegClause, spec regSpec) error {
	switch {
	case c.Op == "IS NULL" || c.Op == "IS NOT NULL":
		return nil
	case c.Tag:
		return checkOp(c.Op, stringOps, false)
	case spec.attrs[c.Key].numeric:
		return checkOp(c.Op, metricOps, false)
	}
	if err := checkOp(c.Op, spec.stringOps, true); err != nil {
		return err
	}
	return checkListOp(Clause{Key: c.Key, Op: c.Op, List: c.List})
}

// regOrder is one parsed registry order_by element.
type regOrder struct {
	col  string
	desc bool
}

// sqlWords are words sqlparse reads as keywords, so MLflow cannot parse an
// order_by made of one of them ("version DESC").
var sqlWords = map[string]bool{"VERSION": true, "SELECT": true, "FROM": true, "WHERE": true, "ORDER": true,
	"GROUP": true, "BY": true, "LIMIT": true, "TABLE": true, "AND": true, "OR": true, "NOT": true, "NULL": true,
	"IS": true, "IN": true, "LIKE": true, "ASC": true, "DESC": true}

func parseRegistryOrder(orderBy []string, spec regSpec) ([]regOrder, error) {
	var out []regOrder
	seen := map[string]bool{}
	for _, el := range orderBy {
		name, desc, err := orderTokens(el)
		if err == nil && sqlWords[strings.ToUpper(name)] {
			err = invalid("Invalid order_by clause '%s'. Could not be parsed.", el)
		}
		if err != nil {
			return nil, err
		}
		if p, k, ok := splitIdentifier(name); ok {
			if p != "attribute" {
				return nil, invalid("Invalid order_by entity: %s", p)
			}
			name = k
		}
		col, ok := spec.orderKeys[name]
		if !ok {
			keys := make([]string, 0, len(spec.orderKeys))
			for k := range spec.orderKeys {
				keys = append(keys, k)
			}
			return nil, invalid("Invalid attribute key '%s' specified. Valid keys are '%s'", name, pySet(keys...))
		}
		if seen[col] {
			return nil, invalid("`order_by` contains duplicate fields: %s", pyList(orderBy))
		}
		seen[col] = true
		out = append(out, regOrder{col: col, desc: desc})
	}
	return out, nil
}
