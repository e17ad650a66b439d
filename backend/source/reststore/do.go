package reststore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"
)

const maxErrorBody = 64 << 10

// call is one HTTP request to the server.
type call struct {
	method string
	route  string // below the base URL, e.g. /api/2.0/mlflow/runs/get
	query  url.Values
	body   any // JSON-encoded when non-nil
	// retries overrides the client's retry count when >= 0.
	retries int
	// no500Retry: a 500 is an answer, not a hiccup (artifact downloads,
	// where a missing file gives 500).
	no500Retry bool
}

func newCall(method, route string, q url.Values, body any) call {
	return call{method: method, route: route, query: q, body: body, retries: -1}
}

// jsonCall sends c and decodes a JSON 2xx answer into out.
func (cl *client) jsonCall(ctx context.Context, c call, out any) error {
	resp, err := cl.send(ctx, c)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return cl.transportErr(ctx, err, resp.Body.(*timedBody).timedOut())
	}
	if err := json.Unmarshal(b, out); err != nil {
		return notJSON(cl.display, c, resp.Header.Get("Content-Type"), err)
	}
	return nil
}

// send performs c with retries and returns a 2xx response whose body the
// caller must close; other statuses become errors.
func (cl *client) send(ctx context.Context, c call) (*http.Response, error) {
	var payload []byte
	if c.body != nil {
		var err error
		if payload, err = json.Marshal(c.body); err != nil {
			return nil, fmt.Errorf("encode request: %w", err)
		}
	}
	retries := cl.maxRetries
	if c.retries >= 0 {
		retries = c.retries
	}
	for attempt := 0; ; attempt++ {
		resp, retryAfter, err := cl.attempt(ctx, c, payload)
		if err == nil {
			return resp, nil
		}
		var re *retryable
		if !errors.As(err, &re) || attempt >= retries {
			if re != nil {
				return nil, re.err
			}
			return nil, err
		}
		if err := cl.sleep(ctx, cl.wait(attempt, retryAfter)); err != nil {
			return nil, fmt.Errorf("%s: %w", cl.display, err)
		}
	}
}

// retryable marks an error worth another attempt.
type retryable struct{ err error }

func (r *retryable) Error() string { return r.err.Error() }

func (cl *client) attempt(ctx context.Context, c call, payload []byte) (*http.Response, time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	actx, cancel := context.WithCancel(ctx)
	var timedOut atomic.Bool
	timer := time.AfterFunc(cl.timeout, func() { timedOut.Store(true); cancel() })
	stop := func() { timer.Stop(); cancel() }

	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, c.method, cl.endpoint(c.route, c.query), body)
	if err != nil {
		stop()
		return nil, 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("User-Agent", cl.userAgent)
	req.Header.Set("Accept", "application/json, */*")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if cl.auth != "" {
		req.Header.Set("Authorization", cl.auth)
	}
	resp, err := cl.hc.Do(req)
	if err != nil {
		stop()
		terr := cl.transportErr(ctx, err, timedOut.Load())
		if ctx.Err() != nil || isTLSErr(err) {
			return nil, 0, terr
		}
		return nil, 0, &retryable{terr}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		resp.Body = &timedBody{ReadCloser: resp.Body, stop: stop, to: &timedOut}
		return resp, 0, nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	stop()
	apiErr, isMLflowJSON := statusErr(cl, c, resp, b)
	switch resp.StatusCode {
	case 408, 429, 502, 503, 504:
		return nil, retryAfter(resp.Header.Get("Retry-After")), &retryable{apiErr}
	case 500:
		if !isMLflowJSON && !c.no500Retry {
			return nil, 0, &retryable{apiErr}
		}
	}
	return nil, 0, apiErr
}

// wait is MLflow's (urllib3's) backoff: factor × 2^attempt seconds, capped;
// a longer Retry-After wins, within the same cap.
func (cl *client) wait(attempt int, retryAfter time.Duration) time.Duration {
	d := time.Duration(cl.backoff * math.Pow(2, float64(attempt)) * float64(time.Second))
	if retryAfter > d {
		d = retryAfter
	}
	if d > maxWait || d < 0 {
		d = maxWait
	}
	return d
}

func retryAfter(h string) time.Duration {
	if n, err := strconv.Atoi(h); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return time.Until(t)
	}
	return 0
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// timedBody keeps the per-request timeout running until the body is closed.
type timedBody struct {
	io.ReadCloser
	stop func()
	to   *atomic.Bool
}

func (b *timedBody) Close() error {
	err := b.ReadCloser.Close()
	b.stop()
	return err
}

func (b *timedBody) timedOut() bool { return b.to.Load() }
