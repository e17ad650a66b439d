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
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkZZCPU(b *testing.B) {
	dir, _ := os.MkdirTemp("", "zz")
	defer os.RemoveAll(dir)
	s := genLargeStore(b, dir+"/mlruns")
	s.RunRefs(context.Background(), nil)
	for b.Loop() {
		c0, t0 := cpuNow(), time.Now()
		s.RunRefs(context.Background(), nil)
		b.Logf("cpu %v wall %v", cpuNow()-c0, time.Since(t0))
	}
}
