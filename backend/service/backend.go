package service

import (
	"context"
	"net/http"
	"sync"

	"flowdeck/backend/buildinfo"
	"flowdeck/backend/cache"
	"flowdeck/backend/config"
	"flowdeck/backend/events"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// Runtime is what a face offers the backend once it is up: events to the
// UI and native dialogs. The web face has no dialogs.
type Runtime interface {
	events.Emitter
	PickPath(kind string) (string, error)
}

// Opener opens a source URI (backend/connect.Open in production).
type Opener func(ctx context.Context, uri string, opts source.Options) (source.Store, error)

// Deps are what the backend is built from.
type Deps struct {
	Cache  *cache.Cache
	Config *config.Store
	Hub    *events.Hub
	Open   Opener
	Face   string // "desktop" or "web"
	// Warn receives warnings about skipped data (logged by the caller).
	Warn func(msg string)
	// Log receives notable events worth a line on the terminal.
	Log func(msg string)
	// StartRoute is the in-app path the UI opens on ("" for the default).
	StartRoute string
}

// Backend owns the facade and its lifecycle.
type Backend struct {
	svc *Service
}

// NewBackend wires the facade. Bound methods wait for Start (the startup
// gate), because Wails may call them before OnStartup has finished.
func NewBackend(d Deps) *Backend {
	if d.Hub == nil {
		d.Hub = events.NewHub()
	}
	s := &Service{
		deps:   d,
		ready:  make(chan struct{}),
		stores: map[string]source.Store{},
		syncs:  map[string]*syncJob{},
	}
	s.baseCtx, s.cancel = context.WithCancel(context.Background())
	return &Backend{svc: s}
}

// Service is the bound facade.
func (b *Backend) Service() *Service { return b.svc }

// Start opens the gate; rt may be nil (web face: events go through the hub
// only).
func (b *Backend) Start(rt Runtime) {
	s := b.svc
	s.startOnce.Do(func() {
		if rt != nil {
			s.deps.Hub.Attach(rt)
			s.rt = rt
		}
		close(s.ready)
	})
}

// Stop cancels running syncs and closes open stores.
func (b *Backend) Stop() {
	s := b.svc
	s.cancel()
	b.WaitSyncs()
	s.mu.Lock()
	for id, st := range s.stores {
		st.Close()
		delete(s.stores, id)
	}
	s.mu.Unlock()
}

// WaitSyncs blocks until every running sync has ended (CLI, tests).
func (b *Backend) WaitSyncs() {
	s := b.svc
	s.mu.Lock()
	jobs := make([]*syncJob, 0, len(s.syncs))
	for _, j := range s.syncs {
		jobs = append(jobs, j)
	}
	s.mu.Unlock()
	for _, j := range jobs {
		<-j.done
	}
}

// ArtifactHandler serves GET /artifact?source=&run=&path= for both faces.
func (b *Backend) ArtifactHandler() http.Handler { return artifactHandler{b.svc} }

// Service is the facade. Its exported methods are the UI's API.
type Service struct {
	deps      Deps
	rt        Runtime
	ready     chan struct{}
	startOnce sync.Once
	announce  sync.Once
	baseCtx   context.Context
	cancel    context.CancelFunc

	mu      sync.Mutex
	current string                  // selected source id for this process
	stores  map[string]source.Store // open stores by source id
	syncs   map[string]*syncJob     // running syncs by source id
}

type syncJob struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func (s *Service) wait() { <-s.ready }

// Version returns build information. The desktop smoke test and the web
// end-to-end test both rely on the frontend calling it on start-up.
func (s *Service) Version() BuildInfo {
	s.wait()
	if s.deps.Log != nil {
		s.announce.Do(func() {
			s.deps.Log("frontend connected: Version called through the " + s.deps.Face + " bindings")
		})
	}
	bi := buildinfo.Get()
	return BuildInfo{Version: bi.Version, Commit: bi.Commit, BuildTime: bi.BuildTime, GoVersion: bi.GoVersion, Face: s.deps.Face,
		StartRoute: s.deps.StartRoute}
}

// PickPath opens a native folder or file dialog (desktop only).
func (s *Service) PickPath(kind string) (string, error) {
	s.wait()
	if s.rt == nil {
		return "", &mlflow.Error{Code: "NOT_IMPLEMENTED", Message: "file dialogs exist only in the desktop app; type the path instead", Kind: mlflow.ErrUnsupported}
	}
	return s.rt.PickPath(kind)
}
