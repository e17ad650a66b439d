package reststore

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"flowdeck/backend/mlflow"
)

// RegisteredModels pages registered-models/search and fills the aliases of
// latest_versions from the model's aliases. Prompts are skipped.
func (s *Store) RegisteredModels(ctx context.Context) ([]mlflow.RegisteredModel, error) {
	models, err := collect("list registered models", func(token string) ([]mlflow.RegisteredModel, string, error) {
		q := url.Values{"max_results": {strconv.Itoa(modelsPage)}}
		if token != "" {
			q.Set("page_token", token)
		}
		var resp struct {
			Models        []mlflow.RegisteredModel `json:"registered_models"`
			NextPageToken string                   `json:"next_page_token"`
		}
		err := s.c.jsonCall(ctx, newCall(http.MethodGet, apiPrefix+"registered-models/search", q, nil), &resp)
		return resp.Models, resp.NextPageToken, err
	})
	if err != nil {
		return nil, wrap("list registered models", err)
	}
	out := models[:0]
	for _, m := range models {
		if isPrompt(m.Tags) {
			continue
		}
		fillAliases(m.LatestVersions, m.Aliases)
		out = append(out, m)
	}
	return out, nil
}

func isPrompt(tags []mlflow.Tag) bool {
	for _, t := range tags {
		if t.Key == "mlflow.prompt.is_prompt" && strings.EqualFold(t.Value, "true") {
			return true
		}
	}
	return false
}

// fillAliases sets the aliases of versions the server left without any
// (SQL stores do in search results).
func fillAliases(versions []mlflow.ModelVersion, aliases []mlflow.RegisteredModelAlias) {
	for i := range versions {
		if len(versions[i].Aliases) > 0 {
			continue
		}
		for _, a := range aliases {
			if a.Version == versions[i].Version {
				versions[i].Aliases = append(versions[i].Aliases, a.Alias)
			}
		}
		slices.Sort(versions[i].Aliases)
	}
}

// nameFilter writes name='…' for model-versions/search. MLflow's filter
// grammar has no escape for quotes: a name with ' is written in double
// quotes; a name with both kinds cannot be written (ok false).
func nameFilter(name string) (string, bool) {
	switch {
	case !strings.Contains(name, "'"):
		return "name='" + name + "'", true
	case !strings.Contains(name, `"`):
		return `name="` + name + `"`, true
	}
	return "", false
}

// ModelVersions pages model-versions/search (of one model, or all) and
// fills aliases from the models. Deleted versions are skipped.
func (s *Store) ModelVersions(ctx context.Context, name string) ([]mlflow.ModelVersion, error) {
	what := "list model versions"
	if name != "" {
		what += " of " + strconv.Quote(name)
	}
	filter := ""
	if name != "" {
		// A name no filter can spell fetches every version; the name
		// check below keeps this model's.
		filter, _ = nameFilter(name)
	}
	versions, err := collect(what, func(token string) ([]mlflow.ModelVersion, string, error) {
		q := url.Values{"max_results": {strconv.Itoa(versionsPage)}}
		if filter != "" {
			q.Set("filter", filter)
		}
		if token != "" {
			q.Set("page_token", token)
		}
		var resp struct {
			Versions      []mlflow.ModelVersion `json:"model_versions"`
			NextPageToken string                `json:"next_page_token"`
		}
		err := s.c.jsonCall(ctx, newCall(http.MethodGet, apiPrefix+"model-versions/search", q, nil), &resp)
		return resp.Versions, resp.NextPageToken, err
	})
	if err != nil {
		return nil, wrap(what, err)
	}
	out := versions[:0]
	for _, v := range versions {
		if v.CurrentStage == mlflow.StageDeleted || (name != "" && v.Name != name) {
			continue
		}
		out = append(out, v)
	}
	if err := s.fillVersionAliases(ctx, name, out); err != nil {
		return nil, wrap(what, err)
	}
	return out, nil
}

func (s *Store) fillVersionAliases(ctx context.Context, name string, versions []mlflow.ModelVersion) error {
	need := false
	for _, v := range versions {
		need = need || len(v.Aliases) == 0
	}
	if !need {
		return nil
	}
	aliases := map[string][]mlflow.RegisteredModelAlias{}
	if name != "" {
		var resp struct {
			Model mlflow.RegisteredModel `json:"registered_model"`
		}
		q := url.Values{"name": {name}}
		err := s.c.jsonCall(ctx, newCall(http.MethodGet, apiPrefix+"registered-models/get", q, nil), &resp)
		if errors.Is(err, mlflow.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		aliases[name] = resp.Model.Aliases
	} else {
		models, err := s.RegisteredModels(ctx)
		if err != nil {
			return err
		}
		for _, m := range models {
			aliases[m.Name] = m.Aliases
		}
	}
	for i := range versions {
		fillAliases(versions[i:i+1], aliases[versions[i].Name])
	}
	return nil
}

// LoggedModels pages logged-models/search (MLflow 3). Servers without the
// endpoint (MLflow 2) give an empty list.
func (s *Store) LoggedModels(ctx context.Context, experimentIDs []string) ([]mlflow.LoggedModel, error) {
	ids, err := s.experimentIDs(ctx, experimentIDs)
	if err != nil {
		return nil, wrap("list logged models", err)
	}
	out := []mlflow.LoggedModel{}
	for start := 0; start < len(ids); start += experimentIDChunk {
		chunk := ids[start:min(start+experimentIDChunk, len(ids))]
		models, err := collect("list logged models", func(token string) ([]mlflow.LoggedModel, string, error) {
			body := map[string]any{"experiment_ids": chunk, "max_results": loggedModelsPage}
			if token != "" {
				body["page_token"] = token
			}
			var resp struct {
				Models        []mlflow.LoggedModel `json:"models"`
				NextPageToken string               `json:"next_page_token"`
			}
			err := s.c.jsonCall(ctx, newCall(http.MethodPost, apiPrefix+"logged-models/search", nil, body), &resp)
			return resp.Models, resp.NextPageToken, err
		})
		var me *mlflow.Error
		if errors.As(err, &me) && me.Code == "ENDPOINT_NOT_FOUND" {
			return []mlflow.LoggedModel{}, nil
		}
		if err != nil {
			return nil, wrap("list logged models", err)
		}
		out = append(out, models...)
	}
	return out, nil
}
