package core

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// ExampleEvaluate shows PyTorch's CosineAnnealingLR with T_max = 4: down to
// eta_min at step 4, then, past T_max, back up again.
func ExampleEvaluate() {
	lrs, err := Evaluate([]byte(`{"kind": "torch.CosineAnnealingLR", "lr": 0.1, "T_max": 4}`), 9)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, lr := range lrs {
		fmt.Printf("step %d: %.4f\n", i, lr)
	}
	// Output:
	// step 0: 0.1000
	// step 1: 0.0854
	// step 2: 0.0500
	// step 3: 0.0146
	// step 4: 0.0000
	// step 5: 0.0146
	// step 6: 0.0500
	// step 7: 0.0854
	// step 8: 0.1000
}

// ExampleParse shows the error for a misspelt parameter.
func ExampleParse() {
	_, err := Parse([]byte(`{"kind": "torch.CosineAnnealingWarmRestarts", "T0": 10}`))
	fmt.Println(err)
	// Output:
	// core: T0: unknown parameter "T0" for torch.CosineAnnealingWarmRestarts; did you mean "T_0"?
}

// benchSpec is the spec BenchmarkEvaluate times for a kind at steps steps:
// its example, with a run-length parameter stretched or a mode changed where
// the framework refuses to step that far (OneCycleLR past total_steps,
// triangular2 CyclicLR past cycle 1024).
func benchSpec(k *Kind, steps int) string {
	switch k.Name {
	case "torch.OneCycleLR":
		return fmt.Sprintf(`{"kind": "torch.OneCycleLR", "max_lr": 0.1, "total_steps": %d}`, steps)
	case "torch.CyclicLR":
		return `{"kind": "torch.CyclicLR", "base_lr": 0.01, "max_lr": 0.1, "step_size_up": 20}`
	}
	return k.Example
}

// TestBenchSpecs: every kind's benchmark spec runs 10^6 steps, so that
// BenchmarkEvaluate times every kind at both lengths (it skips a refused run).
func TestBenchSpecs(t *testing.T) {
	for _, k := range Kinds() {
		s, err := Parse([]byte(benchSpec(k, 1e6)))
		if err == nil {
			err = s.CheckSteps(1e6)
		}
		if err != nil {
			t.Errorf("%s: %v", k.Name, err)
		}
	}
}

// BenchmarkEvaluate times Evaluate, parsing included, for every kind at
// 10^3 and 10^6 steps, and reports ns/step.
func BenchmarkEvaluate(b *testing.B) {
	for _, k := range Kinds() {
		for _, steps := range []int{1e3, 1e6} {
			spec := []byte(benchSpec(k, steps))
			b.Run(fmt.Sprintf("%s/%.0e", k.Name, float64(steps)), func(b *testing.B) {
				s, err := Parse(spec)
				if err == nil {
					err = s.CheckSteps(int64(steps))
				}
				if err != nil { // a run the kind refuses is nothing to time
					b.Skip(err)
				}
				for b.Loop() {
					if _, err := Evaluate(spec, steps); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(steps), "ns/step")
			})
		}
	}
}

// fuzzSeeds are specs of every kind, good and bad, to start the fuzzers from.
func fuzzSeeds() []string {
	seeds := []string{
		``, `{}`, `[]`, `null`, `{"kind":"playground","T_max":1e400}`, `{"kind":"playground","T_max":-0}`,
		`{"kind":"playground","lr":"<img src=x onerror=alert(1)>"}`, `{"kind":"playground","T_mult":1.0000000001,"T_max":1}`,
		`{"kind":"torch.CosineAnnealingLR","T_max":1,"eta_min":0.5}`, `{"kind":"torch.OneCycleLR","max_lr":1,"total_steps":2}`,
	}
	for _, k := range Kinds() {
		seeds = append(seeds, k.Example)
		seeds = append(seeds, extremeSeeds(k)...)
		// Under units: a staircase, and a schedule run many times too fast.
		seeds = append(seeds, withUnitsSpec(k.Example, Units{StepsPerEpoch: 7, Accumulation: 3, Stepping: PerEpoch}),
			withUnitsSpec(k.Example, Units{StepsPerEpoch: 1, Accumulation: 3, Stepping: PerMicroBatch}))
	}
	seeds = append(seeds,
		`{"kind":"torch.ExponentialLR","gamma":0.9,"units":{"accumulation":1000000,"stepping":"micro_batch"}}`,
		`{"kind":"torch.CosineAnnealingLR","T_max":1,"units":{"accumulation":1000000,"stepping":"micro_batch"}}`,
		`{"kind":"playground","units":{"steps_per_epoch":1000000000000,"stepping":"epoch"}}`,
		`{"kind":"playground","units":{"steps_per_epoch":0}}`, `{"kind":"playground","units":[{}]}`)
	return seeds
}

// extremeSeeds are k's example with one numeric parameter at a time taken
// to an end of its range: a whole number also to MaxSteps where its range is
// open, a real number also to the largest and smallest float64. A kind that
// allocated or looped in proportion to a parameter, or whose arithmetic
// overflows, would meet its worst case here at once, not only if the
// mutator happened to write a 13-digit number or 1.8e308.
func extremeSeeds(k *Kind) []string {
	ex, err := Parse([]byte(k.Example))
	if err != nil {
		return nil // TestKindTables reports it
	}
	var out []string
	for _, p := range k.Params {
		var xs []float64
		switch p.Type {
		case Int:
			xs = []float64{p.Range.Min, p.Range.Max, float64(MaxSteps), float64(MaxSteps/2 + 1)}
		case Float:
			xs = []float64{p.Range.Min, p.Range.Max, math.MaxFloat64, 5e-324}
		}
		for _, x := range xs {
			if math.IsInf(x, 0) {
				continue
			}
			args := ex.Args()
			if p.Type == Int {
				args[p.Name] = int64(x)
			} else {
				args[p.Name] = x
			}
			if b, err := k.Spec(args); err == nil {
				out = append(out, string(b))
			}
		}
	}
	return out
}

// FuzzParse: no input panics, Parse allocates within its budget, and
// whatever parses marshals to a spec that parses again to the same thing.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		var s *Schedule
		var err error
		checkAlloc(t, "Parse", allocPerSpecByte*int64(len(spec)), func() { s, err = Parse(spec) })
		if err != nil {
			if !strings.HasPrefix(err.Error(), "core: ") {
				t.Errorf("Parse(%q) error %q lacks the core: prefix", spec, err)
			}
			return
		}
		again, err := s.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		s2, err := Parse(again)
		if err != nil {
			t.Fatalf("Parse(%s) accepts, but its canonical form %s does not: %v", spec, again, err)
		}
		if b2, _ := s2.MarshalJSON(); string(b2) != string(again) {
			t.Errorf("canonical form is not stable: %s vs %s", again, b2)
		}
	})
}

// lowestLR is how far below 0 the lr of a run of n steps of s may go: 0,
// except where the framework's own rounding takes it there and we draw what
// it computes. PyTorch's CosineAnnealingLR with eta_min above lr misses lr at
// its peaks by up to about eta_min·(T_max²/3 + step)·2^-52 (torchCosine's
// doc); this allows twelve times the first term and eight times the second.
func lowestLR(s *Schedule, n int64) float64 {
	c, ok := s.curve.(*torchCosine)
	if !ok || c.etaMin <= c.lr {
		return 0
	}
	T := float64(c.tMax)
	return -c.etaMin * 0x1p-50 * (T*T + 2*float64(n))
}

// FuzzEvaluate: for any spec and run length, Evaluate returns finite values,
// not below 0 (lowestLR), or the error of Parse or CheckSteps, and never
// panics; At, Events and Annotations hold up on runs too long to evaluate.
// None allocates more than its budget, whatever numbers the spec holds.
func FuzzEvaluate(f *testing.F) {
	for i, s := range fuzzSeeds() {
		f.Add([]byte(s), uint16(1+i*37), int64(1)<<(i%41))
	}
	f.Fuzz(func(t *testing.T, spec []byte, steps uint16, long int64) {
		n := int(steps)%5000 + 1
		var vals []float64
		var err error
		checkAlloc(t, "Evaluate", allocPerSpecByte*int64(len(spec))+allocPerValue*int64(n), func() { vals, err = Evaluate(spec, n) })
		s, perr := Parse(spec)
		if err != nil && perr == nil && s.CheckSteps(int64(n)) == nil && s.fillCost(int64(n)) <= MaxEvaluateSteps {
			// Parse and CheckSteps are where errors are born (with the cap on
			// a recursion's calls under units); Values' own check for a
			// non-finite lr is a backstop that must not fire.
			t.Fatalf("Evaluate(%s, %d) = %v, though the spec parses and runs %d steps", spec, n, err, n)
		}
		if err == nil {
			lowest := lowestLR(s, int64(n))
			for i, v := range vals {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < lowest {
					t.Fatalf("Evaluate(%s, %d)[%d] = %v", spec, n, i, v)
				}
			}
		}
		if perr != nil {
			return
		}
		if long < 1 || long > MaxSteps {
			long = MaxSteps
		}
		if s.CheckSteps(long) != nil {
			return
		}
		checkAlloc(t, fmt.Sprintf("At, Events and Annotations over %d steps", long), 0, func() {
			lowest := lowestLR(s, long)
			for _, i := range []int64{0, long / 3, long / 2, long - 1} {
				if v := s.At(i, long); math.IsNaN(v) || math.IsInf(v, 0) || v < lowest {
					t.Fatalf("%s: At(%d, %d) = %v", spec, i, long, v)
				}
			}
			count := 0
			for e := range s.Events(long, long/2, long/2+1000) {
				if count++; count > 2000 {
					t.Fatalf("%s: more than 2000 events in 1000 steps", spec)
				}
				if e.Step < long/2 || e.Step >= min(long, long/2+1000) {
					t.Fatalf("%s: event %v outside [%d, %d)", spec, e, long/2, long/2+1000)
				}
			}
			ann, _ := s.Annotations(long, 10)
			if len(ann) > 10 {
				t.Fatalf("%s: %d annotations, limit 10", spec, len(ann))
			}
			for _, a := range ann {
				if a.Step < 0 || a.Step >= long {
					t.Fatalf("%s: annotation %v outside a run of %d", spec, a, long)
				}
			}
		})
	})
}
