package search

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"flowdeck/backend/mlflow"
)

// invalid builds the INVALID_PARAMETER_VALUE error every rejection uses.
func invalid(format string, a ...any) error { return mlflow.InvalidParamf(format, a...) }

// pySet renders names as Python prints a set of strings, sorted (MLflow's
// own order depends on PYTHONHASHSEED).
func pySet(names ...string) string {
	s := append([]string(nil), names...)
	sort.Strings(s)
	return "{" + pyItems(s) + "}"
}

// pyList renders names as Python prints a list of strings.
func pyList(names []string) string { return "[" + pyItems(names) + "]" }

func pyItems(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = pyRepr(v)
	}
	return strings.Join(q, ", ")
}

// pyRepr quotes a string as Python's repr does for plain text.
func pyRepr(v string) string {
	if strings.ContainsRune(v, '\'') && !strings.ContainsRune(v, '"') {
		return `"` + v + `"`
	}
	return "'" + strings.ReplaceAll(v, "'", `\'`) + "'"
}

// parseStringTuple reads a parenthesised list of Python string literals,
// as MLflow's ast.literal_eval does for IN lists: ('a', "b",) or ('a').
func parseStringTuple(raw string) ([]string, error) {
	illFormed := invalid("While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.")
	if len(raw) < 2 || raw[0] != '(' || raw[len(raw)-1] != ')' {
		return nil, illFormed
	}
	body := raw[1 : len(raw)-1]
	var out []string
	nonString := false
	i := 0
	for {
		i = skipSpace(body, i)
		if i >= len(body) {
			break
		}
		c := body[i]
		if c == '\'' || c == '"' {
			v, n, ok := pyStringLit(body[i:])
			if !ok {
				return nil, illFormed
			}
			out = append(out, v)
			i += n
		} else {
			j := i
			for j < len(body) && body[j] != ',' {
				j++
			}
			if !isPyNumber(strings.TrimSpace(body[i:j])) {
				return nil, illFormed
			}
			nonString = true
			out = append(out, "")
			i = j
		}
		i = skipSpace(body, i)
		if i >= len(body) {
			break
		}
		if body[i] != ',' {
			return nil, illFormed
		}
		i++
	}
	if len(out) == 0 {
		return nil, invalid("While parsing a list in the query, expected a non-empty list of string values, but got empty list")
	}
	if nonString {
		return nil, invalid("While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: %s", raw)
	}
	return out, nil
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

func isPyNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if s == "" {
		return false
	}
	_, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	return err == nil || strings.Contains(err.Error(), "range")
}

// pyStringLit decodes one Python string literal at the start of s and
// returns its value and length. Common escapes are decoded; unknown ones
// keep their backslash, as Python does.
func pyStringLit(s string) (string, int, bool) {
	q := s[0]
	var b strings.Builder
	i := 1
	for i < len(s) {
		c := s[i]
		switch {
		case c == q:
			return b.String(), i + 1, true
		case c == '\n':
			return "", 0, false
		case c == '\\' && i+1 < len(s):
			n, ok := pyEscape(s[i+1:], &b)
			if !ok {
				return "", 0, false
			}
			i += 1 + n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, false
}

func pyEscape(s string, b *strings.Builder) (int, bool) {
	simple := map[byte]string{'\\': `\`, '\'': `'`, '"': `"`, 'n': "\n", 't': "\t", 'r': "\r",
		'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v", '\n': ""}
	if v, ok := simple[s[0]]; ok {
		b.WriteString(v)
		return 1, true
	}
	hex := func(n int) (int, bool) {
		if len(s) < 1+n {
			return 0, false
		}
		v, err := strconv.ParseUint(s[1:1+n], 16, 32)
		if err != nil || v > utf8.MaxRune {
			return 0, false
		}
		b.WriteRune(rune(v))
		return 1 + n, true
	}
	switch s[0] {
	case 'x':
		return hex(2)
	case 'u':
		return hex(4)
	case 'U':
		return hex(8)
	}
	if s[0] >= '0' && s[0] <= '7' {
		n := 0
		v := 0
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			v = v*8 + int(s[n]-'0')
			n++
		}
		b.WriteRune(rune(v))
		return n, true
	}
	b.WriteByte('\\')
	return 0, true
}
