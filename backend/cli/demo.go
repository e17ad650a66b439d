package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"flowdeck/backend/demo"
)

func newDemoCmd() *cobra.Command {
	var o demo.Options
	cmd := &cobra.Command{
		Use:   "demo DIR",
		Short: "Write a realistic demo MLflow FileStore (deterministic for a seed)",
		Long: `Write a demo FileStore in MLflow's exact format: experiments, a
hyperparameter sweep with training-like metric curves, nested runs,
artifacts including a logged model, and a file-based model registry with
stages, aliases, descriptions and tags. The same seed writes the same store.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Runs < 0 || o.Metrics < 0 || o.Steps < 0 || o.Params < 0 {
				return usagef("--runs, --metrics, --steps and --params must not be negative")
			}
			start := time.Now()
			sum, err := demo.Generate(args[0], o)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote a demo MLflow store to %s: %d experiments, %d runs, %d metric points, %d registered models (%s)\n",
				sum.Root, len(sum.Experiments), len(sum.Runs), sum.MetricPoints, len(sum.RegisteredModels), time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.Runs, "runs", 60, "number of runs")
	f.IntVar(&o.Metrics, "metrics", 6, "metric keys per run")
	f.IntVar(&o.Steps, "steps", 100, "points per metric history")
	f.IntVar(&o.Params, "params", 8, "params per run")
	f.IntVar(&o.Tags, "tags", 5, "user tags per run")
	f.IntVar(&o.Experiments, "experiments", 3, "experiments besides Default")
	f.Int64Var(&o.Seed, "seed", 1, "random seed")
	f.BoolVar(&o.Hostile, "hostile", false, "add a run whose name, note and tag hold HTML/script payloads (UI safety tests)")
	return cmd
}
