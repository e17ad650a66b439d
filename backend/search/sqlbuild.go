package search

import (
	"context"
	"database/sql"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Querier is the part of *sql.DB / *sqlx.DB (or a transaction) search
// needs. The connection is the cache's: SQLite with the cache schema.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// sqlBuf accumulates SQL text and its bound arguments in order.
type sqlBuf struct {
	b    strings.Builder
	args []any
}

// add appends SQL text whose '?' placeholders take args, in order.
func (s *sqlBuf) add(sqlText string, args ...any) {
	s.b.WriteString(sqlText)
	s.args = append(s.args, args...)
}

// placeholders appends "(?, ?, …)" for the values.
func (s *sqlBuf) inList(vals []string) {
	s.b.WriteByte('(')
	for i, v := range vals {
		if i > 0 {
			s.b.WriteString(", ")
		}
		s.b.WriteByte('?')
		s.args = append(s.args, v)
	}
	s.b.WriteByte(')')
}

// stringCond appends "<col> <op> ?" for a string comparison. LIKE and
// ILIKE become GLOB (see likeToGlob), so they stay case-sensitive and
// Unicode-aware whatever the connection's LIKE settings are.
func (s *sqlBuf) stringCond(col, op, val string, list []string) {
	switch op {
	case "=", "!=":
		s.add(col+" "+op+" ?", val)
	case "LIKE":
		s.add(col+" GLOB ?", likeToGlob(val, false))
	case "ILIKE":
		s.add(col+" GLOB ?", likeToGlob(val, true))
	case "IN", "NOT IN":
		s.add(col + " " + op + " ")
		s.inList(list)
	default: // unreachable after validation; match nothing
		s.add("0")
	}
}

// likeToGlob turns a SQL LIKE pattern (MLflow's: '%' and '_' wildcards, no
// escape character) into an equivalent SQLite GLOB pattern. With fold,
// every letter becomes a class of its Unicode simple case folds, so
// 'É' matches 'é' as Python's re.IGNORECASE does.
func likeToGlob(p string, fold bool) string {
	var b strings.Builder
	for i := 0; i < len(p); {
		r, w := utf8.DecodeRuneInString(p[i:])
		i += w
		switch r {
		case '%':
			b.WriteByte('*')
		case '_':
			b.WriteByte('?')
		case '*', '?', '[':
			b.WriteByte('[')
			b.WriteRune(r)
			b.WriteByte(']')
		default:
			if r == utf8.RuneError && w == 1 {
				b.WriteString(p[i-1 : i]) // keep invalid bytes as they are
				continue
			}
			if fold {
				if orbit := foldOrbit(r); len(orbit) > 1 {
					b.WriteByte('[')
					for _, o := range orbit {
						b.WriteRune(o)
					}
					b.WriteByte(']')
					continue
				}
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldOrbit lists r and every rune that folds to the same case.
func foldOrbit(r rune) []rune {
	out := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		out = append(out, f)
	}
	return out
}
