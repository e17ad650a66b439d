package reststore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"flowdeck/backend/buildinfo"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

const (
	defaultTimeout = 120 * time.Second
	// maxWait caps one backoff wait (and a Retry-After), so seven retries
	// with the default factor stay around two minutes.
	maxWait = 30 * time.Second
)

// client sends requests to one server. It never logs and never puts the
// Authorization value into errors.
type client struct {
	base       *url.URL // scheme, host and path prefix, no credentials
	display    string
	hc         *http.Client
	auth       string // Authorization header value, "" for none
	userAgent  string
	timeout    time.Duration
	maxRetries int
	backoff    float64 // seconds
	sleep      func(ctx context.Context, d time.Duration) error
}

// parseBase splits credentials off a base URL.
func parseBase(raw string) (*url.URL, *url.Userinfo, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, nil, fmt.Errorf("%w: %q is not an http(s) server URL", mlflow.ErrInvalidArgument, redact(raw))
	}
	user := u.User
	u.User = nil
	u.RawQuery, u.Fragment = "", ""
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, user, nil
}

// redact hides the password of a URL that failed to parse.
func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		u.User = url.User(u.User.Username())
		return u.Redacted()
	}
	if i := strings.LastIndex(raw, "@"); i >= 0 {
		if j := strings.Index(raw, "://"); j >= 0 && j < i {
			return raw[:j+3] + "…" + raw[i:]
		}
	}
	return raw
}

// authHeader follows MLflow: basic auth when both user and password are
// set, else a bearer token, else nothing.
func authHeader(o source.Options, urlUser *url.Userinfo) string {
	user, pass := o.Username, o.Password
	if user == "" && pass == "" && urlUser != nil {
		user = urlUser.Username()
		pass, _ = urlUser.Password()
	}
	if user != "" && pass != "" {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
	}
	if o.Token != "" {
		return "Bearer " + o.Token
	}
	return ""
}

func newClient(raw string, o source.Options) (*client, error) {
	base, user, err := parseBase(raw)
	if err != nil {
		return nil, err
	}
	c := &client{
		base: base, display: base.String(), auth: authHeader(o, user),
		userAgent: "flowdeck/" + buildinfo.Version,
		timeout:   o.Timeout, maxRetries: o.MaxRetries, backoff: o.BackoffFactor,
		sleep: sleepCtx,
	}
	if c.timeout <= 0 {
		c.timeout = defaultTimeout
	}
	if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	if o.HTTPClient != nil {
		c.hc = o.HTTPClient
		return c, nil
	}
	tlsCfg, err := tlsConfig(o)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tlsCfg
	c.hc = &http.Client{Transport: tr}
	return c, nil
}

func tlsConfig(o source.Options) (*tls.Config, error) {
	cfg := &tls.Config{InsecureSkipVerify: o.InsecureTLS} //nolint:gosec // the user asked for it (MLFLOW_TRACKING_INSECURE_TLS)
	if o.CACertPath == "" {
		return cfg, nil
	}
	pem, err := os.ReadFile(o.CACertPath)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot read the CA bundle %s (MLFLOW_TRACKING_SERVER_CERT_PATH): %v", mlflow.ErrInvalidArgument, o.CACertPath, unwrapPathErr(err))
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%w: the CA bundle %s holds no PEM certificate", mlflow.ErrInvalidArgument, o.CACertPath)
	}
	cfg.RootCAs = pool
	return cfg, nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// endpoint builds the URL of a route below the base path (and static prefix).
func (c *client) endpoint(route string, q url.Values) string {
	u := *c.base
	u.Path = c.base.Path + route
	if len(q) > 0 {
		u.RawQuery = q.Encode()
	}
	return u.String()
}
