package reststore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

const (
	apiPrefix = "/api/2.0/mlflow/"
	// Page sizes. MLflow's limits: experiments 50 000, runs 50 000,
	// get-history any (the Python client uses 25 000), registered models
	// 1000, model versions 200 000, logged models 50 (some servers).
	experimentsPage   = 1000
	runsPage          = 1000
	historyPage       = 25000
	modelsPage        = 1000
	versionsPage      = 10000
	loggedModelsPage  = 50
	experimentIDChunk = 100
	historyWorkers    = 4
	openProbeRetries  = 2
	defaultRunTTL     = 60 * time.Second
)

// Store reads one tracking server. It is safe for concurrent use.
type Store struct {
	c       *client
	version string
	ttl     time.Duration
	now     func() time.Time

	mu   sync.Mutex
	runs runCache
}

var _ source.Store = (*Store)(nil)

// Option tunes a Store beyond source.Options (mostly for tests).
type Option func(*Store)

// WithSleep replaces the wait between retries (tests pass a no-op).
func WithSleep(f func(ctx context.Context, d time.Duration) error) Option {
	return func(s *Store) { s.c.sleep = f }
}

// WithRunCacheTTL sets how long runs fetched by RunRefs are reused by
// GetRun and ReadRun (0 disables reuse).
func WithRunCacheTTL(d time.Duration) Option { return func(s *Store) { s.ttl = d } }

// WithClock replaces time.Now for the run cache.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open connects to the tracking server at baseURL (which may carry a
// --static-prefix path) and checks that it is one: GET /version (optional)
// and a one-item experiments/search.
func Open(ctx context.Context, baseURL string, opts source.Options, more ...Option) (*Store, error) {
	c, err := newClient(baseURL, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{c: c, ttl: defaultRunTTL, now: time.Now}
	for _, o := range more {
		o(s)
	}
	s.version = s.probeVersion(ctx)
	probe := newCall(http.MethodPost, apiPrefix+"experiments/search", nil,
		map[string]any{"max_results": 1, "view_type": mlflow.ViewAll})
	probe.retries = min(c.maxRetries, openProbeRetries)
	var resp map[string]any
	if err := c.jsonCall(ctx, probe, &resp); err != nil {
		return nil, s.openErr(err)
	}
	return s, nil
}

func (s *Store) openErr(err error) error {
	var me *mlflow.Error
	if errors.As(err, &me) {
		switch {
		case me.Code == "ENDPOINT_NOT_FOUND", me.Kind == mlflow.ErrNotMLflow:
			return fmt.Errorf("%q answered but is not an MLflow tracking server (%s): %w", s.c.display, me.Message, mlflow.ErrNotMLflow)
		case me.Kind == mlflow.ErrUnavailable && strings.HasPrefix(me.Message, "cannot reach"):
			return err
		}
	}
	return wrap("open "+s.c.display, err)
}

// probeVersion reads GET /version; servers without it (or behind proxies
// that hide it) give "".
func (s *Store) probeVersion(ctx context.Context) string {
	c := newCall(http.MethodGet, "/version", nil, nil)
	c.retries = 0
	resp, err := s.c.send(ctx, c)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 256))
	v := strings.TrimSpace(string(b))
	if v == "" || len(v) > 64 || strings.ContainsAny(v, "<>{} \n") {
		return ""
	}
	return v
}

// Info describes the server.
func (s *Store) Info() source.StoreInfo {
	return source.StoreInfo{Kind: source.KindREST, URI: s.c.display, Version: s.version}
}

// Close drops cached runs and idle connections.
func (s *Store) Close() error {
	s.mu.Lock()
	s.runs = runCache{}
	s.mu.Unlock()
	s.c.hc.CloseIdleConnections()
	return nil
}

// Experiments pages experiments/search.
func (s *Store) Experiments(ctx context.Context, view mlflow.ViewType) ([]mlflow.Experiment, error) {
	if view == "" {
		view = mlflow.ViewActiveOnly
	}
	exps, err := collect("list experiments", func(token string) ([]mlflow.Experiment, string, error) {
		body := map[string]any{"max_results": experimentsPage, "view_type": view}
		if token != "" {
			body["page_token"] = token
		}
		var resp struct {
			Experiments   []mlflow.Experiment `json:"experiments"`
			NextPageToken string              `json:"next_page_token"`
		}
		err := s.c.jsonCall(ctx, newCall(http.MethodPost, apiPrefix+"experiments/search", nil, body), &resp)
		return resp.Experiments, resp.NextPageToken, err
	})
	return exps, wrap("list experiments", err)
}

// GetExperiment is experiments/get.
func (s *Store) GetExperiment(ctx context.Context, id string) (*mlflow.Experiment, error) {
	var resp struct {
		Experiment *mlflow.Experiment `json:"experiment"`
	}
	q := url.Values{"experiment_id": {id}}
	if err := s.c.jsonCall(ctx, newCall(http.MethodGet, apiPrefix+"experiments/get", q, nil), &resp); err != nil {
		return nil, wrap("read experiment "+id, err)
	}
	if resp.Experiment == nil {
		return nil, wrap("read experiment "+id, mlflow.NotFoundf("the server returned no experiment"))
	}
	return resp.Experiment, nil
}
