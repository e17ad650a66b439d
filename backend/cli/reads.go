package cli

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/search"
)

func parseView(s string) (mlflow.ViewType, error) {
	v, ok := mlflow.ParseViewType(strings.ToUpper(s))
	if !ok {
		return "", usagef("--view-type %q is not one of ACTIVE_ONLY, DELETED_ONLY, ALL", s)
	}
	return v, nil
}

func newSyncCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "sync SOURCE",
		Short: "Sync a source into the local cache (incremental)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openSession(cmd.Context(), g, args[0], false, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer s.Close()
			r := s.synced
			state := fmt.Sprintf("%d runs added, %d changed, %d removed, %d unchanged", r.Added, r.Changed, r.Removed, r.Unchanged)
			if r.Skipped {
				fmt.Fprintf(cmd.OutOrStdout(), "Synced %s: unchanged since the last sync (%s)\n", s.uri, r.Duration.Round(time.Millisecond))
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Synced %s: %d experiments; %s (%s)\n", s.uri, r.Experiments, state, r.Duration.Round(time.Millisecond))
			return nil
		},
	}
}

func newExperimentsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "experiments", Short: "Search and get experiments (as experiments/search and experiments/get)"}
	var rf readFlags
	var viewType string
	search := &cobra.Command{
		Use:   "search SOURCE",
		Short: "List experiments",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			view, err := parseView(viewType)
			if err != nil {
				return err
			}
			s, err := openSession(cmd.Context(), g, args[0], rf.offline, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer s.Close()
			exps, err := s.cache.Experiments(cmd.Context(), s.srcID, view)
			if err != nil {
				return err
			}
			// MLflow's default order: creation_time DESC, experiment_id ASC.
			sort.SliceStable(exps, func(i, j int) bool {
				if exps[i].CreationTime != exps[j].CreationTime {
					return exps[i].CreationTime > exps[j].CreationTime
				}
				return exps[i].ExperimentID < exps[j].ExperimentID
			})
			if rf.json {
				return printJSON(cmd.OutOrStdout(), struct {
					Experiments []mlflow.Experiment `json:"experiments,omitempty"`
				}{exps})
			}
			t := newTable(cmd.OutOrStdout(), "EXPERIMENT ID", "NAME", "LIFECYCLE", "CREATED", "ARTIFACT LOCATION")
			for _, e := range exps {
				t.row(e.ExperimentID, e.Name, e.LifecycleStage, fmtTime(e.CreationTime), e.ArtifactLocation)
			}
			t.flush()
			return nil
		},
	}
	search.Flags().StringVar(&viewType, "view-type", "ACTIVE_ONLY", "ACTIVE_ONLY, DELETED_ONLY or ALL")
	rf.register(search.Flags())
	var grf readFlags
	get := &cobra.Command{
		Use:   "get SOURCE EXPERIMENT_ID",
		Short: "Show one experiment",
		Args:  cobra.ExactArgs(2),
		RunE: withSession(g, &grf, func(cmd *cobra.Command, s *session, args []string) error {
			e, err := s.cache.Experiment(cmd.Context(), s.srcID, args[1])
			if err != nil {
				return err
			}
			if grf.json {
				return printJSON(cmd.OutOrStdout(), struct {
					Experiment *mlflow.Experiment `json:"experiment"`
				}{e})
			}
			printFields(cmd.OutOrStdout(), [][2]string{
				{"experiment_id", e.ExperimentID}, {"name", e.Name}, {"lifecycle_stage", e.LifecycleStage},
				{"artifact_location", e.ArtifactLocation}, {"created", fmtTime(e.CreationTime)}, {"last_update", fmtTime(e.LastUpdateTime)},
			}, e.Tags)
			return nil
		}),
	}
	grf.register(get.Flags())
	cmd.AddCommand(search, get)
	return cmd
}

func newRunsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "runs", Short: "Search and get runs (as runs/search and runs/get)"}
	var rf readFlags
	var expIDs []string
	var filter, viewType, pageToken string
	var orderBy []string
	var maxResults int
	srch := &cobra.Command{
		Use:   "search SOURCE --experiment-ids ID[,ID…]",
		Short: "Search runs with MLflow's filter and order_by syntax",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			view, err := parseView(viewType)
			if err != nil {
				return err
			}
			if len(expIDs) == 0 {
				return usagef("--experiment-ids is required (see 'flowdeck experiments search %s')", args[0])
			}
			s, err := openSession(cmd.Context(), g, args[0], rf.offline, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer s.Close()
			page, err := search.Runs(cmd.Context(), s.cache.DB(), search.RunQuery{SourceID: s.srcID, ExperimentIDs: expIDs,
				Filter: filter, OrderBy: orderBy, MaxResults: maxResults, PageToken: pageToken, ViewType: view,
				CountTotal: !rf.json}) // the table prints "N of TOTAL"; MLflow's JSON has no total
			if err != nil {
				return err
			}
			if w := cmd.OutOrStdout(); rf.json && !isTerminal(w) {
				// Into a pipe: the runs as stored in MLflow's JSON at sync
				// time, concatenated.
				raw, err := s.cache.RunsSearchJSON(cmd.Context(), s.srcID, page.RunIDs)
				if err != nil {
					return err
				}
				return mlflow.WriteSearchRunsPage(w, raw, page.NextPageToken)
			}
			runs, err := s.cache.Runs(cmd.Context(), s.srcID, page.RunIDs)
			if err != nil {
				return err
			}
			if rf.json {
				for i := range runs {
					runs[i] = runs[i].AsSearchResponse()
				}
				return printJSON(cmd.OutOrStdout(), mlflow.SearchRunsResponse{Runs: runs, NextPageToken: page.NextPageToken})
			}
			printRunsTable(cmd.OutOrStdout(), runs)
			fmt.Fprintf(cmd.ErrOrStderr(), "%d of %d matching runs", len(runs), page.Total)
			if page.NextPageToken != "" {
				fmt.Fprintf(cmd.ErrOrStderr(), "; next page: --page-token %s", page.NextPageToken)
			}
			fmt.Fprintln(cmd.ErrOrStderr())
			return nil
		},
	}
	f := srch.Flags()
	f.StringSliceVar(&expIDs, "experiment-ids", nil, "experiment ids, comma-separated")
	f.StringVar(&filter, "filter", "", "MLflow filter, e.g. \"metrics.acc > 0.9 and params.model = 'rf'\"")
	f.StringArrayVar(&orderBy, "order-by", nil, "order_by clause, e.g. \"metrics.acc DESC\" (repeatable)")
	f.IntVar(&maxResults, "max-results", 1000, "page size (at most 50000)")
	f.StringVar(&pageToken, "page-token", "", "token of the next page, from a previous search")
	f.StringVar(&viewType, "view-type", "ACTIVE_ONLY", "ACTIVE_ONLY, DELETED_ONLY or ALL")
	rf.register(f)

	var grf readFlags
	get := &cobra.Command{
		Use:   "get SOURCE RUN_ID",
		Short: "Show one run",
		Args:  cobra.ExactArgs(2),
		RunE: withSession(g, &grf, func(cmd *cobra.Command, s *session, args []string) error {
			r, err := s.cache.Run(cmd.Context(), s.srcID, args[1])
			if err != nil {
				return err
			}
			if grf.json {
				shaped := r.AsGetResponse()
				return printJSON(cmd.OutOrStdout(), struct {
					Run *mlflow.Run `json:"run"`
				}{&shaped})
			}
			i := r.Info
			rows := [][2]string{
				{"run_id", i.RunID}, {"run_name", i.RunName}, {"experiment_id", i.ExperimentID}, {"status", i.Status},
				{"lifecycle_stage", i.LifecycleStage}, {"user", i.UserID}, {"start", fmtTime(i.StartTime)}, {"end", fmtTime(i.EndTime)},
				{"duration", fmtDuration(i.StartTime, i.EndTime)}, {"artifact_uri", i.ArtifactURI},
			}
			for _, m := range r.Data.Metrics {
				rows = append(rows, [2]string{"metric " + m.Key, fmtFloat(float64(m.Value)) + " (step " + strconv.FormatInt(m.Step, 10) + ")"})
			}
			for _, p := range r.Data.Params {
				rows = append(rows, [2]string{"param " + p.Key, p.Value})
			}
			printFields(cmd.OutOrStdout(), rows, r.Data.Tags)
			return nil
		}),
	}
	grf.register(get.Flags())
	cmd.AddCommand(srch, get)
	return cmd
}

func fmtFloat(v float64) string {
	b, _ := mlflow.Float(v).MarshalJSON()
	return strings.Trim(string(b), `"`)
}

func printRunsTable(w io.Writer, runs []mlflow.Run) {
	// Show the metrics most runs share, at most four.
	count := map[string]int{}
	for _, r := range runs {
		for _, m := range r.Data.Metrics {
			count[m.Key]++
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if count[keys[i]] != count[keys[j]] {
			return count[keys[i]] > count[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > 4 {
		keys = keys[:4]
	}
	header := append([]string{"RUN ID", "NAME", "STATUS", "START", "DURATION", "USER"}, keys...)
	t := newTable(w, header...)
	for _, r := range runs {
		vals := map[string]string{}
		for _, m := range r.Data.Metrics {
			vals[m.Key] = fmtFloat(float64(m.Value))
		}
		row := []string{r.Info.RunID, r.Info.RunName, r.Info.Status, fmtTime(r.Info.StartTime), fmtDuration(r.Info.StartTime, r.Info.EndTime), r.Info.UserID}
		for _, k := range keys {
			row = append(row, vals[k])
		}
		t.row(row...)
	}
	t.flush()
}

func newMetricsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "metrics", Short: "Metric histories (as metrics/get-history)"}
	var rf readFlags
	hist := &cobra.Command{
		Use:   "history SOURCE RUN_ID METRIC_KEY",
		Short: "Print one metric's full history",
		Args:  cobra.ExactArgs(3),
		RunE: withSession(g, &rf, func(cmd *cobra.Command, s *session, args []string) error {
			if _, err := s.cache.Run(cmd.Context(), s.srcID, args[1]); err != nil {
				return err
			}
			ms, err := s.cache.MetricHistory(cmd.Context(), s.srcID, args[1], args[2])
			if err != nil {
				return err
			}
			if rf.json {
				return printJSON(cmd.OutOrStdout(), struct {
					Metrics []mlflow.Metric `json:"metrics,omitempty"`
				}{ms})
			}
			t := newTable(cmd.OutOrStdout(), "STEP", "VALUE", "TIMESTAMP")
			for _, m := range ms {
				t.row(strconv.FormatInt(m.Step, 10), fmtFloat(float64(m.Value)), fmtTime(m.Timestamp))
			}
			t.flush()
			return nil
		}),
	}
	rf.register(hist.Flags())
	cmd.AddCommand(hist)
	return cmd
}

func newArtifactsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "artifacts", Short: "List and download run artifacts (as artifacts/list and get-artifact)"}
	var asJSON bool
	list := &cobra.Command{
		Use:   "list SOURCE RUN_ID [PATH]",
		Short: "List one directory of a run's artifacts",
		Args:  cobra.RangeArgs(2, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, closeFn, err := openStoreOnly(cmd, g, args[0])
			if err != nil {
				return err
			}
			defer closeFn()
			p := ""
			if len(args) == 3 {
				p = args[2]
			}
			res, err := st.ListArtifacts(cmd.Context(), args[1], p)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(cmd.OutOrStdout(), res)
			}
			t := newTable(cmd.OutOrStdout(), "PATH", "SIZE")
			for _, f := range res.Files {
				size := strconv.FormatInt(f.FileSize, 10)
				if f.IsDir {
					size = "dir"
				}
				t.row(f.Path, size)
			}
			t.flush()
			return nil
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print exactly the JSON MLflow's REST API returns")
	var out string
	get := &cobra.Command{
		Use:   "get SOURCE RUN_ID PATH",
		Short: "Download one artifact file (to stdout, or -o FILE)",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, closeFn, err := openStoreOnly(cmd, g, args[0])
			if err != nil {
				return err
			}
			defer closeFn()
			rc, _, err := st.OpenArtifact(cmd.Context(), args[1], args[2])
			if err != nil {
				return err
			}
			defer rc.Close()
			w := cmd.OutOrStdout()
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return fmt.Errorf("write %s: %w", out, err)
				}
				defer f.Close()
				w = f
			}
			if _, err := io.Copy(w, rc); err != nil {
				return fmt.Errorf("download %s: %w", args[2], err)
			}
			return nil
		},
	}
	get.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	cmd.AddCommand(list, get)
	return cmd
}
