package core

import (
	"runtime/metrics"
	"testing"
)

// The fuzzers hold every call to a memory budget: a fixed allocSlack plus a
// share proportional to what the caller chose (the spec's bytes, the steps
// Evaluate returns, the columns Downsample draws). A spec that made the page
// allocate in proportion to one of its own numbers (T_max = 10^12 cycles of
// a table, say) would blow through it at once.
const (
	// allocSlack is what any call may allocate beyond its share. The
	// runtime counts small objects a span at a time, so a few hundred KB
	// of tiny allocations may show up, or not, in one call's count.
	allocSlack = 16 << 20
	// allocPerSpecByte is Parse's share per byte of spec: the JSON
	// reader's maps and strings, the kind's arguments, error messages.
	allocPerSpecByte = 64
	// allocPerValue is Evaluate's share per step: the float64 it returns
	// and the same again for a kind's scratch (float32 copies, recursions).
	allocPerValue = 16
	// allocPerColumn is Downsample's share per column: the Column (64 bytes)
	// and, once, the Points drawn from it.
	allocPerColumn = 2 * 64
)

// allocated returns the bytes of heap that f allocates, as the runtime
// counts them (within allocSlack for small objects).
func allocated(f func()) uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	before := s[0].Value.Uint64()
	f()
	metrics.Read(s)
	return s[0].Value.Uint64() - before
}

// checkAlloc fails t if f allocates more than allocSlack plus share bytes.
func checkAlloc(t *testing.T, what string, share int64, f func()) {
	t.Helper()
	if got, limit := allocated(f), uint64(allocSlack+share); got > limit {
		t.Fatalf("%s allocated %d bytes, more than its budget of %d", what, got, limit)
	}
}

// TestAllocatedCounts shows the budget check is live: it sees a large
// allocation and lets small ones through.
func TestAllocatedCounts(t *testing.T) {
	var sink []float64
	if got := allocated(func() { sink = make([]float64, 4<<20) }); got < 32<<20 {
		t.Errorf("allocated(32 MB) = %d", got)
	}
	if got := allocated(func() { sink = make([]float64, 10) }); got > allocSlack {
		t.Errorf("allocated(80 bytes) = %d, more than the slack", got)
	}
	_ = sink
}
