package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a lexeme the way sqlparse (which MLflow uses) would,
// so the parser can reproduce MLflow's accept/reject decisions.
type tokKind int

const (
	tIdent   tokKind = iota // name chain: a.b, `a b`.c, "x", tags.`k`
	tString                 // 'single quoted'
	tInt                    // -12
	tFloat                  // 1.5, .5, 1e-5
	tCmp                    // = != < <= > >= == <> LIKE ILIKE NOT LIKE …
	tKeyword                // AND OR NOT IN IS NULL, "NOT NULL"
	tParen                  // ( … ) with everything inside, raw
	tOp                     // + - / * % | …
	tHex                    // 0x1F: a number, but not one MLflow accepts
	tOther                  // anything else: ; , ) unterminated quotes, hex
)

type token struct {
	kind tokKind
	text string // raw text as written
	pos  int    // byte offset in the input
	end  int
	word string // upper-cased text for tKeyword and tCmp ("NOT LIKE")
}

// keywords are the words sqlparse treats as keywords that matter in a
// filter. Other words lex as names.
var keywords = map[string]bool{"AND": true, "OR": true, "NOT": true, "IN": true, "IS": true, "NULL": true}

// lex splits s into tokens, dropping whitespace. It never fails: text it
// cannot classify becomes tOther tokens that the parser reports.
func lex(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		start := i
		var t token
		switch {
		case r == '\'':
			t = lexQuoted(s, i, '\'', tString)
		case r == '`' || r == '"':
			t = lexIdent(s, i)
		case r == '(':
			t = lexParen(s, i)
		case r == '-' && i+1 < len(s) && (isDigit(s[i+1]) || s[i+1] == '.' && i+2 < len(s) && isDigit(s[i+2])):
			t = lexNumber(s, i)
		case isDigit(s[i]) || s[i] == '.' && i+1 < len(s) && isDigit(s[i+1]):
			t = lexNumber(s, i)
		case isWordRune(r):
			t = lexWord(s, i)
		case strings.ContainsRune("<>=~!", r):
			j := i
			for j < len(s) && strings.IndexByte("<>=~!", s[j]) >= 0 {
				j++
			}
			t = token{kind: tCmp, text: s[i:j], word: s[i:j]}
		case strings.ContainsRune("+/@#%^&|-*", r):
			j := i
			for j < len(s) && strings.IndexByte("+/@#%^&|-*", s[j]) >= 0 {
				j++
			}
			t = token{kind: tOp, text: s[i:j]}
		default:
			t = token{kind: tOther, text: s[i : i+w]}
		}
		t.pos = start
		t.end = start + len(t.text)
		if t.end <= start { // never loop forever
			t.text, t.end = s[i:i+w], i+w
		}
		toks = append(toks, t)
		i = t.end
	}
	return toks
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordCont(r rune) bool { return isWordRune(r) || r == '$' || r == '#' }

// lexQuoted reads a quoted run starting at s[i] == q. A doubled quote or a
// backslash-quote does not end it. Unterminated quotes give tOther.
func lexQuoted(s string, i int, q byte, kind tokKind) token {
	j := i + 1
	for j < len(s) {
		switch {
		case s[j] == '\\' && q != '`' && j+1 < len(s) && s[j+1] == q:
			j += 2
		case s[j] == q && j+1 < len(s) && s[j+1] == q:
			j += 2
		case s[j] == q:
			return token{kind: kind, text: s[i : j+1]}
		default:
			j++
		}
	}
	return token{kind: tOther, text: s[i:]}
}

// lexIdent reads a chain of parts joined by dots; a part is a word, a
// `backticked` or a "double-quoted" name.
func lexIdent(s string, i int) token {
	j := i
	for {
		if j >= len(s) {
			break
		}
		switch s[j] {
		case '`', '"':
			p := lexQuoted(s, j, s[j], tIdent)
			if p.kind != tIdent {
				return token{kind: tOther, text: s[i:]}
			}
			j += len(p.text)
		default:
			r, _ := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				return token{kind: tIdent, text: s[i:j]}
			}
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if !isWordCont(r) {
					break
				}
				j += w
			}
		}
		if j+1 < len(s) && s[j] == '.' && (s[j+1] == '`' || s[j+1] == '"' || startsWord(s[j+1:])) {
			j++
			continue
		}
		break
	}
	return token{kind: tIdent, text: s[i:j]}
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// lexWord reads a word; a keyword (or NOT NULL, [NOT] LIKE/ILIKE/RLIKE,
// REGEXP) when it is one, else an identifier chain.
func lexWord(s string, i int) token {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isWordCont(r) {
			break
		}
		j += w
	}
	up := strings.ToUpper(s[i:j])
	dotted := j < len(s) && s[j] == '.'
	switch {
	case dotted:
		return lexIdent(s, i)
	case up == "LIKE" || up == "ILIKE" || up == "RLIKE" || up == "REGEXP":
		return token{kind: tCmp, text: s[i:j], word: up}
	case up == "NOT":
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
			k++
		}
		if k > j {
			m := k
			for m < len(s) && isASCIIWordByte(s[m]) {
				m++
			}
			next := strings.ToUpper(s[k:m])
			switch next {
			case "NULL":
				return token{kind: tKeyword, text: s[i:m], word: "NOT NULL"}
			case "LIKE", "ILIKE", "RLIKE", "REGEXP":
				return token{kind: tCmp, text: s[i:m], word: "NOT " + next}
			}
		}
		return token{kind: tKeyword, text: s[i:j], word: up}
	case keywords[up]:
		return token{kind: tKeyword, text: s[i:j], word: up}
	}
	return lexIdent(s, i)
}

func isASCIIWordByte(b byte) bool {
	return b == '_' || isDigit(b) || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// lexNumber reads a number as sqlparse does: [-]digits[.digits][E[-]digits],
// [-].digits; a number glued to letters is a word; 0x… is hexadecimal,
// which MLflow does not accept as a numeric value (tHex).
func lexNumber(s string, i int) token {
	j := i
	if s[j] == '-' {
		j++
	}
	if j+1 < len(s) && s[j] == '0' && (s[j+1] == 'x' || s[j+1] == 'X') {
		k := j + 2
		for k < len(s) && strings.IndexByte("0123456789abcdefABCDEF", s[k]) >= 0 {
			k++
		}
		if k > j+2 {
			return token{kind: tHex, text: s[i:k]}
		}
	}
	intStart := j
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	intDigits := j > intStart
	kind := tInt
	if j < len(s) && s[j] == '.' {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		// "1." is a float, ".5" is a float, "." alone is not a number.
		if intDigits || k > j+1 {
			kind, j = tFloat, k
		}
	}
	// Exponent: sqlparse needs digits before it and no '+'.
	if intDigits && j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && s[k] == '-' {
			k++
		}
		d := k
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		mant := s[intStart:j]
		if k > d && (!strings.Contains(mant, ".") || fracHasDigits(mant)) {
			kind, j = tFloat, k
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if isWordCont(r) {
			if s[i] == '-' { // "-1abc": an operator then a word
				return token{kind: tOp, text: "-"}
			}
			return lexIdent(s, i)
		}
	}
	return token{kind: kind, text: s[i:j]}
}

// fracHasDigits reports whether "12.5" style text has digits after its dot
// (sqlparse's exponent form is \d+(\.\d+)?E-?\d+).
func fracHasDigits(t string) bool {
	k := strings.IndexByte(t, '.')
	return k >= 0 && k+1 < len(t)
}

// lexParen reads a parenthesised group including nested groups and quoted
// strings; an unbalanced group runs to the end of the input.
func lexParen(s string, i int) token {
	depth := 0
	j := i
	for j < len(s) {
		switch s[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return token{kind: tParen, text: s[i : j+1]}
			}
		case '\'', '"', '`':
			q := lexQuoted(s, j, s[j], tString)
			if q.kind == tOther {
				return token{kind: tOther, text: s[i:]}
			}
			j += len(q.text)
			continue
		}
		j++
	}
	return token{kind: tOther, text: s[i:]}
}
