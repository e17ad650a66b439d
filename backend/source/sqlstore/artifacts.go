package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"flowdeck/backend/mlflow"
)

// artifactRoot is where an owner's artifacts live: the URI MLflow stored
// and the local directory it resolves to ("" when nothing exists locally).
type artifactRoot struct {
	uri string
	dir string
}

// ownerURI looks up the stored artifact URI of a run or an "m-…" model.
func (s *Store) ownerURI(ctx context.Context, owner string) (string, error) {
	var uri sql.NullString
	var err error
	if strings.HasPrefix(owner, "m-") && s.sch.hasTable("logged_models") {
		err = s.db.GetContext(ctx, &uri, `SELECT artifact_location FROM logged_models WHERE model_id = ?`, owner)
		if errors.Is(err, sql.ErrNoRows) {
			return "", mlflow.NotFoundf("Logged model with id=%s not found", owner)
		}
	} else {
		err = s.db.GetContext(ctx, &uri, `SELECT artifact_uri FROM runs WHERE run_uuid = ?`, owner)
		if errors.Is(err, sql.ErrNoRows) {
			return "", mlflow.NotFoundf("Run with id=%s not found", owner)
		}
	}
	if err != nil {
		return "", s.wrap(err, "read artifact location of "+owner)
	}
	return uri.String, nil
}

// resolveRoot maps a stored artifact URI to a local directory. file:// and
// plain paths are used as they are when they exist; otherwise the store is
// assumed to have moved together with its artifacts, and the path's tail is
// looked up beside the database (longest tail first, at least two segments
// so a bare "artifacts" never matches the whole artifact root).
// mlflow-artifacts:/ URIs live on a tracking server; they are readable only
// when its artifact folder sits beside the database (mlartifacts/ is
// MLflow's default, artifacts/ a common choice).
func (s *Store) resolveRoot(uri string) (artifactRoot, error) {
	root := artifactRoot{uri: uri}
	if uri == "" {
		return root, fmt.Errorf("this entry has no artifact location recorded: %w", mlflow.ErrNotFound)
	}
	u, err := url.Parse(uri)
	scheme := ""
	if err == nil {
		scheme = strings.ToLower(u.Scheme)
	}
	switch {
	case scheme == "mlflow-artifacts":
		rel := strings.TrimPrefix(path.Clean("/"+u.Path), "/")
		for _, base := range []string{"mlartifacts", "artifacts"} {
			d := filepath.Join(s.dir, base, filepath.FromSlash(rel))
			if isDir(d) {
				root.dir = d
				return root, nil
			}
		}
		return root, fmt.Errorf("artifacts at %s are kept by the tracking server, not in this database; open the server URL (http://…) as the source to browse them: %w", uri, mlflow.ErrUnsupported)
	case scheme == "file" || scheme == "" || (len(scheme) == 1 && filepath.VolumeName(uri) != ""):
		p := uri
		if scheme == "file" {
			p = u.Path
		}
		p = filepath.FromSlash(p)
		if !filepath.IsAbs(p) {
			// MLflow resolves relative roots against the server's working
			// directory; the database's folder is the best guess we have.
			p = filepath.Join(s.dir, p)
		}
		if isDir(p) {
			root.dir = p
			return root, nil
		}
		segs := strings.Split(filepath.ToSlash(filepath.Clean(p)), "/")
		for i := 1; i <= len(segs)-2; i++ {
			d := filepath.Join(s.dir, filepath.Join(segs[i:]...))
			if isDir(d) {
				root.dir = d
				return root, nil
			}
		}
		// Nothing logged yet, or the artifacts were not copied: MLflow lists
		// a missing local directory as empty.
		return root, nil
	default:
		return root, fmt.Errorf("artifacts at %s are in %s:// storage, which Flowdeck cannot read from a database file; open the tracking server URL as the source instead: %w", uri, scheme, mlflow.ErrUnsupported)
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// cleanRel validates an owner-relative artifact path.
func cleanRel(p string) (string, error) {
	p = strings.ReplaceAll(p, "\\", "/")
	if strings.HasPrefix(p, "/") || filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return "", mlflow.InvalidParamf("artifact path %q must be relative to the run's artifact root", p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", mlflow.InvalidParamf("artifact path %q must not contain '..'", p)
		}
	}
	c := path.Clean("/" + p)[1:]
	return c, nil
}

// within resolves target's symlinks and checks it stays under root, so a
// link inside the artifact folder cannot expose files elsewhere.
func within(root, target string) (string, error) {
	rr, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	rt, err := filepath.EvalSymlinks(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(rr, rt)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", mlflow.InvalidParamf("artifact path %q points outside the artifact root", target)
	}
	return rt, nil
}

// ListArtifacts lists one directory level, sorted by name, with
// owner-relative paths as artifacts/list returns them.
func (s *Store) ListArtifacts(ctx context.Context, owner, p string) (*mlflow.ListArtifactsResponse, error) {
	rel, err := cleanRel(p)
	if err != nil {
		return nil, err
	}
	uri, err := s.ownerURI(ctx, owner)
	if err != nil {
		return nil, err
	}
	root, err := s.resolveRoot(uri)
	if err != nil {
		return nil, fmt.Errorf("list artifacts of %s: %w", owner, err)
	}
	resp := &mlflow.ListArtifactsResponse{RootURI: uri}
	if root.dir == "" {
		return resp, nil
	}
	dir := filepath.Join(root.dir, filepath.FromSlash(rel))
	real, err := within(root.dir, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return resp, nil // MLflow lists a missing directory as empty
	}
	if err != nil {
		return nil, fmt.Errorf("list artifacts of %s at %q: %w", owner, rel, err)
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && !isDir(real) {
			return resp, nil // a file, not a directory: nothing to list
		}
		return nil, fmt.Errorf("list artifacts of %s at %q: %w", owner, rel, err)
	}
	for _, e := range entries {
		full := filepath.Join(real, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			if _, err := within(root.dir, full); err != nil {
				continue // dangling or escaping link: not an artifact
			}
		}
		st, err := os.Stat(full)
		if err != nil {
			continue
		}
		fi := mlflow.FileInfo{Path: path.Join(rel, e.Name()), IsDir: st.IsDir()}
		if !st.IsDir() {
			fi.FileSize = st.Size()
		}
		resp.Files = append(resp.Files, fi)
	}
	sort.Slice(resp.Files, func(i, j int) bool { return resp.Files[i].Path < resp.Files[j].Path })
	return resp, nil
}

// OpenArtifact opens one artifact file.
func (s *Store) OpenArtifact(ctx context.Context, owner, p string) (io.ReadCloser, int64, error) {
	rel, err := cleanRel(p)
	if err != nil {
		return nil, -1, err
	}
	if rel == "" {
		return nil, -1, mlflow.InvalidParamf("name an artifact file to open, not the artifact root")
	}
	uri, err := s.ownerURI(ctx, owner)
	if err != nil {
		return nil, -1, err
	}
	root, err := s.resolveRoot(uri)
	if err != nil {
		return nil, -1, fmt.Errorf("open artifact %s of %s: %w", rel, owner, err)
	}
	if root.dir == "" {
		return nil, -1, mlflow.NotFoundf("artifact %s of %s not found: the folder %s does not exist on this machine", rel, owner, uri)
	}
	real, err := within(root.dir, filepath.Join(root.dir, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, -1, mlflow.NotFoundf("artifact %s of %s not found", rel, owner)
	}
	if err != nil {
		return nil, -1, fmt.Errorf("open artifact %s of %s: %w", rel, owner, err)
	}
	f, err := os.Open(real)
	if err != nil {
		return nil, -1, fmt.Errorf("open artifact %s of %s: %w", rel, owner, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, -1, fmt.Errorf("open artifact %s of %s: %w", rel, owner, err)
	}
	if st.IsDir() {
		f.Close()
		return nil, -1, mlflow.InvalidParamf("artifact %s of %s is a directory; list it instead", rel, owner)
	}
	return f, st.Size(), nil
}
