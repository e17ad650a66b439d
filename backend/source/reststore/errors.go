package reststore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"flowdeck/backend/mlflow"
)

// statusErr turns a non-2xx answer into an *mlflow.Error. MLflow's JSON
// error bodies keep their code; HTML and text pages (auth, proxies, Flask's
// own 404/500) get a sentence by status. It reports whether the body was an
// MLflow JSON error.
func statusErr(cl *client, c call, resp *http.Response, body []byte) (*mlflow.Error, bool) {
	var e struct {
		Code    string `json:"error_code"`
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &e) == nil && e.Code != "" {
		msg := e.Message
		if msg == "" {
			msg = e.Code
		}
		return &mlflow.Error{Code: e.Code, Message: msg, Kind: mlflow.KindForCode(e.Code)}, true
	}
	status := fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	detail := snippet(resp.Header.Get("Content-Type"), body)
	if detail != "" {
		detail = ": " + detail
	}
	switch resp.StatusCode {
	case 401:
		msg := "the server rejected the credentials"
		if cl.auth == "" {
			msg = "the server requires credentials"
		}
		return &mlflow.Error{Code: "UNAUTHENTICATED", Kind: mlflow.ErrUnauthenticated,
			Message: msg + " (" + status + "); set MLFLOW_TRACKING_USERNAME/PASSWORD or MLFLOW_TRACKING_TOKEN"}, false
	case 403:
		return &mlflow.Error{Code: "PERMISSION_DENIED", Kind: mlflow.ErrPermission,
			Message: "the server refused access (" + status + ")" + detail}, false
	case 404, 405:
		return &mlflow.Error{Code: "ENDPOINT_NOT_FOUND", Kind: mlflow.ErrNotFound,
			Message: fmt.Sprintf("the server has no %s %s endpoint (%s)", c.method, c.route, status)}, false
	case 408, 429, 502, 503, 504:
		return &mlflow.Error{Code: "TEMPORARILY_UNAVAILABLE", Kind: mlflow.ErrUnavailable,
			Message: "the server is unavailable (" + status + ")" + detail}, false
	}
	return &mlflow.Error{Code: "INTERNAL_ERROR", Message: "the server failed (" + status + ")" + detail}, false
}

// snippet is a short, single-line excerpt of a plain-text error body; HTML
// pages give their <title>.
func snippet(ctype string, body []byte) string {
	s := strings.TrimSpace(string(body))
	if strings.Contains(ctype, "html") || strings.HasPrefix(strings.ToLower(s), "<") {
		lo := strings.ToLower(s)
		i, j := strings.Index(lo, "<title>"), strings.Index(lo, "</title>")
		if i < 0 || j < i {
			return ""
		}
		s = strings.TrimSpace(s[i+len("<title>") : j])
	}
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// transportErr names why a request got no answer.
func (cl *client) transportErr(ctx context.Context, err error, timedOut bool) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("request to %s stopped: %w", cl.display, ctxErr)
	}
	var reason string
	var dns *net.DNSError
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var rhe tls.RecordHeaderError
	switch {
	case timedOut:
		reason = fmt.Sprintf("no answer within %s (MLFLOW_HTTP_REQUEST_TIMEOUT)", cl.timeout)
	case errors.As(err, &hostErr), errors.As(err, &authErr), errors.As(err, &invalid), errors.As(err, &verify):
		reason = "cannot verify its TLS certificate (" + tlsReason(err) + "); set MLFLOW_TRACKING_SERVER_CERT_PATH to its CA bundle, or MLFLOW_TRACKING_INSECURE_TLS=true to skip verification"
	case errors.As(err, &rhe):
		reason = "the server does not speak TLS; use http:// instead of https://"
	case errors.Is(err, syscall.ECONNREFUSED):
		reason = "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		reason = "connection reset"
	case errors.As(err, &dns):
		reason = "unknown host " + dns.Name
	default:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		reason = err.Error()
	}
	return &mlflow.Error{Code: "TEMPORARILY_UNAVAILABLE", Kind: mlflow.ErrUnavailable,
		Message: "cannot reach " + cl.display + ": " + reason}
}

func tlsReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

func isTLSErr(err error) bool {
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var rhe tls.RecordHeaderError
	return errors.As(err, &hostErr) || errors.As(err, &authErr) || errors.As(err, &invalid) ||
		errors.As(err, &verify) || errors.As(err, &rhe)
}

// notJSON is the error for a 2xx answer that is not MLflow's JSON.
func notJSON(display string, c call, ctype string, err error) error {
	if ctype == "" {
		ctype = "no content type"
	}
	return &mlflow.Error{Code: "NOT_MLFLOW", Kind: mlflow.ErrNotMLflow,
		Message: fmt.Sprintf("%q answered %s %s with something that is not MLflow JSON (%s: %v)", display, c.method, c.route, ctype, err)}
}

// errPrefix adds context to an error while keeping it matchable.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
