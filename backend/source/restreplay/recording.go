package restreplay

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"flowdeck/backend/testfix"
)

// FirstMutation is the number of the first recorded call that changed the
// server's state; calls before it show the store as the generator left it.
const FirstMutation = 49

// Recording is one recorded request/response pair.
type Recording struct {
	Num    int    // NN from the file name
	File   string // base file name
	Name   string
	Method string
	Path   string
	Query  url.Values
	// Body is the request's JSON body, nil when the call sent none.
	Body        json.RawMessage
	Status      int
	ContentType string
	Headers     map[string]string
	Note        string
	// Response is the exact response body served (JSON re-encoded the way
	// Python's json.dumps writes it, text as is, base64 decoded).
	Response []byte
	// ResponseJSON is the recorded JSON body, nil for text and binary.
	ResponseJSON json.RawMessage
}

// AfterMutations reports whether the call was made after the first
// mutating call, so its response may show the mutated state.
func (r *Recording) AfterMutations() bool { return r.Num > FirstMutation }

type fileShape struct {
	Name            string            `json:"name"`
	Method          string            `json:"method"`
	Path            string            `json:"path"`
	Query           map[string]any    `json:"query"`
	Body            json.RawMessage   `json:"body"`
	Status          int               `json:"status"`
	ResponseHeaders map[string]string `json:"response_headers"`
	ResponseBody    json.RawMessage   `json:"response_body"`
	ResponseText    *string           `json:"response_text"`
	ResponseBase64  *string           `json:"response_base64"`
	Note            string            `json:"note"`
}

// DefaultDir is the folder of the MLflow 3.5 recordings.
func DefaultDir() string { return testfix.Path("mlflow-3.5/rest") }

// Load reads every NN-*.json recording in dir, ordered by number.
func Load(dir string) ([]*Recording, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no recordings in %s", dir)
	}
	var out []*Recording
	for _, p := range paths {
		r, err := loadFile(p)
		if err != nil {
			return nil, fmt.Errorf("recording %s: %w", filepath.Base(p), err)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Num < out[j].Num })
	return out, nil
}

func loadFile(p string) (*Recording, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var f fileShape
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	base := filepath.Base(p)
	num, err := strconv.Atoi(strings.SplitN(base, "-", 2)[0])
	if err != nil {
		return nil, fmt.Errorf("file name does not start with a number")
	}
	r := &Recording{
		Num: num, File: base, Name: f.Name, Method: f.Method, Path: f.Path,
		Status: f.Status, Headers: f.ResponseHeaders, Note: f.Note,
		ContentType: f.ResponseHeaders["content-type"],
	}
	if r.Query, err = queryValues(f.Query); err != nil {
		return nil, err
	}
	if len(f.Body) > 0 && string(f.Body) != "null" {
		r.Body = f.Body
	}
	switch {
	case f.ResponseBase64 != nil:
		if r.Response, err = base64.StdEncoding.DecodeString(*f.ResponseBase64); err != nil {
			return nil, fmt.Errorf("response_base64: %w", err)
		}
	case f.ResponseText != nil:
		r.Response = []byte(*f.ResponseText)
	case len(f.ResponseBody) > 0:
		r.ResponseJSON = f.ResponseBody
		if r.Response, err = PythonJSON(f.ResponseBody); err != nil {
			return nil, fmt.Errorf("response_body: %w", err)
		}
	}
	return r, nil
}

// queryValues turns the recorded query object into url.Values: arrays are
// repeated keys, numbers keep their JSON spelling, booleans are true/false.
func queryValues(q map[string]any) (url.Values, error) {
	v := url.Values{}
	for k, val := range q {
		items, ok := val.([]any)
		if !ok {
			items = []any{val}
		}
		for _, it := range items {
			s, err := scalar(it)
			if err != nil {
				return nil, fmt.Errorf("query %s: %w", k, err)
			}
			v.Add(k, s)
		}
	}
	return v, nil
}

func scalar(v any) (string, error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(t), nil
	}
	return "", fmt.Errorf("unsupported value %v", v)
}

// ByNumber loads the fixture recordings keyed by call number; it panics if
// they cannot be read, which only tests call it for.
func ByNumber() map[int]*Recording {
	all, err := Load(DefaultDir())
	if err != nil {
		panic(err)
	}
	m := make(map[int]*Recording, len(all))
	for _, r := range all {
		m[r.Num] = r
	}
	return m
}
