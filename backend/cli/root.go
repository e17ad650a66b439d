// Package cli is Flowdeck's command line: the desktop and web faces, the
// demo store, sync, and subcommands that mirror MLflow's REST API and print
// the same JSON shapes. main.go only calls Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"flowdeck/backend/service"
)

// Deps are what main hands the command line.
type Deps struct {
	Assets     fs.FS
	RunDesktop func(b *service.Backend, assets fs.FS) error
	Stdout     io.Writer
	Stderr     io.Writer
}

// usageError marks bad flags or arguments (exit code 2).
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// Main runs the command line and returns the process exit code:
// 0 success, 1 failure, 2 bad usage, 130 interrupted.
func Main(args []string, d Deps) int {
	if d.Stdout == nil {
		d.Stdout = os.Stdout
	}
	if d.Stderr == nil {
		d.Stderr = os.Stderr
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot(&d)
	root.SetArgs(args)
	root.SetOut(d.Stdout)
	root.SetErr(d.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintf(d.Stderr, "flowdeck: %s\n", errorSentence(err))
	var ue usageError
	switch {
	case isCobraUsage(err):
		fmt.Fprintln(d.Stderr, "Run 'flowdeck --help' for usage.")
		return 2
	case errors.As(err, &ue):
		return 2
	case errors.Is(err, context.Canceled):
		return 130
	}
	return 1
}

// globalFlags are shared by every subcommand.
type globalFlags struct {
	cachePath  string
	configPath string
	open       string
}

func newRoot(d *Deps) *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "flowdeck [SOURCE...]",
		Short: "A fast desktop and web dashboard for MLflow",
		Long: `Flowdeck reads MLflow stores — mlruns folders, sqlite:/// mlflow.db files and
tracking servers — into a local cache, so every view is instant and works
offline. Without a subcommand it opens the desktop window.

SOURCE is a URI as MLflow users write it: ./mlruns, /abs/mlruns,
file:///abs/mlruns, sqlite:///rel/mlflow.db, sqlite:////abs/mlflow.db,
http(s)://host:port. With no SOURCE, Flowdeck uses MLFLOW_TRACKING_URI, else
./mlflow.db if it exists, else ./mlruns, plus your saved sources.`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDesktop(cmd, d, g, args)
		},
	}
	root.PersistentFlags().StringVar(&g.cachePath, "cache", "", "cache database file (default $FLOWDECK_CACHE or the user cache dir)")
	root.PersistentFlags().StringVar(&g.configPath, "config", "", "saved sources file (default $FLOWDECK_CONFIG or the user config dir)")
	root.Flags().StringVar(&g.open, "open", "", "view to open the window on, as an in-app path such as /runs or /models")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newVersionCmd(),
		newServeCmd(d, g),
		newDemoCmd(),
		newSyncCmd(g),
		newExperimentsCmd(g),
		newRunsCmd(g),
		newMetricsCmd(g),
		newArtifactsCmd(g),
		newModelsCmd(g),
		newModelVersionsCmd(g),
	)
	return root
}

func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires exactly", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
