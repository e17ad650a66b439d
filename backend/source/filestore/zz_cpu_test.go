package filestore

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano()) + time.Duration(ru.Stime.Nano())*1_000_000_000
}

func BenchmarkZZCPU(b *testing.B) {
	dir, _ := os.MkdirTemp("", "zz")
	defer os.RemoveAll(dir)
	s := genLargeStore(b, dir+"/mlruns")
	s.RunRefs(context.Background(), nil)
	for b.Loop() {
		c0, t0 := cpuNow(), time.Now()
		s.RunRefs(context.Background(), nil)
		d := cpuNow() - c0
		b.Logf("user %v sys %v wall %v", time.Duration(d%1_000_000_000), d/1_000_000_000, time.Since(t0))
	}
}
