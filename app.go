package main

import (
	"context"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"flowdeck/backend/httpapi"
	"flowdeck/backend/service"
)

// runDesktop opens the desktop window over the backend: the facade is bound
// to the frontend, events go through the Wails runtime, and requests the
// asset server does not know (artifact downloads) reach the same handler the
// web face uses.
func runDesktop(b *service.Backend, assets fs.FS) error {
	return wails.Run(&options.App{
		Title:     "Flowdeck",
		Width:     1360,
		Height:    860,
		MinWidth:  900,
		MinHeight: 560,
		AssetServer: &assetserver.Options{
			Assets:  assets,
			Handler: b.ArtifactHandler(),
		},
		OnStartup: func(ctx context.Context) {
			b.Start(wailsRuntime{ctx})
			b.SyncAll()
		},
		OnShutdown: func(context.Context) { b.Stop() },
		// Bound methods' errors reach the frontend as {code, message}, the
		// same shape the web face sends, so the UI can tell a bad filter
		// (INVALID_PARAMETER_VALUE) from a missing run.
		ErrorFormatter: func(err error) any {
			_, code := httpapi.Classify(err)
			return map[string]string{"code": code, "message": err.Error()}
		},
		Bind: []any{b.Service()},
	})
}

// wailsRuntime is the only code that talks to the Wails runtime. It is
// handed to the backend after startup, when ctx is a real Wails context
// (runtime calls with any other context kill the process).
type wailsRuntime struct{ ctx context.Context }

func (w wailsRuntime) Emit(name string, payload any) { runtime.EventsEmit(w.ctx, name, payload) }

func (w wailsRuntime) PickPath(kind string) (string, error) {
	if kind == "file" {
		return runtime.OpenFileDialog(w.ctx, runtime.OpenDialogOptions{
			Title:   "Open an MLflow SQLite store",
			Filters: []runtime.FileFilter{{DisplayName: "MLflow database (*.db)", Pattern: "*.db;*.sqlite;*.sqlite3"}},
		})
	}
	return runtime.OpenDirectoryDialog(w.ctx, runtime.OpenDialogOptions{Title: "Open an mlruns folder"})
}
