package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"flowdeck/backend/buildinfo"
	"flowdeck/backend/cache"
	"flowdeck/backend/config"
	"flowdeck/backend/connect"
	"flowdeck/backend/events"
	"flowdeck/backend/httpapi"
	"flowdeck/backend/service"
	"flowdeck/backend/source"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bi := buildinfo.Get()
			fmt.Fprintf(cmd.OutOrStdout(), "flowdeck %s", bi.Version)
			if bi.Commit != "" {
				fmt.Fprintf(cmd.OutOrStdout(), " (%s)", bi.Commit)
			}
			fmt.Fprintf(cmd.OutOrStdout(), " %s\n", bi.GoVersion)
			return nil
		},
	}
}

// openBackend builds the facade over the cache and saved sources, adding the
// command-line sources (or the MLflow default source) for this process.
func openBackend(ctx context.Context, g *globalFlags, face string, uris []string, logw io.Writer) (*service.Backend, *cache.Cache, error) {
	if g.open != "" && (!strings.HasPrefix(g.open, "/") || strings.HasPrefix(g.open, "//")) {
		return nil, nil, usagef("--open takes a path inside Flowdeck such as /runs or /models, not %q", g.open)
	}
	c, err := openCache(g)
	if err != nil {
		return nil, nil, err
	}
	cfgPath := g.configPath
	if cfgPath == "" {
		if cfgPath, err = config.DefaultPath(); err != nil {
			c.Close()
			return nil, nil, err
		}
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	logger := log.New(logw, "flowdeck: ", 0)
	b := service.NewBackend(service.Deps{
		Cache: c, Config: cfg, Hub: events.NewHub(), Open: connect.Open, Face: face,
		Warn:       func(msg string) { logger.Print("warning: ", msg) },
		Log:        func(msg string) { logger.Print(msg) },
		StartRoute: g.open,
	})
	if len(uris) == 0 && len(cfg.List()) == 0 {
		uris = []string{source.DefaultURI()}
	}
	for i, u := range uris {
		if _, err := b.AddCommandLineSource(u, i == 0); err != nil {
			c.Close()
			return nil, nil, err
		}
	}
	return b, c, nil
}

func openCache(g *globalFlags) (*cache.Cache, error) {
	p := g.cachePath
	if p == "" {
		var err error
		if p, err = cache.DefaultPath(); err != nil {
			return nil, err
		}
	}
	return cache.Open(p)
}

func runDesktop(cmd *cobra.Command, d *Deps, g *globalFlags, args []string) error {
	for _, a := range args {
		// A bare word that is no path is a mistyped subcommand, not a source.
		if !strings.ContainsAny(a, "/.:\\") {
			if _, err := os.Stat(a); err != nil {
				msg := fmt.Sprintf("unknown command %q for \"flowdeck\"", a)
				if sug := cmd.SuggestionsFor(a); len(sug) > 0 {
					msg += fmt.Sprintf(" (did you mean %q?)", sug[0])
				}
				return errors.New(msg)
			}
		}
	}
	b, c, err := openBackend(cmd.Context(), g, "desktop", args, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	defer c.Close()
	if d.RunDesktop == nil {
		return errors.New("this build has no desktop window; run 'flowdeck serve' for the web face")
	}
	if err := d.RunDesktop(b, d.Assets); err != nil {
		if strings.Contains(err.Error(), "build tags") || strings.Contains(err.Error(), "wails build") {
			return errors.New("this binary was built without the desktop window (plain go build); run 'flowdeck serve' for the web face, or build the desktop app with 'make desktop'")
		}
		return fmt.Errorf("desktop window: %w", err)
	}
	return nil
}

func newServeCmd(d *Deps, g *globalFlags) *cobra.Command {
	var addr, token string
	var noSync bool
	cmd := &cobra.Command{
		Use:   "serve [SOURCE...]",
		Short: "Run the web dashboard (loopback only unless an access token is set)",
		Long: `Run the web face of Flowdeck over HTTP. It listens on 127.0.0.1:5050 by
default. To listen on another interface, set an access token (--token or
FLOWDECK_TOKEN): every request must then carry it, and the URL printed at
start-up includes it.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				token = os.Getenv("FLOWDECK_TOKEN")
			}
			if err := checkServeAddr(addr, token); err != nil {
				return err
			}
			b, c, err := openBackend(cmd.Context(), g, "web", args, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer c.Close()
			hub := b.Hub()
			h, err := httpapi.New(httpapi.Options{ServiceName: "Service", Service: b.Service(), Hub: hub, Token: token, Assets: d.Assets, Artifacts: b.ArtifactHandler()})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w (is another Flowdeck or program using it? pick another with --addr)", addr, err)
			}
			b.Start(nil)
			defer b.Stop()
			if !noSync {
				b.SyncAll()
			}
			url := "http://" + ln.Addr().String() + "/"
			if token != "" {
				url += "?token=" + token
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Flowdeck web face: %s\n", url)
			srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			select {
			case err := <-errc:
				return fmt.Errorf("serve: %w", err)
			case <-cmd.Context().Done():
				shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				_ = srv.Shutdown(shut)
				return nil
			}
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:5050", "address to listen on")
	cmd.Flags().StringVar(&token, "token", "", "access token required on every request (or FLOWDECK_TOKEN); needed for non-loopback addresses")
	cmd.Flags().BoolVar(&noSync, "no-sync", false, "serve the cache as it is, without syncing sources at start-up")
	return cmd
}

// checkServeAddr refuses to expose the dashboard beyond this machine without
// an access token.
func checkServeAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q is not host:port (for example 127.0.0.1:5050)", addr)
	}
	if token != "" {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return nil
	}
	return usagef("refusing to serve on %s without an access token: anyone who can reach this address could read your runs. "+
		"Set one with --token or FLOWDECK_TOKEN=%s (every request must then carry it), or listen on loopback with --addr 127.0.0.1:5050", addr, suggestToken())
}

func suggestToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "<a long random secret>"
	}
	return hex.EncodeToString(b)
}
