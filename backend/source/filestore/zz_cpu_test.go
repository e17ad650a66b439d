package filestore

import (
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
	c0 := cpuNow()
	BenchmarkRunRefsLarge(b)
	b.ReportMetric(float64(cpuNow()-c0)/float64(b.N)/1e6, "cpu-ms/op(incl-setup)")
}
