// Package httpapi is the web face: it serves the facade's methods as JSON
// over HTTP (POST /api/<Service>.<Method> with the positional arguments as a
// JSON array), events as Server-Sent Events, artifact downloads and the
// embedded frontend. The method set comes from the facade itself by
// reflection, so there is no second list to keep in step with Wails.
package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strings"

	"flowdeck/backend/mlflow"
)

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// Dispatcher calls the exported methods of one value by name.
type Dispatcher struct {
	name    string
	recv    reflect.Value
	methods map[string]reflect.Method
}

// NewDispatcher exposes every exported method of recv under name, e.g.
// "Service". Methods may return (), (error), (T) or (T, error).
func NewDispatcher(name string, recv any) (*Dispatcher, error) {
	v := reflect.ValueOf(recv)
	t := v.Type()
	d := &Dispatcher{name: name, recv: v, methods: map[string]reflect.Method{}}
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if err := checkSignature(m); err != nil {
			return nil, fmt.Errorf("expose %s.%s: %w", name, m.Name, err)
		}
		d.methods[m.Name] = m
	}
	return d, nil
}

func checkSignature(m reflect.Method) error {
	ft := m.Type
	switch ft.NumOut() {
	case 0, 1:
	case 2:
		if ft.Out(1) != errorType {
			return errors.New("second result must be error")
		}
	default:
		return errors.New("at most two results")
	}
	return nil
}

// Methods lists the exposed method names, sorted.
func (d *Dispatcher) Methods() []string {
	out := make([]string, 0, len(d.methods))
	for n := range d.methods {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Call decodes args (a JSON array) and calls the method.
func (d *Dispatcher) Call(method string, body []byte) (any, error) {
	m, ok := d.methods[method]
	if !ok {
		return nil, &mlflow.Error{Code: "ENDPOINT_NOT_FOUND", Message: fmt.Sprintf("%s has no method %q", d.name, method), Kind: mlflow.ErrNotFound}
	}
	var raw []json.RawMessage
	if len(strings.TrimSpace(string(body))) > 0 {
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, mlflow.InvalidParamf("the request body must be a JSON array of arguments: %v", err)
		}
	}
	nIn := m.Type.NumIn() - 1 // minus receiver
	if len(raw) != nIn {
		return nil, mlflow.InvalidParamf("%s.%s takes %d argument(s), got %d", d.name, method, nIn, len(raw))
	}
	in := make([]reflect.Value, 0, nIn+1)
	in = append(in, d.recv)
	for i := 0; i < nIn; i++ {
		pt := m.Type.In(i + 1)
		pv := reflect.New(pt)
		if err := json.Unmarshal(raw[i], pv.Interface()); err != nil {
			return nil, mlflow.InvalidParamf("argument %d of %s.%s: %v", i+1, d.name, method, err)
		}
		in = append(in, pv.Elem())
	}
	out := m.Func.Call(in)
	var result any
	var err error
	switch len(out) {
	case 1:
		if m.Type.Out(0) == errorType {
			err, _ = out[0].Interface().(error)
		} else {
			result = out[0].Interface()
		}
	case 2:
		result = out[0].Interface()
		err, _ = out[1].Interface().(error)
	}
	return result, err
}

// errorBody is the JSON shape of a failed call.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Classify maps an error to an HTTP status and an MLflow-style code.
func Classify(err error) (int, string) {
	var me *mlflow.Error
	if errors.As(err, &me) && me.Code != "" {
		return me.HTTPStatus(), me.Code
	}
	switch {
	case errors.Is(err, mlflow.ErrNotFound):
		return http.StatusNotFound, "RESOURCE_DOES_NOT_EXIST"
	case errors.Is(err, mlflow.ErrInvalidArgument):
		return http.StatusBadRequest, "INVALID_PARAMETER_VALUE"
	case errors.Is(err, mlflow.ErrUnauthenticated):
		return http.StatusUnauthorized, "UNAUTHENTICATED"
	case errors.Is(err, mlflow.ErrPermission):
		return http.StatusForbidden, "PERMISSION_DENIED"
	case errors.Is(err, mlflow.ErrConflict):
		return http.StatusConflict, "RESOURCE_CONFLICT"
	case errors.Is(err, mlflow.ErrUnsupported):
		return http.StatusNotImplemented, "NOT_IMPLEMENTED"
	case errors.Is(err, mlflow.ErrUnavailable), errors.Is(err, mlflow.ErrNotMLflow):
		return http.StatusBadGateway, "TEMPORARILY_UNAVAILABLE"
	}
	return http.StatusInternalServerError, "INTERNAL_ERROR"
}

func writeError(w http.ResponseWriter, err error) {
	status, code := Classify(err)
	var body errorBody
	body.Error.Code = code
	body.Error.Message = err.Error()
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	_ = enc.Encode(v)
}

const maxBody = 4 << 20

func (d *Dispatcher) serveCall(w http.ResponseWriter, r *http.Request, method string) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, &mlflow.Error{Code: "BAD_REQUEST", Message: "call API methods with POST", Kind: mlflow.ErrInvalidArgument})
		return
	}
	// Requiring JSON makes every cross-site call a preflighted CORS request,
	// which this server never approves: a web page elsewhere cannot call us.
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeError(w, mlflow.InvalidParamf("set Content-Type: application/json on API calls"))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		writeError(w, mlflow.InvalidParamf("read request: %v", err))
		return
	}
	if len(body) > maxBody {
		writeError(w, mlflow.InvalidParamf("request body larger than %d bytes", maxBody))
		return
	}
	res, err := d.Call(method, body)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
