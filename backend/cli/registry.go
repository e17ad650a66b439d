package cli

import (
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"flowdeck/backend/mlflow"
)

func newModelsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "models", Short: "Registered models (as registered-models/search and get)"}
	var rf readFlags
	srch := &cobra.Command{
		Use:   "search SOURCE",
		Short: "List registered models",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openSession(cmd.Context(), g, args[0], rf.offline, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer s.Close()
			ms, err := s.cache.RegisteredModels(cmd.Context(), s.srcID)
			if err != nil {
				return err
			}
			sort.SliceStable(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
			if rf.json {
				for i := range ms {
					ms[i].LatestVersions = mlflow.WithoutAliases(ms[i].LatestVersions)
				}
				return printJSON(cmd.OutOrStdout(), struct {
					RegisteredModels []mlflow.RegisteredModel `json:"registered_models,omitempty"`
				}{ms})
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
		},
	}
	rf.register(srch.Flags())
	var grf readFlags
	get := &cobra.Command{
		Use:   "get SOURCE NAME",
		Short: "Show one registered model",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openSession(cmd.Context(), g, args[0], grf.offline, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer s.Close()
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
			t := newTable(cmd.OutOrStdout(), "FIELD", "VALUE")
			t.row("name", m.Name)
			t.row("description", m.Description)
			t.row("created", fmtTime(m.CreationTimestamp))
			t.row("updated", fmtTime(m.LastUpdatedTimestamp))
			for _, v := range m.LatestVersions {
				t.row("latest "+v.CurrentStage, "v"+v.Version)
			}
			for _, a := range m.Aliases {
				t.row("alias "+a.Alias, "v"+a.Version)
			}
			for _, tag := range m.Tags {
				t.row("tag "+tag.Key, tag.Value)
			}
			t.flush()
			return nil
		},
	}
	grf.register(get.Flags())
	cmd.AddCommand(srch, get)
	return cmd
}

func newModelVersionsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "model-versions", Short: "Model versions (as model-versions/search and get)"}
	var rf readFlags
	var name string
	srch := &cobra.Command{
		Use:   "search SOURCE",
		Short: "List model versions, newest first",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openSession(cmd.Context(), g, args[0], rf.offline, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer s.Close()
			vs, err := s.cache.ModelVersions(cmd.Context(), s.srcID, name)
			if err != nil {
				return err
			}
			// The FileStore's default order: last_updated_timestamp DESC, name ASC, version DESC.
			sort.SliceStable(vs, func(i, j int) bool {
				a, b := vs[i], vs[j]
				if a.LastUpdatedTimestamp != b.LastUpdatedTimestamp {
					return a.LastUpdatedTimestamp > b.LastUpdatedTimestamp
				}
				if a.Name != b.Name {
					return a.Name < b.Name
				}
				av, _ := strconv.Atoi(a.Version)
				bv, _ := strconv.Atoi(b.Version)
				return av > bv
			})
			if rf.json {
				return printJSON(cmd.OutOrStdout(), struct {
					ModelVersions []mlflow.ModelVersion `json:"model_versions,omitempty"`
				}{mlflow.WithoutAliases(vs)})
			}
			t := newTable(cmd.OutOrStdout(), "NAME", "VERSION", "STAGE", "ALIASES", "RUN ID", "SOURCE", "UPDATED")
			for _, v := range vs {
				t.row(v.Name, v.Version, v.CurrentStage, strings.Join(v.Aliases, ","), v.RunID, v.Source, fmtTime(v.LastUpdatedTimestamp))
			}
			t.flush()
			return nil
		},
	}
	srch.Flags().StringVar(&name, "name", "", "only versions of this registered model")
	rf.register(srch.Flags())
	var grf readFlags
	get := &cobra.Command{
		Use:   "get SOURCE NAME VERSION",
		Short: "Show one model version",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openSession(cmd.Context(), g, args[0], grf.offline, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer s.Close()
			v, err := s.cache.ModelVersion(cmd.Context(), s.srcID, args[1], args[2])
			if err != nil {
				return err
			}
			if grf.json {
				return printJSON(cmd.OutOrStdout(), struct {
					ModelVersion *mlflow.ModelVersion `json:"model_version"`
				}{v})
			}
			t := newTable(cmd.OutOrStdout(), "FIELD", "VALUE")
			t.row("name", v.Name)
			t.row("version", v.Version)
			t.row("stage", v.CurrentStage)
			t.row("aliases", strings.Join(v.Aliases, ", "))
			t.row("description", v.Description)
			t.row("source", v.Source)
			t.row("run_id", v.RunID)
			t.row("status", v.Status)
			t.row("created", fmtTime(v.CreationTimestamp))
			t.row("updated", fmtTime(v.LastUpdatedTimestamp))
			for _, tag := range v.Tags {
				t.row("tag "+tag.Key, tag.Value)
			}
			t.flush()
			return nil
		},
	}
	grf.register(get.Flags())
	cmd.AddCommand(srch, get)
	return cmd
}
