package events

import "testing"

type recorder struct{ got []string }

func (r *recorder) Emit(name string, _ any) { r.got = append(r.got, name) }

func TestHubFansOut(t *testing.T) {
	h := NewHub()
	ch, stop := h.Subscribe()
	rec := &recorder{}
	h.Attach(rec)
	h.Emit(SyncProgress, 1)
	ev := <-ch
	if ev.Name != SyncProgress || ev.Payload != 1 {
		t.Fatalf("subscriber got %+v", ev)
	}
	if len(rec.got) != 1 || rec.got[0] != SyncProgress {
		t.Fatalf("extra emitter got %v", rec.got)
	}
	stop()
	h.Emit(SourcesChanged, nil) // must not panic or block after unsubscribe
	if _, ok := <-ch; ok {
		t.Fatal("channel not closed after stop")
	}
}

func TestHubDropsForSlowSubscriber(t *testing.T) {
	h := NewHub()
	_, stop := h.Subscribe()
	defer stop()
	for i := 0; i < 1000; i++ { // far more than the buffer: must not block
		h.Emit(SyncProgress, i)
	}
}
