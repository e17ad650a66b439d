package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/spf13/cobra"

	"flowdeck/backend/cache"
	"flowdeck/backend/config"
	"flowdeck/backend/connect"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/syncer"
)

// readFlags are shared by the read subcommands.
type readFlags struct {
	json    bool
	offline bool
}

func (rf *readFlags) register(cmdFlags interface {
	BoolVar(p *bool, name string, value bool, usage string)
}) {
	cmdFlags.BoolVar(&rf.json, "json", false, "print exactly the JSON MLflow's REST API returns")
	cmdFlags.BoolVar(&rf.offline, "offline", false, "answer from the cache without touching the source")
}

// session is one source opened for a command: its cache id and, unless
// offline, the store itself.
type session struct {
	cache *cache.Cache
	srcID int64
	uri   string
	store source.Store
	// synced is the result of the sync the session ran (zero when offline).
	synced syncer.Result
}

func (s *session) Close() {
	if s.store != nil {
		s.store.Close()
	}
	s.cache.Close()
}

// openSession opens the cache and the source, then syncs the source into the
// cache incrementally (showing progress on a terminal), unless offline.
func openSession(ctx context.Context, g *globalFlags, uri string, offline bool, errw io.Writer) (*session, error) {
	canon, kind, err := connect.Canonical(uri)
	if err != nil {
		return nil, usageError{err}
	}
	c, err := openCache(g)
	if err != nil {
		return nil, err
	}
	s := &session{cache: c, uri: canon}
	if offline {
		cs, err := c.SourceByURI(ctx, canon)
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("%s has never been synced into the cache (%s); run without --offline once", canon, c.Path())
		}
		s.srcID = cs.ID
		return s, nil
	}
	if s.srcID, err = c.EnsureSource(ctx, canon, kind); err != nil {
		c.Close()
		return nil, err
	}
	opts := savedOptions(g, canon)
	opts.Warn = func(msg string) { fmt.Fprintln(errw, "flowdeck: warning:", msg) }
	st, err := connect.Open(ctx, canon, opts)
	if err != nil {
		c.Close()
		return nil, err
	}
	s.store = st
	if s.synced, err = syncWithProgress(ctx, c, st, s.srcID, errw); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// savedOptions uses a saved source's credentials when the URI is saved,
// MLflow's environment variables otherwise.
func savedOptions(g *globalFlags, canon string) source.Options {
	p := g.configPath
	if p == "" {
		p, _ = config.DefaultPath()
	}
	if cfg, err := config.Load(p); err == nil {
		if src, err := cfg.Get(config.IDFor(canon)); err == nil {
			return src.Options()
		}
	}
	return source.OptionsFromEnv()
}

// syncWithProgress syncs and draws a progress bar when errw is a terminal.
func syncWithProgress(ctx context.Context, c *cache.Cache, st source.Store, srcID int64, errw io.Writer) (syncer.Result, error) {
	var bar *progressbar.ProgressBar
	tty := false
	if f, ok := errw.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		tty = true
	}
	res, err := syncer.Sync(ctx, c, st, syncer.Options{
		SourceID: srcID,
		Progress: func(p syncer.Progress) {
			if !tty || p.Phase != "runs" || p.Total == 0 {
				return
			}
			if bar == nil {
				bar = progressbar.NewOptions(p.Total, progressbar.OptionSetWriter(errw), progressbar.OptionSetDescription("syncing runs"),
					progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(80*time.Millisecond))
			}
			_ = bar.Set(p.Done)
		},
	})
	if bar != nil {
		_ = bar.Finish()
	}
	return res, err
}

// printJSON writes v in MLflow's JSON shapes: on a terminal indented by two
// spaces as MLflow's server writes them; into a pipe or file compact, since
// encoding/json's indenting costs three times the encoding itself (about
// 100 ms for a page of 1,000 runs).
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	if isTerminal(w) {
		enc.SetIndent("", "  ")
	}
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// openStoreOnly opens the source without the cache: artifacts are read from
// the source itself.
func openStoreOnly(cmd interface{ Context() context.Context }, g *globalFlags, uri string) (source.Store, func(), error) {
	canon, _, err := connect.Canonical(uri)
	if err != nil {
		return nil, nil, usageError{err}
	}
	st, err := connect.Open(cmd.Context(), canon, savedOptions(g, canon))
	if err != nil {
		return nil, nil, err
	}
	return st, func() { st.Close() }, nil
}

// withSession makes the RunE of a read command: it opens SOURCE (the first
// argument) through the cache, runs fn, and closes the session.
func withSession(g *globalFlags, rf *readFlags, fn func(cmd *cobra.Command, s *session, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		s, err := openSession(cmd.Context(), g, args[0], rf.offline, cmd.ErrOrStderr())
		if err != nil {
			return err
		}
		defer s.Close()
		return fn(cmd, s, args)
	}
}

// printFields prints a FIELD/VALUE table, then one row per tag.
func printFields(w io.Writer, rows [][2]string, tags []mlflow.Tag) {
	t := newTable(w, "FIELD", "VALUE")
	for _, r := range rows {
		t.row(r[0], r[1])
	}
	for _, tag := range tags {
		t.row("tag "+tag.Key, tag.Value)
	}
	t.flush()
}
