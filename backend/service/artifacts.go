package service

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/mlmodel"
	"flowdeck/backend/source"
)

// PreviewLimit bounds how much of a file a preview reads: large files are
// previewed partially and offered for download, never loaded whole.
const PreviewLimit = 256 << 10

const maxTableRows = 500

// ListArtifacts lists one directory level of a run's (or logged model's)
// artifacts. Artifacts are read from the source, not the cache.
func (s *Service) ListArtifacts(sourceID, owner, dir string) (mlflow.ListArtifactsResponse, error) {
	s.wait()
	src, err := s.source(sourceID)
	if err != nil {
		return mlflow.ListArtifactsResponse{}, err
	}
	st, err := s.store(s.baseCtx, src)
	if err != nil {
		return mlflow.ListArtifactsResponse{}, fmt.Errorf("artifacts need the source itself, which is not reachable now: %w", err)
	}
	res, err := st.ListArtifacts(s.baseCtx, owner, dir)
	if err != nil {
		return mlflow.ListArtifactsResponse{}, err
	}
	return *res, nil
}

// PreviewArtifact reads at most PreviewLimit bytes of an artifact and
// describes it for display.
func (s *Service) PreviewArtifact(sourceID, owner, p string) (ArtifactPreview, error) {
	s.wait()
	src, err := s.source(sourceID)
	if err != nil {
		return ArtifactPreview{}, err
	}
	st, err := s.store(s.baseCtx, src)
	if err != nil {
		return ArtifactPreview{}, fmt.Errorf("artifacts need the source itself, which is not reachable now: %w", err)
	}
	pv := ArtifactPreview{Path: p, URL: artifactURL(src.ID, owner, p)}
	kind := kindByName(p)
	if kind == "image" {
		rc, size, err := st.OpenArtifact(s.baseCtx, owner, p)
		if err != nil {
			return pv, err
		}
		rc.Close()
		pv.Kind, pv.Size = "image", size
		return pv, nil
	}
	data, size, truncated, err := readBoundedFrom(s.baseCtx, st, owner, p, PreviewLimit)
	if err != nil {
		return pv, err
	}
	pv.Size, pv.Truncated = size, truncated
	switch {
	case size == 0 && len(data) == 0:
		pv.Kind = "empty"
		return pv, nil
	case kind == "binary" || isBinary(data):
		pv.Kind = "binary"
		return pv, nil
	}
	pv.Kind, pv.Text = kind, string(data)
	switch kind {
	case "json":
		if !truncated {
			var buf bytes.Buffer
			if json.Indent(&buf, data, "", "  ") == nil {
				pv.Text = buf.String()
			}
		}
	case "csv", "tsv":
		pv.Table = parseTable(data, kind == "tsv", truncated)
	case "mlmodel":
		card, err := mlmodel.Parse(data)
		if err != nil {
			pv.Kind = "yaml" // still show the text
			break
		}
		s.fillModelCard(st, owner, path.Dir(p), card)
		pv.MLmodel = card
	}
	return pv, nil
}

// readBoundedFrom reads at most limit bytes of an artifact and reports its
// size and whether the read stopped short.
func readBoundedFrom(ctx context.Context, st source.Store, owner, p string, limit int64) ([]byte, int64, bool, error) {
	rc, size, err := st.OpenArtifact(ctx, owner, p)
	if err != nil {
		return nil, 0, false, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, 0, false, fmt.Errorf("read artifact %s: %w", p, err)
	}
	truncated := int64(len(data)) > limit
	if truncated {
		data = data[:limit]
	}
	if size < 0 && !truncated {
		size = int64(len(data))
	}
	return data, size, truncated, nil
}

// fillModelCard adds the environment files and input example beside an
// MLmodel, each bounded.
func (s *Service) fillModelCard(st source.Store, owner, dir string, card *mlmodel.Card) {
	join := func(name string) string {
		if dir == "." || dir == "" {
			return name
		}
		return dir + "/" + name
	}
	card.Files = map[string]string{}
	for _, name := range mlmodel.SiblingFiles {
		if b, _, _, err := readBoundedFrom(s.baseCtx, st, owner, join(name), 16<<10); err == nil && !isBinary(b) {
			card.Files[name] = string(b)
		}
	}
	if ex, ok := card.InputExampleInfo["artifact_path"].(string); ok && ex != "" {
		if b, _, _, err := readBoundedFrom(s.baseCtx, st, owner, join(ex), 16<<10); err == nil && !isBinary(b) {
			card.InputExample = string(b)
		}
	}
}

func kindByName(p string) string {
	base := strings.ToLower(path.Base(p))
	switch base {
	case "mlmodel":
		return "mlmodel"
	case "mlproject", "requirements.txt", "dockerfile", "license":
		return "text"
	}
	switch strings.TrimPrefix(path.Ext(base), ".") {
	case "json", "jsonl", "ipynb", "geojson":
		if strings.HasSuffix(base, ".jsonl") {
			return "text"
		}
		return "json"
	case "yaml", "yml":
		return "yaml"
	case "csv":
		return "csv"
	case "tsv":
		return "tsv"
	case "png", "jpg", "jpeg", "gif", "webp", "bmp", "svg":
		return "image"
	case "pkl", "pickle", "joblib", "pt", "pth", "h5", "onnx", "bin", "npy", "npz", "parquet", "zip", "gz", "tar", "whl", "so", "safetensors", "pb":
		return "binary"
	}
	return "text"
}

func isBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	// A cut may split a UTF-8 sequence at the end; allow that.
	trim := b
	if len(trim) > 4 {
		trim = trim[:len(trim)-4]
	}
	return !utf8.Valid(trim)
}

func parseTable(data []byte, tsv, truncated bool) [][]string {
	if truncated { // drop the partial last line
		if i := bytes.LastIndexByte(data, '\n'); i > 0 {
			data = data[:i]
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	if tsv {
		r.Comma = '\t'
	}
	var rows [][]string
	for len(rows) < maxTableRows {
		rec, err := r.Read()
		if err != nil {
			break
		}
		rows = append(rows, rec)
	}
	return rows
}

func artifactURL(sourceID, owner, p string) string {
	q := url.Values{"source": {sourceID}, "run": {owner}, "path": {p}}
	return "/artifact?" + q.Encode()
}

// artifactHandler serves artifact files to both faces. Files are sent as
// downloads unless they are raster images asked for inline; everything is
// sandboxed and never sniffed, so an HTML or SVG artifact cannot run script
// in Flowdeck's origin.
type artifactHandler struct{ s *Service }

func (h artifactHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/artifact" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.NotFound(w, r)
		return
	}
	s := h.s
	s.wait()
	q := r.URL.Query()
	src, err := s.source(q.Get("source"))
	if err != nil {
		http.Error(w, userMessage(err), http.StatusNotFound)
		return
	}
	st, err := s.store(r.Context(), src)
	if err != nil {
		http.Error(w, "the source is not reachable now: "+userMessage(err), http.StatusBadGateway)
		return
	}
	p := q.Get("path")
	rc, size, err := st.OpenArtifact(r.Context(), q.Get("run"), p)
	if err != nil {
		status := http.StatusInternalServerError
		switch {
		case errors.Is(err, mlflow.ErrNotFound):
			status = http.StatusNotFound
		case errors.Is(err, mlflow.ErrInvalidArgument):
			status = http.StatusBadRequest
		}
		http.Error(w, userMessage(err), status)
		return
	}
	defer rc.Close()
	name := path.Base(p)
	ext := strings.ToLower(path.Ext(name))
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
	inline := map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".bmp": "image/bmp"}
	if ct, ok := inline[ext]; ok {
		hdr.Set("Content-Type", ct)
		hdr.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
	} else {
		ct := mime.TypeByExtension(ext)
		if ct == "" || strings.Contains(ct, "html") || strings.Contains(ct, "svg") || strings.Contains(ct, "javascript") {
			ct = "application/octet-stream"
		}
		hdr.Set("Content-Type", ct)
		hdr.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	if size >= 0 {
		hdr.Set("Content-Length", fmt.Sprint(size))
	}
	if r.Method == http.MethodHead {
		return
	}
	_, _ = io.Copy(w, rc)
}
