package demo

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ymap is a YAML mapping. It is emitted with keys sorted, as PyYAML's
// safe_dump does by default.
type ymap map[string]any

// yamlBestWidth is PyYAML's default line width for folding long scalars.
const yamlBestWidth = 80

// Plain scalars that PyYAML's resolver would read back as something other
// than a string (null, bool, int, float, timestamp, merge, value) must be
// quoted. The patterns are PyYAML's implicit resolvers.
var yamlImplicit = []*regexp.Regexp{
	regexp.MustCompile(`^(?:~|null|Null|NULL|)$`),
	regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`),
	regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`),
	regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`),
	regexp.MustCompile(`^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$`),
	regexp.MustCompile(`^(?:<<|=)$`),
}

// marshalYAML renders a mapping the way PyYAML's safe_dump does with
// default_flow_style=False and allow_unicode=True.
func marshalYAML(m ymap) []byte {
	var e yamlEmitter
	e.mapping(m, 0)
	return []byte(e.b.String())
}

type yamlEmitter struct {
	b      strings.Builder
	column int
}

func (e *yamlEmitter) write(s string) {
	e.b.WriteString(s)
	e.column += utf8.RuneCountInString(s)
}

func (e *yamlEmitter) newline(indent int) {
	e.b.WriteByte('\n')
	e.b.WriteString(strings.Repeat(" ", indent))
	e.column = indent
}

func (e *yamlEmitter) mapping(m ymap, indent int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e.b.WriteString(strings.Repeat(" ", indent))
		e.column = indent
		e.scalar(k, indent, false)
		e.write(":")
		e.value(m[k], indent)
	}
}

// value writes what follows "key:" and the final line break.
func (e *yamlEmitter) value(v any, indent int) {
	switch x := v.(type) {
	case nil:
		e.write(" null\n")
	case bool:
		if x {
			e.write(" true\n")
		} else {
			e.write(" false\n")
		}
	case int:
		e.write(" " + strconv.Itoa(x) + "\n")
	case int64:
		e.write(" " + strconv.FormatInt(x, 10) + "\n")
	case string:
		e.write(" ")
		e.scalar(x, indent+2, true)
		e.b.WriteByte('\n')
	case ymap:
		if len(x) == 0 {
			e.write(" {}\n")
			return
		}
		e.b.WriteByte('\n')
		e.mapping(x, indent+2)
	case []string:
		if len(x) == 0 {
			e.write(" []\n")
			return
		}
		// PyYAML writes block sequences inside mappings without extra indent.
		e.b.WriteByte('\n')
		for _, s := range x {
			e.b.WriteString(strings.Repeat(" ", indent))
			e.column = indent
			e.write("- ")
			e.scalar(s, indent+2, true)
			e.b.WriteByte('\n')
		}
	default:
		e.write(" null\n")
	}
}

// scalar writes a string plain when PyYAML would, else single-quoted, else
// double-quoted; split allows folding at spaces past the line width.
func (e *yamlEmitter) scalar(s string, indent int, split bool) {
	switch yamlStyle(s) {
	case 'p':
		e.plain(s, indent, split)
	case '\'':
		e.singleQuoted(s, indent, split)
	default:
		e.write(strconv.Quote(s))
	}
}

func (e *yamlEmitter) plain(s string, indent int, split bool) {
	start := 0
	spaces := false
	rs := []rune(s)
	for end := 0; end <= len(rs); end++ {
		var ch rune = -1
		if end < len(rs) {
			ch = rs[end]
		}
		if spaces {
			if ch != ' ' {
				if start+1 == end && e.column > yamlBestWidth && split {
					e.newline(indent)
				} else {
					e.write(string(rs[start:end]))
				}
				start = end
			}
		} else if ch == -1 || ch == ' ' {
			e.write(string(rs[start:end]))
			start = end
		}
		spaces = ch == ' '
	}
}

func (e *yamlEmitter) singleQuoted(s string, indent int, split bool) {
	e.write("'")
	rs := []rune(s)
	start := 0
	spaces, breaks := false, false
	for end := 0; end <= len(rs); end++ {
		var ch rune = -1
		if end < len(rs) {
			ch = rs[end]
		}
		switch {
		case spaces:
			if ch != ' ' {
				if start+1 == end && e.column > yamlBestWidth && split && start != 0 && end != len(rs) {
					e.newline(indent)
				} else {
					e.write(string(rs[start:end]))
				}
				start = end
			}
		case breaks:
			if ch != '\n' {
				if rs[start] == '\n' {
					e.b.WriteByte('\n')
				}
				for range rs[start:end] {
					e.b.WriteByte('\n')
				}
				e.b.WriteString(strings.Repeat(" ", indent))
				e.column = indent
				start = end
			}
		default:
			if ch == -1 || ch == ' ' || ch == '\n' || ch == '\'' {
				if start < end {
					e.write(string(rs[start:end]))
					start = end
				}
			}
		}
		if ch == '\'' {
			e.write("''")
			start = end + 1
		}
		spaces = ch == ' '
		breaks = ch == '\n'
	}
	e.write("'")
}

// yamlStyle picks PyYAML's style for a block-context scalar: 'p' plain,
// '\” single-quoted or '"' double-quoted.
func yamlStyle(s string) byte {
	for _, re := range yamlImplicit {
		if re.MatchString(s) {
			return '\''
		}
	}
	plain := true
	rs := []rune(s)
	for i, ch := range rs {
		if !yamlPrintable(ch) {
			return '"'
		}
		next := rune(-1)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		followedBySpace := next == -1 || next == ' ' || next == '\n'
		if i == 0 {
			switch {
			case strings.ContainsRune("#,[]{}&*!|>'\"%@`", ch):
				plain = false
			case (ch == '?' || ch == ':' || ch == '-') && followedBySpace:
				plain = false
			}
		} else {
			if ch == ':' && followedBySpace {
				plain = false
			}
			if ch == '#' && (rs[i-1] == ' ' || rs[i-1] == '\n') {
				plain = false
			}
		}
		if ch == '\n' {
			plain = false
			// A space next to a line break cannot be kept single-quoted.
			if (i > 0 && rs[i-1] == ' ') || next == ' ' {
				return '"'
			}
		}
	}
	if rs[0] == ' ' || rs[len(rs)-1] == ' ' || rs[len(rs)-1] == '\n' || rs[0] == '\n' {
		plain = false
	}
	if plain {
		return 'p'
	}
	return '\''
}

func yamlPrintable(ch rune) bool {
	switch {
	case ch == '\n':
		return true
	case ch >= 0x20 && ch <= 0x7e:
		return true
	case ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD) || (ch >= 0x10000 && ch < 0x10FFFF):
		return ch != 0xFEFF
	}
	return false
}
