// Command flowdeck is a desktop and web dashboard for MLflow: `flowdeck`
// opens the desktop window, `flowdeck serve` the web face, and the other
// subcommands mirror MLflow's REST API on the command line.
package main

import (
	"embed"
	"io/fs"
	"os"

	"flowdeck/backend/cli"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		panic(err) // the embed directive guarantees the folder exists
	}
	os.Exit(cli.Main(os.Args[1:], cli.Deps{Assets: dist, RunDesktop: runDesktop}))
}
