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

// WriteSearchRunsPage writes a runs/search body from runs already encoded
// one by one (compact, HTML unescaped, as the cache stores them): the same
// bytes a json.Encoder with HTML escaping off writes for the decoded
// SearchRunsResponse, without decoding or encoding any run again.
func WriteSearchRunsPage(w io.Writer, runs [][]byte, nextPageToken string) error {
	n := 32 + len(nextPageToken)
	for _, r := range runs {
		n += len(r) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, '{')
	if len(runs) > 0 {
		b = append(b, `"runs":[`...)
		for i, r := range runs {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, r...)
		}
		b = append(b, ']')
	}
	if nextPageToken != "" {
		var tok bytes.Buffer
		enc := json.NewEncoder(&tok)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(nextPageToken); err != nil {
			return err
		}
		if len(runs) > 0 {
			b = append(b, ',')
		}
		b = append(append(b, `"next_page_token":`...), bytes.TrimSuffix(tok.Bytes(), []byte{'\n'})...)
	}
	b = append(b, "}\n"...)
	_, err := w.Write(b)
	return err
}
