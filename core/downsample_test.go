package core

import (
	"math"
	"testing"
)

func TestDownsampleValues(t *testing.T) {
	// Few values: all of them.
	if got := DownsampleValues([]float64{3, 1, 2}, 1); len(got) != 3 || got[1] != (Point{1, 1}) {
		t.Errorf("3 values over 1 column = %v, want all 3", got)
	}
	// 12 values over 2 columns: first, min, max, last of each half, in step order.
	v := []float64{5, 9, 1, 4, 4, 6 /**/, 0, 2, 8, 7, 3, 1}
	want := []Point{{0, 5}, {1, 9}, {2, 1}, {5, 6}, {6, 0}, {8, 8}, {11, 1}}
	got := DownsampleValues(v, 1)
	if len(got) != 4 || got[0] != (Point{0, 5}) || got[1] != (Point{1, 9}) || got[2] != (Point{6, 0}) || got[3] != (Point{11, 1}) {
		t.Errorf("one column = %v", got)
	}
	got = DownsampleValues(v[:12], 2)
	// 12 ≤ 4·2 is false (12 > 8): columns [0,6) and [6,12).
	if len(got) != len(want) {
		t.Fatalf("two columns = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestDownsampleKeepsExtremes checks, for every kind's example, that each
// column's extremes survive: the restart jumps a thinning method would hide.
func TestDownsampleKeepsExtremes(t *testing.T) {
	for _, k := range Kinds() {
		n := int(k.ExampleSteps)
		vals := mustValues(t, k.Example, n)
		pts := DownsampleValues(vals, 60)
		if len(pts) > 4*60 {
			t.Errorf("%s: %d points for 300 columns", k.Name, len(pts))
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range pts {
			if vals[p.Step] != p.LR {
				t.Fatalf("%s: point %v is not the value of its step", k.Name, p)
			}
			lo, hi = min(lo, p.LR), max(hi, p.LR)
		}
		wlo, whi := math.Inf(1), math.Inf(-1)
		for _, v := range vals {
			wlo, whi = min(wlo, v), max(whi, v)
		}
		if lo != wlo || hi != whi || pts[0].Step != 0 || pts[len(pts)-1].Step != int64(n-1) {
			t.Errorf("%s: downsampled range [%g, %g] (steps %d..%d), want [%g, %g] over 0..%d",
				k.Name, lo, hi, pts[0].Step, pts[len(pts)-1].Step, wlo, whi, n-1)
		}
	}
}
