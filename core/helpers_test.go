package core

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// Tolerance helpers in the manner of Go's math/all_test.go.

// tolerance reports whether a and b agree to within e relative (absolute near zero).
func tolerance(a, b, e float64) bool {
	if a == b {
		return true
	}
	d := math.Abs(a - b)
	if b != 0 {
		e *= math.Abs(b)
	}
	return d <= e
}

// close is for values computed by a different but equivalent formula.
func close(a, b float64) bool { return tolerance(a, b, 1e-14) }

// veryclose is for values computed by the same operations in another order.
func veryclose(a, b float64) bool { return tolerance(a, b, 4e-16) }

// mustParse parses spec or fails the test.
func mustParse(t testing.TB, spec string) *Schedule {
	t.Helper()
	s, err := Parse([]byte(spec))
	if err != nil {
		t.Fatalf("Parse(%s): %v", spec, err)
	}
	return s
}

// mustValues evaluates spec over steps steps or fails the test.
func mustValues(t testing.TB, spec string, steps int) []float64 {
	t.Helper()
	v, err := Evaluate([]byte(spec), steps)
	if err != nil {
		t.Fatalf("Evaluate(%s, %d): %v", spec, steps, err)
	}
	return v
}

// checkEventContract checks, for a run of steps steps of spec, what drawing
// relies on: events come in step order inside [0, steps); the values are
// monotone on every run of steps between consecutive events; At agrees with
// Fill to 1e-12 relative; and the windowed Events gives the same events as
// the whole run, for a few windows.
func checkEventContract(t *testing.T, spec string, steps int) {
	t.Helper()
	s := mustParse(t, spec)
	n := int64(steps)
	vals := mustValues(t, spec, steps)
	for i, v := range vals {
		if a := s.At(int64(i), n); !tolerance(a, v, 1e-12) {
			t.Fatalf("%s: At(%d) = %.17g, Fill gives %.17g", spec, i, a, v)
		}
	}
	var all []Event
	last := int64(-1)
	for e := range s.Events(n, 0, n) {
		if e.Step < last || e.Step < 0 || e.Step >= n {
			t.Fatalf("%s: event %+v out of order or outside [0, %d)", spec, e, n)
		}
		last = e.Step
		all = append(all, e)
	}
	// Monotone between events: split points are the distinct event steps.
	start := int64(0)
	check := func(lo, hi int64) {
		if i := firstTurn(vals, lo, hi); i >= 0 {
			t.Fatalf("%s: not monotone on [%d, %d): turns at step %d (%.17g, %.17g, %.17g); events %v",
				spec, lo, hi, i-1, vals[i-2], vals[i-1], vals[i], truncEvents(all))
		}
	}
	for _, e := range all {
		if e.Step > start {
			check(start, e.Step)
			start = e.Step
		}
	}
	check(start, n)
	// Windows see exactly the events of the whole run that fall inside them.
	for _, w := range [][2]int64{{0, n / 3}, {n / 3, 2 * n / 3}, {n / 2, n}, {n - 1, n}, {1, n - 1}} {
		var want []Event
		for _, e := range all {
			if e.Step >= w[0] && e.Step < w[1] {
				want = append(want, e)
			}
		}
		var got []Event
		for e := range s.Events(n, w[0], w[1]) {
			got = append(got, e)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: Events(%d, %d, %d) gives %d events, want %d: %v vs %v", spec, n, w[0], w[1], len(got), len(want), truncEvents(got), truncEvents(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s: Events(%d, %d, %d)[%d] = %+v, want %+v", spec, n, w[0], w[1], i, got[i], want[i])
			}
		}
	}
}

func truncEvents(e []Event) []Event {
	if len(e) > 20 {
		return e[:20]
	}
	return e
}

// checkPoints compares Evaluate at given steps against expected values within tol relative.
func checkPoints(t *testing.T, spec string, steps int, want map[int]float64, tol float64) {
	t.Helper()
	vals := mustValues(t, spec, steps)
	for i, w := range want {
		if !tolerance(vals[i], w, tol) {
			t.Errorf("%s: step %d = %.17g, want %.17g", spec, i, vals[i], w)
		}
	}
}

// jsonValue turns a Go default into what the JSON decoder would have produced.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	fields, _, err := decodeObject([]byte(`{"v":` + formatJSON(v) + `}`))
	if err != nil {
		t.Fatal(err)
	}
	return fields["v"]
}

func formatJSON(v any) string {
	switch v := v.(type) {
	case string:
		return `"` + v + `"`
	case float64:
		return formatFloat(v)
	}
	return formatValue(v)
}

// wantParseError checks that Parse(spec) fails with an *Error on param whose
// message contains want and starts with the package prefix.
func wantParseError(t *testing.T, spec, param, want string) {
	t.Helper()
	_, err := Parse([]byte(spec))
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("Parse(%s) = %v, want *Error", spec, err)
		return
	}
	if e.Param != param || !strings.Contains(e.Msg, want) || !strings.HasPrefix(e.Error(), "core: ") {
		t.Errorf("Parse(%s) = %q (param %q), want param %q and %q", spec, e.Error(), e.Param, param, want)
	}
}

// wantEvents checks the events of a whole run of spec.
func wantEvents(t *testing.T, spec string, steps int64, want []Event) {
	t.Helper()
	var got []Event
	for e := range mustParse(t, spec).Events(steps, 0, steps) {
		got = append(got, e)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s over %d: events %v, want %v", spec, steps, truncEvents(got), truncEvents(want))
	}
}

// firstTurn returns the first i in (lo, hi) where vals, monotone so far on
// [lo, i), changes direction, or -1 if vals[lo:hi] is monotone.
func firstTurn(vals []float64, lo, hi int64) int64 {
	dir := 0
	for i := lo + 1; i < hi; i++ {
		d := 0
		if vals[i] > vals[i-1] {
			d = 1
		} else if vals[i] < vals[i-1] {
			d = -1
		}
		if d != 0 && dir != 0 && d != dir {
			return i
		}
		if d != 0 {
			dir = d
		}
	}
	return -1
}

// wantLongestRun checks that spec runs for steps steps and that one more is
// an *Error on "steps" containing want.
func wantLongestRun(t *testing.T, s *Schedule, spec string, steps int64, want string) {
	t.Helper()
	if err := s.CheckSteps(steps); steps > 0 && err != nil {
		t.Errorf("%s: CheckSteps(%d) = %v", spec, steps, err)
	}
	err := s.CheckSteps(steps + 1)
	var e *Error
	if !errors.As(err, &e) || e.Param != "steps" || !strings.Contains(e.Msg, want) {
		t.Errorf("%s: CheckSteps(%d) = %v, want a steps *Error containing %q", spec, steps+1, err, want)
	}
}

// checkFinite checks that spec gives finite values over runs of every
// length in steps: every value of runs Evaluate returns, and At at the ends,
// the quarters and a few early steps of longer ones. Runs the schedule
// refuses are skipped.
func checkFinite(t *testing.T, spec string, steps ...int64) {
	t.Helper()
	s := mustParse(t, spec)
	for _, n := range steps {
		if s.CheckSteps(n) != nil {
			continue
		}
		if n <= MaxEvaluateSteps/10 {
			vals := mustValues(t, spec, int(n))
			for i, v := range vals {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s: Evaluate(%d)[%d] = %v", spec, n, i, v)
					break
				}
			}
		}
		for _, i := range []int64{0, 1, 2, 409, n / 4, n / 2, 3 * n / 4, n - 2, n - 1} {
			if i < 0 || i >= n {
				continue
			}
			if v := s.At(i, n); math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: At(%d, %d) = %v", spec, i, n, v)
			}
		}
	}
}
