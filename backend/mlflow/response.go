package mlflow

import (
	"bytes"
	"encoding/json"
	"io"
)

// SearchRunsResponse is the body of runs/search.
type SearchRunsResponse struct {
	Runs          []Run  `json:"runs,omitempty"`
	NextPageToken string `json:"next_page_token,omitempty"`
}

// WriteCompactJSON writes r exactly as a json.Encoder with HTML escaping off
// would (compact, newline-terminated), but one run at a time through one
// reused buffer: a page of 1,000 runs is megabytes, and growing a single
// buffer to that size took as long as encoding it.
func (r SearchRunsResponse) WriteCompactJSON(w io.Writer) error {
	if len(r.Runs) == 0 {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteString(`{"runs":[`)
	for i := range r.Runs {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(&r.Runs[i]); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		if buf.Len() >= 64<<10 {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
	}
	buf.WriteByte(']')
	if r.NextPageToken != "" {
		buf.WriteString(`,"next_page_token":`)
		if err := enc.Encode(r.NextPageToken); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1)
	}
	buf.WriteString("}\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteSearchRunsPage writes a runs/search body from runs already encoded
// one by one (compact, HTML unescaped): the same bytes WriteCompactJSON
// writes for the decoded runs.
func WriteSearchRunsPage(w io.Writer, runs [][]byte, nextPageToken string) error {
	if len(runs) == 0 {
		return SearchRunsResponse{NextPageToken: nextPageToken}.WriteCompactJSON(w)
	}
	n := 16 + len(nextPageToken)
	for _, r := range runs {
		n += len(r) + 1
	}
	b := make([]byte, 0, n+32)
	b = append(b, `{"runs":[`...)
	for i, r := range runs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	b = append(b, ']')
	if nextPageToken != "" {
		var tok bytes.Buffer
		enc := json.NewEncoder(&tok)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(nextPageToken); err != nil {
			return err
		}
		b = append(append(b, `,"next_page_token":`...), bytes.TrimSuffix(tok.Bytes(), []byte{'\n'})...)
	}
	b = append(b, "}\n"...)
	_, err := w.Write(b)
	return err
}
