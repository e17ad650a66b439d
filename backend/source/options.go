package source

import (
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// Options configure how a source is opened. Credentials are only used to
// talk to the source: never logged, never sent to the frontend.
type Options struct {
	Username string
	Password string
	Token    string
	// InsecureTLS skips certificate verification (MLFLOW_TRACKING_INSECURE_TLS).
	InsecureTLS bool
	// CACertPath is a CA bundle (MLFLOW_TRACKING_SERVER_CERT_PATH).
	CACertPath string
	// Timeout per HTTP request (MLFLOW_HTTP_REQUEST_TIMEOUT, default 120 s).
	Timeout time.Duration
	// MaxRetries on 408/429/5xx/connection errors (MLFLOW_HTTP_REQUEST_MAX_RETRIES, default 7).
	MaxRetries int
	// BackoffFactor in seconds (MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR, default 2).
	BackoffFactor float64
	// HTTPClient, when set, replaces the client built from the fields above (tests).
	HTTPClient *http.Client
	// Warn receives warnings about skipped data; nil discards them.
	Warn Warner
}

// OptionsFromEnv reads MLflow's client environment variables.
func OptionsFromEnv() Options {
	o := Options{
		Username:      os.Getenv("MLFLOW_TRACKING_USERNAME"),
		Password:      os.Getenv("MLFLOW_TRACKING_PASSWORD"),
		Token:         os.Getenv("MLFLOW_TRACKING_TOKEN"),
		InsecureTLS:   envBool("MLFLOW_TRACKING_INSECURE_TLS"),
		CACertPath:    os.Getenv("MLFLOW_TRACKING_SERVER_CERT_PATH"),
		Timeout:       120 * time.Second,
		MaxRetries:    7,
		BackoffFactor: 2,
	}
	if v, err := strconv.Atoi(os.Getenv("MLFLOW_HTTP_REQUEST_TIMEOUT")); err == nil && v > 0 {
		o.Timeout = time.Duration(v) * time.Second
	}
	if v, err := strconv.Atoi(os.Getenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES")); err == nil && v >= 0 {
		o.MaxRetries = v
	}
	if v, err := strconv.ParseFloat(os.Getenv("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"), 64); err == nil && v >= 0 {
		o.BackoffFactor = v
	}
	return o
}

func envBool(k string) bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv(k))) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
