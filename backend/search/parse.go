package search

import "strings"

// rawClause is one comparison as sqlparse would group it, before any
// MLflow-specific validation: left side, comparator, right side.
type rawClause struct {
	left      []token // the left operand expression (one tIdent when valid)
	leftText  string
	op        string   // canonical comparator: "=", "LIKE", "NOT IN", "IS NULL", …
	opTokens  []string // the comparator's raw tokens ("IS", "NULL")
	val       []token  // the right operand expression (nil for IS [NOT] NULL)
	valText   string
	isNullCmp bool
}

// item is a clause or a token that belongs to no clause, in input order.
type item struct {
	clause  *rawClause
	invalid string
}

// group walks the tokens the way MLflow reads sqlparse's output: AND
// keywords separate clauses, comparisons are grouped, and anything else is
// an invalid token.
func group(src string, toks []token) []item {
	var items []item
	i := 0
	for i < len(toks) {
		t := toks[i]
		if t.kind == tKeyword && t.word == "AND" {
			i++
			continue
		}
		l := expr(toks, i)
		if l == i {
			items = append(items, item{invalid: t.text})
			i++
			continue
		}
		left := toks[i:l]
		c := &rawClause{left: left, leftText: span(src, left)}
		next := l
		switch {
		case next < len(toks) && toks[next].kind == tCmp:
			r := expr(toks, next+1)
			if r == next+1 {
				break
			}
			c.op = strings.ToUpper(toks[next].word)
			c.opTokens = []string{toks[next].text}
			c.val = toks[next+1 : r]
			c.valText = span(src, c.val)
			items = append(items, item{clause: c})
			i = r
			continue
		case len(left) == 1 && left[0].kind == tIdent && next+1 < len(toks) && isKw(toks[next], "IN") && toks[next+1].kind == tParen:
			c.op, c.opTokens = "IN", []string{toks[next].text}
			c.val = toks[next+1 : next+2]
			c.valText = toks[next+1].text
			items = append(items, item{clause: c})
			i = next + 2
			continue
		case len(left) == 1 && left[0].kind == tIdent && next+1 < len(toks) && isKw(toks[next], "IS") && (isKw(toks[next+1], "NULL") || isKw(toks[next+1], "NOT NULL")):
			c.op = "IS " + toks[next+1].word
			c.opTokens = []string{toks[next].text, toks[next+1].text}
			c.isNullCmp = true
			items = append(items, item{clause: c})
			i = next + 2
			continue
		case len(left) == 1 && left[0].kind == tIdent && next+2 < len(toks) && isKw(toks[next], "NOT") && isKw(toks[next+1], "IN") && toks[next+2].kind == tParen:
			c.op, c.opTokens = "NOT IN", []string{toks[next].text, toks[next+1].text}
			c.val = toks[next+2 : next+3]
			c.valText = toks[next+2].text
			items = append(items, item{clause: c})
			i = next + 3
			continue
		}
		// No comparison here: the first token is invalid; rescan after it.
		items = append(items, item{invalid: t.text})
		i++
	}
	return items
}

func isKw(t token, w string) bool { return t.kind == tKeyword && t.word == w }

// expr matches operand (operator operand)* from i and returns the end.
func expr(toks []token, i int) int {
	if i >= len(toks) || !isOperand(toks[i]) {
		return i
	}
	j := i + 1
	for j+1 < len(toks) && toks[j].kind == tOp && isOperand(toks[j+1]) {
		j += 2
	}
	return j
}

func isOperand(t token) bool {
	switch t.kind {
	case tIdent, tString, tInt, tFloat, tParen, tHex:
		return true
	}
	return false
}

// span is the source text covered by toks.
func span(src string, toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	return src[toks[0].pos:toks[len(toks)-1].end]
}

// splitIdentifier splits an identifier's raw text at its first dot, as
// MLflow does; ok is false when there is no dot.
func splitIdentifier(raw string) (prefix, key string, ok bool) {
	i := strings.IndexByte(raw, '.')
	if i < 0 {
		return "", raw, false
	}
	return raw[:i], raw[i+1:], true
}

// isQuoted reports whether v is wrapped in q (at least two characters).
func isQuoted(v string, q byte) bool {
	return len(v) >= 2 && v[0] == q && v[len(v)-1] == q
}

// trimBackticks removes one pair of wrapping backticks.
func trimBackticks(v string) string {
	if isQuoted(v, '`') {
		return v[1 : len(v)-1]
	}
	return v
}

// stripQuotes removes one pair of wrapping single or double quotes; no
// unescaping, as in MLflow.
func stripQuotes(v string) (string, bool) {
	if isQuoted(v, '\'') || isQuoted(v, '"') {
		return v[1 : len(v)-1], true
	}
	return v, false
}

// cleanKey is MLflow's key normalisation: strip quotes, then backticks.
func cleanKey(k string) string {
	k, _ = stripQuotes(k)
	return trimBackticks(k)
}
