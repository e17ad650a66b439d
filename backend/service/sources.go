package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"flowdeck/backend/cache"
	"flowdeck/backend/config"
	"flowdeck/backend/connect"
	"flowdeck/backend/events"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// Hub is the event hub both faces read from.
func (b *Backend) Hub() *events.Hub { return b.svc.deps.Hub }

// AddCommandLineSource registers a source named on the command line for
// this process (not saved), optionally making it the current one.
func (b *Backend) AddCommandLineSource(uri string, current bool) (SourceView, error) {
	s := b.svc
	canon, kind, err := connect.Canonical(uri)
	if err != nil {
		return SourceView{}, err
	}
	src := config.Source{ID: config.IDFor(canon), Name: defaultName(canon, kind), URI: canon}
	s.deps.Config.AddEphemeral(src)
	if current {
		s.current = src.ID
	}
	return s.view(context.Background(), src), nil
}

// SyncAll starts a background sync of every configured source.
func (b *Backend) SyncAll() {
	for _, src := range b.svc.deps.Config.List() {
		_ = b.svc.startSync(src)
	}
}

// SyncNow syncs one source and waits for the result (CLI).
func (b *Backend) SyncNow(ctx context.Context, id string, progress func(SyncProgress)) (SyncResult, error) {
	return b.svc.syncBlocking(ctx, id, progress)
}

func defaultName(canon string, kind source.Kind) string {
	switch kind {
	case source.KindREST:
		return strings.TrimPrefix(strings.TrimPrefix(canon, "https://"), "http://")
	}
	p := canon[strings.Index(canon, ":///")+3:]
	parts := strings.Split(strings.TrimRight(p, "/"), "/")
	if n := len(parts); n >= 2 {
		return parts[n-2] + "/" + parts[n-1]
	}
	return p
}

// ListSources returns the configured sources with their sync state.
func (s *Service) ListSources() ([]SourceView, error) {
	s.wait()
	ctx := s.baseCtx
	var out []SourceView
	for _, src := range s.deps.Config.List() {
		out = append(out, s.view(ctx, src))
	}
	return out, nil
}

func (s *Service) view(ctx context.Context, src config.Source) SourceView {
	loc, _ := source.ParseURI(src.URI)
	v := SourceView{ID: src.ID, Name: src.Name, URI: src.URI, Kind: string(loc.Kind), HasCredentials: src.HasCredentials(),
		InsecureTLS: src.InsecureTLS, State: "idle", Current: src.ID == s.currentID()}
	if cs, err := s.deps.Cache.SourceByURI(ctx, src.URI); err == nil {
		v.LastSync = cs.LastSyncEnd
		v.ServerVersion = cs.ServerVersion
		if cs.LastError != "" && cs.LastErrorTime >= cs.LastSyncEnd {
			v.State, v.Error, v.Stale = "error", cs.LastError, true
		}
	}
	s.mu.Lock()
	if _, running := s.syncs[src.ID]; running {
		v.State = "syncing"
	}
	s.mu.Unlock()
	return v
}

func (s *Service) currentID() string {
	s.mu.Lock()
	cur := s.current
	s.mu.Unlock()
	if cur != "" {
		return cur
	}
	if c := s.deps.Config.Current(); c != "" {
		if _, err := s.deps.Config.Get(c); err == nil {
			return c
		}
	}
	if l := s.deps.Config.List(); len(l) > 0 {
		return l[0].ID
	}
	return ""
}

// SelectSource makes a source the current one (remembered across restarts
// for saved sources).
func (s *Service) SelectSource(id string) error {
	s.wait()
	src, err := s.source(id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.current = src.ID
	s.mu.Unlock()
	if !src.Ephemeral {
		if err := s.deps.Config.SetCurrent(src.ID); err != nil {
			return err
		}
	}
	s.deps.Hub.Emit(events.SourcesChanged, nil)
	return nil
}

func (s *Service) source(id string) (config.Source, error) {
	if id == "" {
		id = s.currentID()
	}
	src, err := s.deps.Config.Get(id)
	if err != nil {
		return config.Source{}, &mlflow.Error{Code: "RESOURCE_DOES_NOT_EXIST", Message: err.Error(), Kind: mlflow.ErrNotFound}
	}
	return src, nil
}

// AddSource saves a new source and starts syncing it.
func (s *Service) AddSource(in SourceInput) (SourceView, error) {
	s.wait()
	src, err := s.inputToSource(in, config.Source{})
	if err != nil {
		return SourceView{}, err
	}
	if _, err := s.deps.Config.Get(src.ID); err == nil {
		return SourceView{}, &mlflow.Error{Code: "RESOURCE_ALREADY_EXISTS", Message: fmt.Sprintf("%s is already a source", src.URI), Kind: mlflow.ErrConflict}
	}
	if err := s.deps.Config.Put(src); err != nil {
		return SourceView{}, err
	}
	s.deps.Hub.Emit(events.SourcesChanged, nil)
	_ = s.startSync(src)
	return s.view(s.baseCtx, src), nil
}

// UpdateSource edits a source's name, URI or credentials. Empty credential
// fields keep the stored ones unless ClearCredentials is set.
func (s *Service) UpdateSource(id string, in SourceInput) (SourceView, error) {
	s.wait()
	old, err := s.source(id)
	if err != nil {
		return SourceView{}, err
	}
	src, err := s.inputToSource(in, old)
	if err != nil {
		return SourceView{}, err
	}
	if src.ID != old.ID {
		if err := s.deps.Config.Remove(old.ID); err != nil {
			return SourceView{}, err
		}
		s.closeStore(old.ID)
	}
	if err := s.deps.Config.Put(src); err != nil {
		return SourceView{}, err
	}
	s.closeStore(src.ID) // credentials may have changed
	s.deps.Hub.Emit(events.SourcesChanged, nil)
	_ = s.startSync(src)
	return s.view(s.baseCtx, src), nil
}

// RemoveSource forgets a source and drops its cached data.
func (s *Service) RemoveSource(id string) error {
	s.wait()
	src, err := s.source(id)
	if err != nil {
		return err
	}
	_ = s.CancelSync(src.ID)
	s.waitSync(src.ID)
	if err := s.deps.Config.Remove(src.ID); err != nil {
		return err
	}
	s.closeStore(src.ID)
	if cs, err := s.deps.Cache.SourceByURI(s.baseCtx, src.URI); err == nil {
		if err := s.deps.Cache.DeleteSource(s.baseCtx, cs.ID); err != nil {
			return err
		}
	}
	s.mu.Lock()
	if s.current == src.ID {
		s.current = ""
	}
	s.mu.Unlock()
	s.deps.Hub.Emit(events.SourcesChanged, nil)
	return nil
}

// TestSource opens a source without saving it and reports what it found.
func (s *Service) TestSource(in SourceInput) TestResult {
	s.wait()
	src, err := s.inputToSource(in, config.Source{})
	if err != nil {
		return TestResult{Error: err.Error()}
	}
	ctx, cancel := context.WithTimeout(s.baseCtx, 20*time.Second)
	defer cancel()
	opts := src.Options()
	opts.MaxRetries = 1
	opts.Timeout = 10 * time.Second
	st, err := s.deps.Open(ctx, src.URI, opts)
	if err != nil {
		return TestResult{Error: userMessage(err)}
	}
	defer st.Close()
	info := st.Info()
	exps, err := st.Experiments(ctx, mlflow.ViewActiveOnly)
	if err != nil {
		return TestResult{Kind: string(info.Kind), ServerVersion: info.Version, Error: userMessage(err)}
	}
	return TestResult{OK: true, Kind: string(info.Kind), ServerVersion: info.Version, Experiments: len(exps)}
}

func (s *Service) inputToSource(in SourceInput, old config.Source) (config.Source, error) {
	uri := strings.TrimSpace(in.URI)
	if uri == "" {
		return config.Source{}, mlflow.InvalidParamf("enter a folder, a sqlite:/// file or an http(s):// server URL")
	}
	canon, kind, err := connect.Canonical(uri)
	if err != nil {
		return config.Source{}, err
	}
	src := old
	src.ID = config.IDFor(canon)
	src.URI = canon
	src.Ephemeral = false
	src.Name = strings.TrimSpace(in.Name)
	if src.Name == "" {
		src.Name = defaultName(canon, kind)
	}
	if in.ClearCredentials {
		src.Username, src.Password, src.Token = "", "", ""
	}
	if in.Username != "" {
		src.Username = in.Username
	}
	if in.Password != "" {
		src.Password = in.Password
	}
	if in.Token != "" {
		src.Token = in.Token
	}
	src.InsecureTLS = in.InsecureTLS
	if kind != source.KindREST && src.HasCredentials() {
		return config.Source{}, mlflow.InvalidParamf("credentials only apply to tracking servers (http:// or https://)")
	}
	return src, nil
}

// store returns the open store for a source, opening it on first use.
func (s *Service) store(ctx context.Context, src config.Source) (source.Store, error) {
	s.mu.Lock()
	st, ok := s.stores[src.ID]
	s.mu.Unlock()
	if ok {
		return st, nil
	}
	opts := src.Options()
	opts.Warn = s.deps.Warn
	st, err := s.deps.Open(ctx, src.URI, opts)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.stores[src.ID]; ok {
		st.Close()
		return prev, nil
	}
	s.stores[src.ID] = st
	return st, nil
}

func (s *Service) closeStore(id string) {
	s.mu.Lock()
	st, ok := s.stores[id]
	delete(s.stores, id)
	s.mu.Unlock()
	if ok {
		st.Close()
	}
}

// cacheSource maps a configured source to its cache id, adding it to the
// cache if needed.
func (s *Service) cacheSource(ctx context.Context, id string) (config.Source, int64, error) {
	src, err := s.source(id)
	if err != nil {
		return src, 0, err
	}
	// Reads are the common case: look up first, so a page of the UI never
	// waits on the cache's write lock while a sync holds it.
	if cs, err := s.deps.Cache.SourceByURI(ctx, src.URI); err == nil {
		return src, cs.ID, nil
	}
	loc, _ := source.ParseURI(src.URI)
	cid, err := s.deps.Cache.EnsureSource(ctx, src.URI, loc.Kind)
	return src, cid, err
}

// userMessage turns an error into the sentence the UI shows.
func userMessage(err error) string {
	var me *mlflow.Error
	if errors.As(err, &me) {
		return me.Message
	}
	return err.Error()
}

var _ = cache.Source{}
