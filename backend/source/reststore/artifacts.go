package reststore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"flowdeck/backend/mlflow"
)

// cleanArtifactPath rejects what MLflow's validate_path_is_safe rejects,
// before anything is sent: absolute paths, drive letters, backslashes and
// ".." segments. "" and "." mean the root.
func cleanArtifactPath(p string) (string, error) {
	if p == "" || p == "." {
		return "", nil
	}
	bad := strings.HasPrefix(p, "/") || strings.Contains(p, `\`) ||
		(len(p) >= 2 && p[1] == ':') || strings.ContainsRune(p, 0)
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			bad = true
		}
	}
	if bad {
		return "", fmt.Errorf("%w: artifact path %q must be relative and stay inside the artifact root", mlflow.ErrInvalidArgument, p)
	}
	return strings.Trim(strings.ReplaceAll(p, "//", "/"), "/"), nil
}

func isModelID(owner string) bool { return strings.HasPrefix(owner, "m-") }

func checkOwner(owner string) error {
	if owner == "" || strings.ContainsAny(owner, "/?#%\\ ") {
		return fmt.Errorf("%w: %q is not a run or logged model id", mlflow.ErrInvalidArgument, owner)
	}
	return nil
}

// ListArtifacts lists one level: artifacts/list for runs, the logged-model
// directories endpoint for "m-…" owners. Paths are owner-relative.
func (s *Store) ListArtifacts(ctx context.Context, owner, path string) (*mlflow.ListArtifactsResponse, error) {
	what := fmt.Sprintf("list artifacts of %s at %q", owner, path)
	p, err := cleanArtifactPath(path)
	if err == nil {
		err = checkOwner(owner)
	}
	if err != nil {
		return nil, wrap(what, err)
	}
	var route string
	q := url.Values{}
	if isModelID(owner) {
		route = apiPrefix + "logged-models/" + url.PathEscape(owner) + "/artifacts/directories"
		if p != "" {
			q.Set("artifact_directory_path", p)
		}
	} else {
		route = apiPrefix + "artifacts/list"
		q.Set("run_id", owner)
		if p != "" {
			q.Set("path", p)
		}
	}
	var root string
	files, err := collect(what, func(token string) ([]mlflow.FileInfo, string, error) {
		if token != "" {
			q.Set("page_token", token)
		}
		var resp mlflow.ListArtifactsResponse
		err := s.c.jsonCall(ctx, newCall(http.MethodGet, route, q, nil), &resp)
		root = resp.RootURI
		return resp.Files, resp.NextPageToken, err
	})
	if err != nil {
		return nil, wrap(what, err)
	}
	return &mlflow.ListArtifactsResponse{RootURI: root, Files: files}, nil
}

// OpenArtifact downloads one file through the server (get-artifact for
// runs, the logged-model files endpoint for "m-…"), which proxies file:
// and mlflow-artifacts: roots alike. A missing file makes MLflow answer
// 500 (rest/39); that becomes a not-found error.
func (s *Store) OpenArtifact(ctx context.Context, owner, path string) (io.ReadCloser, int64, error) {
	what := fmt.Sprintf("download artifact %q of %s", path, owner)
	p, err := cleanArtifactPath(path)
	if err == nil {
		err = checkOwner(owner)
	}
	if err == nil && p == "" {
		err = fmt.Errorf("%w: name a file, not the artifact root", mlflow.ErrInvalidArgument)
	}
	if err != nil {
		return nil, 0, wrap(what, err)
	}
	var c call
	if isModelID(owner) {
		c = newCall(http.MethodGet, "/ajax-api/2.0/mlflow/logged-models/"+url.PathEscape(owner)+"/artifacts/files",
			url.Values{"artifact_file_path": {p}}, nil)
	} else {
		// run_uuid, not run_id: servers before 2.x only read run_uuid.
		c = newCall(http.MethodGet, "/get-artifact", url.Values{"path": {p}, "run_uuid": {owner}}, nil)
	}
	c.no500Retry = true
	resp, err := s.c.send(ctx, c)
	if err != nil {
		return nil, 0, wrap(what, missingArtifact(err))
	}
	return resp.Body, resp.ContentLength, nil
}

// missingArtifact reclassifies the server's 500 for a missing file.
func missingArtifact(err error) error {
	var me *mlflow.Error
	if !errors.As(err, &me) || me.Kind != nil || me.HTTPStatus() != 500 {
		return err
	}
	lo := strings.ToLower(me.Message)
	if strings.Contains(lo, "no such file") || strings.Contains(lo, "not found") ||
		strings.Contains(lo, "does not exist") || strings.Contains(lo, "internal server error") {
		return &mlflow.Error{Code: "RESOURCE_DOES_NOT_EXIST", Kind: mlflow.ErrNotFound,
			Message: "the server has no such file (it answered 500 while downloading it)"}
	}
	return err
}
