// Package events carries backend events (sync progress, source changes) to
// whichever face is showing the UI: Wails events on the desktop, Server-Sent
// Events on the web. Event names follow "area:action".
package events

import "sync"

// Names of the events the frontend listens to.
const (
	SyncProgress   = "sync:progress"
	SourcesChanged = "sources:changed"
)

// Emitter sends one event to the UI. Implementations must not block.
type Emitter interface {
	Emit(name string, payload any)
}

// Event is one emitted event.
type Event struct {
	Name    string
	Payload any
}

// Hub fans events out to subscribers (the SSE streams) and to any extra
// emitters (the Wails runtime once the window is up).
type Hub struct {
	mu     sync.Mutex
	subs   map[chan Event]struct{}
	extras []Emitter
}

// NewHub returns an empty hub.
func NewHub() *Hub { return &Hub{subs: map[chan Event]struct{}{}} }

// Emit implements Emitter. Slow subscribers lose events rather than block
// the backend: every event is also reflected in state the UI can re-fetch.
func (h *Hub) Emit(name string, payload any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ev := Event{Name: name, Payload: payload}
	for ch := range h.subs {
		select {
		case ch <- ev:
		default:
		}
	}
	for _, e := range h.extras {
		e.Emit(name, payload)
	}
}

// Attach adds an emitter that receives every later event.
func (h *Hub) Attach(e Emitter) {
	h.mu.Lock()
	h.extras = append(h.extras, e)
	h.mu.Unlock()
}

// Subscribe returns a channel of events and a function to stop receiving.
func (h *Hub) Subscribe() (<-chan Event, func()) {
	ch := make(chan Event, 64)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		if _, ok := h.subs[ch]; ok {
			delete(h.subs, ch)
			close(ch)
		}
		h.mu.Unlock()
	}
}
