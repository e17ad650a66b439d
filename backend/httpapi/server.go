package httpapi

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"time"

	"flowdeck/backend/events"
	"flowdeck/backend/mlflow"
)

// Options configure the web face.
type Options struct {
	// ServiceName is the prefix of API paths, e.g. "Service".
	ServiceName string
	// Service is the facade whose exported methods become the API.
	Service any
	// Hub delivers events to /api/events subscribers.
	Hub *events.Hub
	// Token, when set, is required on every request (Bearer header, or
	// ?token= for the first page load, EventSource and artifact links).
	Token string
	// Assets is the built frontend (index.html at its root).
	Assets fs.FS
	// Artifacts serves GET /artifact?source=&run=&path=.
	Artifacts http.Handler
}

// New builds the web face's handler.
func New(o Options) (http.Handler, error) {
	d, err := NewDispatcher(o.ServiceName, o.Service)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	prefix := "/api/" + o.ServiceName + "."
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/events" {
			serveEvents(w, r, o.Hub)
			return
		}
		if !strings.HasPrefix(r.URL.Path, prefix) {
			writeError(w, &mlflow.Error{Code: "ENDPOINT_NOT_FOUND", Message: fmt.Sprintf("no API endpoint %s", r.URL.Path), Kind: mlflow.ErrNotFound})
			return
		}
		d.serveCall(w, r, strings.TrimPrefix(r.URL.Path, prefix))
	})
	if o.Artifacts != nil {
		mux.Handle("/artifact", o.Artifacts)
	}
	if o.Assets != nil {
		mux.Handle("/", spa(o.Assets))
	}
	return secure(o.Token, mux), nil
}

// secure adds security headers, rejects foreign Host headers on a
// token-less (loopback) server to stop DNS-rebinding pages from reading the
// API, and checks the token when one is configured.
func secure(token string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'")
		if token == "" {
			if !loopbackHost(r.Host) {
				http.Error(w, "Flowdeck serves this address on loopback only; open it as http://127.0.0.1 or http://localhost.", http.StatusForbidden)
				return
			}
		} else if !tokenOK(r, token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="flowdeck"`)
			writeError(w, &mlflow.Error{Code: "UNAUTHENTICATED", Message: "this Flowdeck server needs its access token: open the URL printed by flowdeck serve (it ends in ?token=…)", Kind: mlflow.ErrUnauthenticated})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || host == "wails.localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func tokenOK(r *http.Request, token string) bool {
	got := ""
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		got = strings.TrimPrefix(a, "Bearer ")
	} else if q := r.URL.Query().Get("token"); q != "" {
		got = q
	} else if c, err := r.Cookie("flowdeck_token"); err == nil {
		got = c.Value
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}

// serveEvents streams events as Server-Sent Events until the client leaves.
func serveEvents(w http.ResponseWriter, r *http.Request, hub *events.Hub) {
	fl, ok := w.(http.Flusher)
	if !ok || hub == nil {
		writeError(w, errors.New("event streaming is not available"))
		return
	}
	ch, stop := hub.Subscribe()
	defer stop()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": connected\n\n")
	fl.Flush()
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		case ev, ok := <-ch:
			if !ok {
				return
			}
			b, err := json.Marshal(ev.Payload)
			if err != nil {
				continue
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Name, b)
			fl.Flush()
		}
	}
}

// spa serves the built frontend; unknown paths get index.html so deep links
// work with client-side routing.
func spa(assets fs.FS) http.Handler {
	files := http.FileServerFS(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p != "" {
			if st, err := fs.Stat(assets, p); err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
		}
		if t := r.URL.Query().Get("token"); t != "" {
			// Keep the token for later asset and artifact requests from this tab.
			http.SetCookie(w, &http.Cookie{Name: "flowdeck_token", Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		}
		b, err := fs.ReadFile(assets, "index.html")
		if err != nil {
			http.Error(w, "the frontend is not built: run make build", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(b)
	})
}
