package filestore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"flowdeck/backend/mlflow"
)

// artifactRoot is a resolved local artifact folder of a run or logged model.
type artifactRoot struct {
	owner string // "run <id>" or "logged model <id>", for messages
	uri   string // as stored, returned as root_uri
	dir   string // local folder (may not exist: nothing logged yet)
}

// resolveArtifacts finds the artifact folder of a run id or an "m-…" logged
// model id.
func (s *Store) resolveArtifacts(ctx context.Context, owner string) (artifactRoot, error) {
	if strings.HasPrefix(owner, "m-") {
		dir, m, err := s.locateLoggedModel(owner)
		if err != nil {
			return artifactRoot{}, err
		}
		tail := []string{string(m.ExperimentID), "models", owner, "artifacts"}
		return s.localRoot("logged model "+owner, string(m.ArtifactLocation), filepath.Join(dir, "artifacts"), tail)
	}
	dir, err := s.locateRun(owner)
	if err != nil {
		return artifactRoot{}, err
	}
	m, err := loadRunMeta(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return artifactRoot{}, runNotFound(owner)
	}
	if err != nil {
		return artifactRoot{}, fmt.Errorf("read run %s: %w", owner, err)
	}
	tail := []string{string(m.ExperimentID), owner, "artifacts"}
	return s.localRoot("run "+owner, string(m.ArtifactURI), filepath.Join(dir, "artifacts"), tail)
}

// localRoot maps a stored artifact URI to a local folder. Stores get moved
// and copied, so when the stored absolute path does not exist but ends in
// the owner's usual place (<exp>/<run>/artifacts or
// <exp>/models/<m-id>/artifacts), the folder inside this store is used.
func (s *Store) localRoot(owner, uri, inStore string, tail []string) (artifactRoot, error) {
	r := artifactRoot{owner: owner, uri: uri}
	if uri == "" {
		r.uri, r.dir = "file://"+filepath.ToSlash(inStore), inStore
		return r, nil
	}
	p, err := localPath(uri)
	if err != nil {
		return r, fmt.Errorf("%s keeps its artifacts at %q, which is not a local folder; open the store through its tracking server to read them: %w", owner, uri, mlflow.ErrUnsupported)
	}
	if _, err := os.Stat(p); err == nil {
		r.dir = p
		return r, nil
	}
	norm := strings.TrimRight(strings.ReplaceAll(p, `\`, "/"), "/")
	want := strings.Join(tail, "/")
	if norm == want || strings.HasSuffix(norm, "/"+want) {
		r.dir = inStore
		return r, nil
	}
	return r, mlflow.NotFoundf("the artifact folder %s of %s does not exist on this machine; was the store moved without its artifacts?", p, owner)
}

// localPath turns file:///x, file:/x or a plain path into a local path; any
// other scheme is an error.
func localPath(uri string) (string, error) {
	if strings.HasPrefix(uri, "file:") {
		u, err := url.Parse(uri)
		if err != nil {
			return "", err
		}
		if u.Host != "" && u.Host != "localhost" {
			return "", fmt.Errorf("remote host %q", u.Host)
		}
		if u.Path != "" {
			return filepath.FromSlash(u.Path), nil
		}
		return filepath.FromSlash(u.Opaque), nil
	}
	if i := strings.Index(uri, ":"); i > 1 && !strings.HasPrefix(uri, "/") {
		return "", fmt.Errorf("scheme %q", uri[:i]) // s3:, mlflow-artifacts:, http: …
	}
	return uri, nil // a plain path, or C:\… from very old Windows clients
}

// target checks a user-given artifact path and returns the local path it
// names, with symlinks resolved. Paths with "..", absolute paths and
// symlinks leading out of the root are refused.
func (r artifactRoot) target(rel string) (clean, full string, err error) {
	bad := func() error {
		return mlflow.InvalidParamf("artifact path %q escapes the %s artifact root", rel, r.owner)
	}
	if strings.ContainsRune(rel, 0) || strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, `\`) || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "" {
		return "", "", bad()
	}
	var parts []string
	for _, seg := range strings.FieldsFunc(rel, func(c rune) bool { return c == '/' || c == '\\' }) {
		switch seg {
		case "..":
			return "", "", bad()
		case ".":
		default:
			parts = append(parts, seg)
		}
	}
	clean = strings.Join(parts, "/")
	realRoot, err := filepath.EvalSymlinks(r.dir)
	if err != nil {
		return clean, "", err
	}
	full, err = filepath.EvalSymlinks(filepath.Join(r.dir, filepath.FromSlash(clean)))
	if err != nil {
		return clean, "", err
	}
	if !within(realRoot, full) {
		return "", "", bad()
	}
	return clean, full, nil
}

// within reports whether p is root or inside it (both already resolved).
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// ListArtifacts lists one folder level, with owner-relative paths sorted by
// path; folders carry no size. A missing folder or a file lists as empty,
// as MLflow's local artifact repository does.
func (s *Store) ListArtifacts(ctx context.Context, owner, path string) (*mlflow.ListArtifactsResponse, error) {
	r, err := s.resolveArtifacts(ctx, owner)
	if err != nil {
		return nil, err
	}
	resp := &mlflow.ListArtifactsResponse{RootURI: r.uri}
	clean, full, err := r.target(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return resp, nil
		}
		if errors.Is(err, mlflow.ErrInvalidArgument) {
			return nil, err
		}
		return nil, fmt.Errorf("list artifacts of %s: %w", r.owner, err)
	}
	if st, err := os.Stat(full); err != nil || !st.IsDir() {
		return resp, nil // a file lists as empty, as in MLflow
	}
	entries, err := os.ReadDir(full)
	if err != nil {
		return nil, fmt.Errorf("list artifacts of %s: %w", r.owner, err)
	}
	realRoot, _ := filepath.EvalSymlinks(r.dir)
	for _, e := range entries {
		p := filepath.Join(full, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			t, err := filepath.EvalSymlinks(p)
			if err != nil || !within(realRoot, t) {
				s.warn("left out artifact %s: it is a link to outside the %s artifact root", p, r.owner)
				continue
			}
		}
		st, err := os.Stat(p)
		if err != nil {
			s.warn("left out artifact %s: %v", p, err)
			continue
		}
		fi := mlflow.FileInfo{Path: e.Name(), IsDir: st.IsDir()}
		if clean != "" {
			fi.Path = clean + "/" + e.Name()
		}
		if !fi.IsDir {
			fi.FileSize = st.Size()
		}
		resp.Files = append(resp.Files, fi)
	}
	sort.Slice(resp.Files, func(i, j int) bool { return resp.Files[i].Path < resp.Files[j].Path })
	return resp, nil
}

// OpenArtifact opens one artifact file and returns its size.
func (s *Store) OpenArtifact(ctx context.Context, owner, path string) (io.ReadCloser, int64, error) {
	r, err := s.resolveArtifacts(ctx, owner)
	if err != nil {
		return nil, 0, err
	}
	_, full, err := r.target(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, 0, mlflow.NotFoundf("artifact %q of %s does not exist", path, r.owner)
		}
		if errors.Is(err, mlflow.ErrInvalidArgument) {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("open artifact %q of %s: %w", path, r.owner, err)
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, 0, fmt.Errorf("open artifact %q of %s: %w", path, r.owner, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("open artifact %q of %s: %w", path, r.owner, err)
	}
	if st.IsDir() {
		f.Close()
		return nil, 0, mlflow.NotFoundf("artifact %q of %s is a folder, not a file", path, r.owner)
	}
	return f, st.Size(), nil
}
