package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/search"
)

// registryFlags are the search parameters of registered-models/search and
// model-versions/search.
type registryFlags struct {
	filter     string
	orderBy    []string
	maxResults int
	pageToken  string
}

func (q *registryFlags) register(f *pflag.FlagSet, what, example string) {
	f.StringVar(&q.filter, "filter", "", fmt.Sprintf("MLflow filter on %s, e.g. \"%s\"", what, example))
	f.StringArrayVar(&q.orderBy, "order-by", nil, "order_by clause, e.g. \"name ASC\" (repeatable)")
	f.IntVar(&q.maxResults, "max-results", 0, "page size (MLflow's default when 0)")
	f.StringVar(&q.pageToken, "page-token", "", "token of the next page, from a previous search")
}

// nameClause writes name = '…' as MLflow's grammar allows: it cannot escape
// quotes, so a name holding a single quote is put in double quotes.
func nameClause(name string) string {
	if strings.Contains(name, "'") {
		return `name = "` + name + `"`
	}
	return "name = '" + name + "'"
}

func joinFilters(a, b string) string {
	if strings.TrimSpace(b) == "" {
		return a
	}
	return a + " AND " + b
}

func printNextPage(cmd *cobra.Command, token string) {
	if token != "" {
		fmt.Fprintf(cmd.ErrOrStderr(), "next page: --page-token %s\n", token)
	}
}

func newModelsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "models", Short: "Registered models (as registered-models/search and get)"}
	var rf readFlags
	var q registryFlags
	srch := &cobra.Command{
		Use:   "search SOURCE",
		Short: "Search registered models (MLflow's filter and order_by syntax)",
		Args:  cobra.ExactArgs(1),
		RunE: withSession(g, &rf, func(cmd *cobra.Command, s *session, args []string) error {
			page, err := search.RegisteredModels(cmd.Context(), s.cache.DB(), search.RegistryQuery{SourceID: s.srcID,
				Filter: q.filter, OrderBy: q.orderBy, MaxResults: q.maxResults, PageToken: q.pageToken})
			if err != nil {
				return err
			}
			all, err := s.cache.RegisteredModels(cmd.Context(), s.srcID)
			if err != nil {
				return err
			}
			byName := make(map[string]mlflow.RegisteredModel, len(all))
			for _, m := range all {
				byName[m.Name] = m
			}
			ms := make([]mlflow.RegisteredModel, 0, len(page.Names))
			for _, n := range page.Names {
				ms = append(ms, byName[n])
			}
			defer printNextPage(cmd, page.NextPageToken)
			if rf.json {
				for i := range ms {
					ms[i].LatestVersions = mlflow.WithoutAliases(ms[i].LatestVersions)
				}
				return printJSON(cmd.OutOrStdout(), struct {
					RegisteredModels []mlflow.RegisteredModel `json:"registered_models,omitempty"`
					NextPageToken    string                   `json:"next_page_token,omitempty"`
				}{ms, page.NextPageToken})
			}
			t := newTable(cmd.OutOrStdout(), "NAME", "LATEST VERSIONS", "ALIASES", "UPDATED")
			for _, m := range ms {
				var lv, al []string
				for _, v := range m.LatestVersions {
					lv = append(lv, "v"+v.Version+" "+v.CurrentStage)
				}
				for _, a := range m.Aliases {
					al = append(al, a.Alias+"→v"+a.Version)
				}
				t.row(m.Name, strings.Join(lv, ", "), strings.Join(al, ", "), fmtTime(m.LastUpdatedTimestamp))
			}
			t.flush()
			return nil
		}),
	}
	rf.register(srch.Flags())
	q.register(srch.Flags(), "registered models", "name = 'churn' and tags.task = 'classification'")
	var grf readFlags
	get := &cobra.Command{
		Use:   "get SOURCE NAME",
		Short: "Show one registered model",
		Args:  cobra.ExactArgs(2),
		RunE: withSession(g, &grf, func(cmd *cobra.Command, s *session, args []string) error {
			m, err := s.cache.RegisteredModel(cmd.Context(), s.srcID, args[1])
			if err != nil {
				return err
			}
			if grf.json {
				m.LatestVersions = mlflow.WithoutAliases(m.LatestVersions)
				return printJSON(cmd.OutOrStdout(), struct {
					RegisteredModel *mlflow.RegisteredModel `json:"registered_model"`
				}{m})
			}
			rows := [][2]string{{"name", m.Name}, {"description", m.Description}, {"created", fmtTime(m.CreationTimestamp)}, {"updated", fmtTime(m.LastUpdatedTimestamp)}}
			for _, v := range m.LatestVersions {
				rows = append(rows, [2]string{"latest " + v.CurrentStage, "v" + v.Version})
			}
			for _, a := range m.Aliases {
				rows = append(rows, [2]string{"alias " + a.Alias, "v" + a.Version})
			}
			printFields(cmd.OutOrStdout(), rows, m.Tags)
			return nil
		}),
	}
	grf.register(get.Flags())
	cmd.AddCommand(srch, get)
	return cmd
}

func newModelVersionsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "model-versions", Short: "Model versions (as model-versions/search and get)"}
	var rf readFlags
	var q registryFlags
	var name string
	srch := &cobra.Command{
		Use:   "search SOURCE",
		Short: "Search model versions (default order: last updated first)",
		Args:  cobra.ExactArgs(1),
		RunE: withSession(g, &rf, func(cmd *cobra.Command, s *session, args []string) error {
			filter := q.filter
			if name != "" {
				filter = joinFilters(nameClause(name), filter)
			}
			page, err := search.ModelVersions(cmd.Context(), s.cache.DB(), search.RegistryQuery{SourceID: s.srcID,
				Filter: filter, OrderBy: q.orderBy, MaxResults: q.maxResults, PageToken: q.pageToken})
			if err != nil {
				return err
			}
			all, err := s.cache.ModelVersions(cmd.Context(), s.srcID, "")
			if err != nil {
				return err
			}
			byRef := make(map[string]mlflow.ModelVersion, len(all))
			for _, v := range all {
				byRef[v.Name+"\x00"+v.Version] = v
			}
			vs := make([]mlflow.ModelVersion, 0, len(page.Versions))
			for _, r := range page.Versions {
				vs = append(vs, byRef[r.Name+"\x00"+strconv.FormatInt(r.Version, 10)])
			}
			defer printNextPage(cmd, page.NextPageToken)
			if rf.json {
				return printJSON(cmd.OutOrStdout(), struct {
					ModelVersions []mlflow.ModelVersion `json:"model_versions,omitempty"`
					NextPageToken string                `json:"next_page_token,omitempty"`
				}{mlflow.WithoutAliases(vs), page.NextPageToken})
			}
			t := newTable(cmd.OutOrStdout(), "NAME", "VERSION", "STAGE", "ALIASES", "RUN ID", "SOURCE", "UPDATED")
			for _, v := range vs {
				t.row(v.Name, v.Version, v.CurrentStage, strings.Join(v.Aliases, ","), v.RunID, v.Source, fmtTime(v.LastUpdatedTimestamp))
			}
			t.flush()
			return nil
		}),
	}
	srch.Flags().StringVar(&name, "name", "", "only versions of this registered model")
	rf.register(srch.Flags())
	q.register(srch.Flags(), "model versions", "name = 'churn' and tags.validation_status = 'passed'")
	var grf readFlags
	get := &cobra.Command{
		Use:   "get SOURCE NAME VERSION",
		Short: "Show one model version",
		Args:  cobra.ExactArgs(3),
		RunE: withSession(g, &grf, func(cmd *cobra.Command, s *session, args []string) error {
			v, err := s.cache.ModelVersion(cmd.Context(), s.srcID, args[1], args[2])
			if err != nil {
				return err
			}
			if grf.json {
				return printJSON(cmd.OutOrStdout(), struct {
					ModelVersion *mlflow.ModelVersion `json:"model_version"`
				}{v})
			}
			printFields(cmd.OutOrStdout(), [][2]string{
				{"name", v.Name}, {"version", v.Version}, {"stage", v.CurrentStage}, {"aliases", strings.Join(v.Aliases, ", ")},
				{"description", v.Description}, {"source", v.Source}, {"run_id", v.RunID}, {"status", v.Status},
				{"created", fmtTime(v.CreationTimestamp)}, {"updated", fmtTime(v.LastUpdatedTimestamp)},
			}, v.Tags)
			return nil
		}),
	}
	grf.register(get.Flags())
	cmd.AddCommand(srch, get)
	return cmd
}
