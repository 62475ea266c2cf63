package core

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// withUnitsSpec adds a "units" object to spec, a JSON object.
func withUnitsSpec(spec string, u Units) string {
	return string(withUnits([]byte(spec), u))
}

var (
	perEpoch = func(e int64) Units { return Units{StepsPerEpoch: e, Accumulation: 1, Stepping: PerEpoch} }
	perMicro = func(a int64) Units { return Units{StepsPerEpoch: 1, Accumulation: a, Stepping: PerMicroBatch} }
)

// TestUnitsCall checks c(t), the run of calls, the first step of a call and
// the epoch axis against the loop in Units' doc, counted by hand.
func TestUnitsCall(t *testing.T) {
	tests := []struct {
		u                  Units
		calls              map[int64]int64 // Call(step)
		runs               map[int64]int64 // Calls(steps)
		firsts             map[int64]int64 // FirstStep(call)
		epochStep          int64
		epoch              float64
		identity, validate bool
	}{
		// Per epoch of 5 steps: steps 0-4 use call 0, 5-9 call 1; 12 epochs begun in 60 steps, 2 in 6.
		{perEpoch(5), map[int64]int64{-1: 0, 0: 0, 4: 0, 5: 1, 12: 2, 59: 11},
			map[int64]int64{0: 0, 1: 1, 5: 1, 6: 2, 60: 12}, map[int64]int64{-3: 0, 0: 0, 1: 5, 3: 15}, 7, 1.4, false, true},
		// Per micro-batch of 4: step 0 runs after micro-batches 0-2 called it (call 3), step 2 at call 11.
		{perMicro(4), map[int64]int64{-1: 0, 0: 3, 1: 7, 2: 11},
			map[int64]int64{0: 0, 1: 4, 3: 12}, map[int64]int64{0: 0, 3: 0, 4: 1, 10: 2, 11: 2, 12: 3}, 7, 7, false, true},
		// Per step, whatever the epoch and accumulation: the identity.
		{Units{390, 4, PerStep}, map[int64]int64{0: 0, 5: 5, 1000: 1000},
			map[int64]int64{1: 1, 1000: 1000}, map[int64]int64{0: 0, 7: 7}, 780, 2, true, true},
		{perEpoch(1), map[int64]int64{7: 7}, map[int64]int64{7: 7}, map[int64]int64{7: 7}, 3, 3, true, true},
		{perMicro(1), map[int64]int64{7: 7}, map[int64]int64{7: 7}, map[int64]int64{7: 7}, 3, 3, true, true},
		// Invalid units never panic: what Validate rejects counts as the default.
		{Units{}, map[int64]int64{5: 5}, map[int64]int64{5: 5}, map[int64]int64{5: 5}, 3, 3, true, false},
		{Units{0, 0, PerEpoch}, map[int64]int64{5: 5}, map[int64]int64{5: 5}, map[int64]int64{5: 5}, 3, 3, true, false},
		{Units{-2, -2, PerMicroBatch}, map[int64]int64{5: 5}, map[int64]int64{5: 5}, map[int64]int64{5: 5}, 3, 3, true, false},
		// Saturation rather than overflow.
		{perMicro(maxAccumulation), map[int64]int64{math.MaxInt64 / 2: math.MaxInt64, MaxSteps - 1: MaxSteps*maxAccumulation - 1},
			map[int64]int64{math.MaxInt64: math.MaxInt64}, map[int64]int64{math.MaxInt64: math.MaxInt64 / maxAccumulation}, 1, 1, false, true},
		{perEpoch(MaxSteps), map[int64]int64{MaxSteps - 1: 0, MaxSteps: 1}, map[int64]int64{MaxSteps: 1},
			map[int64]int64{1: MaxSteps, math.MaxInt64: math.MaxInt64}, MaxSteps / 2, 0.5, false, true},
	}
	for _, tt := range tests {
		for step, want := range tt.calls {
			if got := tt.u.Call(step); got != want {
				t.Errorf("%+v.Call(%d) = %d, want %d", tt.u, step, got, want)
			}
		}
		for steps, want := range tt.runs {
			if got := tt.u.Calls(steps); got != want {
				t.Errorf("%+v.Calls(%d) = %d, want %d", tt.u, steps, got, want)
			}
		}
		for call, want := range tt.firsts {
			if got := tt.u.FirstStep(call); got != want {
				t.Errorf("%+v.FirstStep(%d) = %d, want %d", tt.u, call, got, want)
			}
		}
		if got := tt.u.Epoch(tt.epochStep); got != tt.epoch {
			t.Errorf("%+v.Epoch(%d) = %g, want %g", tt.u, tt.epochStep, got, tt.epoch)
		}
		if got := tt.u.identity(); got != tt.identity {
			t.Errorf("%+v.identity() = %v", tt.u, got)
		}
		if err := tt.u.Validate(); (err == nil) != tt.validate {
			t.Errorf("%+v.Validate() = %v", tt.u, err)
		}
	}
	// FirstStep is the first step t with Call(t) ≥ call, checked step by step.
	for _, u := range []Units{perEpoch(3), perMicro(4), perMicro(7), DefaultUnits()} {
		for call := int64(0); call < 60; call++ {
			want := int64(0)
			for u.Call(want) < call {
				want++
			}
			if got := u.FirstStep(call); got != want {
				t.Errorf("%+v.FirstStep(%d) = %d, want %d", u, call, got, want)
			}
		}
	}
}

// cosineLR is CosineAnnealingLR's closed form with lr 0.1 and eta_min 0, as
// its docs write it: 0.05·(1 + cos(π·k/T_max)).
func cosineLR(k, tMax int64) float64 {
	return 0.05 * (1 + math.Cos(math.Pi*float64(k)/float64(tMax)))
}

// TestUnitsValues checks the lr of each optimizer step against the lr of
// the call the loop has reached, c(t), worked out by hand from the kind's
// formula.
func TestUnitsValues(t *testing.T) {
	want := func(n int, f func(t int64) float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = f(int64(i))
		}
		return out
	}
	tests := []struct {
		name  string
		spec  string
		u     Units
		steps int
		want  []float64
		tol   float64
	}{
		// Per epoch of 5 steps, T_max = 10 epochs: plateaus of 5 steps,
		// eta_min at epoch 10 (steps 50-54), rising in epoch 11.
		{"cosine per epoch", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10}`, perEpoch(5), 60,
			want(60, func(t int64) float64 { return cosineLR(t/5, 10) }), 1e-14},
		// Per micro-batch with 4 micro-batches a step: steps 0, 1, 2 run with
		// calls 3, 7, 11; T_max = 10 is passed at step 2 = ⌊10/4⌋, three
		// steps into a schedule meant to last ten.
		{"cosine per micro-batch", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10}`, perMicro(4), 3,
			[]float64{cosineLR(3, 10), cosineLR(7, 10), cosineLR(11, 10)}, 1e-14},
		// Restarts every 10 calls: T_cur of step t is (4t+3) mod 10.
		{"restarts per micro-batch", `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10}`, perMicro(4), 12,
			want(12, func(t int64) float64 { return cosineLR((4*t+3)%10, 10) }), 1e-14},
		// Cycles of 3, 6, 12 epochs of 4 steps: epochs 0-2, 3-8, 9-20.
		{"restarts per epoch", `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":3,"T_mult":2}`, perEpoch(4), 40,
			want(40, func(t int64) float64 {
				switch e := t / 4; {
				case e < 3:
					return cosineLR(e, 3)
				case e < 9:
					return cosineLR(e-3, 6)
				default:
					return cosineLR(e-9, 12)
				}
			}), 1e-14},
		// Halving every call, three calls a step: 0.1·2^−(3t+2), exact.
		{"exponential per micro-batch", `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.5}`, perMicro(3), 4,
			want(4, func(t int64) float64 { return math.Ldexp(0.1, -int(3*t+2)) }), 0},
		// Hugging Face's warmup of 10 calls per epoch of 2 steps: 0, 0.1, 0.2 … of lr.
		{"hf warmup per epoch", `{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":10,"num_training_steps":100}`,
			perEpoch(2), 8, []float64{0, 0, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3}, 1e-15},
		// Stepping per optimizer step: epochs and accumulation change nothing.
		{"per step", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10}`, Units{390, 4, PerStep}, 21,
			want(21, func(t int64) float64 { return cosineLR(t, 10) }), 1e-14},
	}
	for _, tt := range tests {
		spec := withUnitsSpec(tt.spec, tt.u)
		s := mustParse(t, spec)
		if s.Units() != tt.u {
			t.Errorf("%s: Units() = %+v, want %+v", tt.name, s.Units(), tt.u)
		}
		got := mustValues(t, spec, tt.steps)
		for i, w := range tt.want {
			if !tolerance(got[i], w, tt.tol) {
				t.Errorf("%s: step %d (call %d) = %.17g, want %.17g", tt.name, i, tt.u.Call(int64(i)), got[i], w)
			}
			if a := s.At(int64(i), int64(tt.steps)); !tolerance(a, w, tt.tol) {
				t.Errorf("%s: At(%d) = %.17g, want %.17g", tt.name, i, a, w)
			}
		}
	}
}

// TestUnitsEvents: the kind's events at the first optimizer step that
// reaches them.
func TestUnitsEvents(t *testing.T) {
	tests := []struct {
		spec  string
		u     Units
		steps int64
		want  []Event
	}{
		// Restarts at calls 10, 20, 30, 40: steps ⌊k/4⌋.
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10}`, perMicro(4), 12,
			[]Event{{2, Restart}, {5, Restart}, {7, Restart}, {10, Restart}}},
		// Restarts at epochs 3 and 9 of 4 steps.
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":3,"T_mult":2}`, perEpoch(4), 40,
			[]Event{{12, Restart}, {36, Restart}}},
		// The trough at epoch 10 and the peak at epoch 20, of 5 steps.
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10}`, perEpoch(5), 120, []Event{{50, Trough}, {100, Peak}}},
		// A turn at every call (trough at odd calls, peak at even ones from
		// 2): one event a step, the first of equal rank.
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`, perMicro(4), 5,
			[]Event{{0, Trough}, {1, Peak}, {2, Peak}, {3, Peak}, {4, Peak}}},
		// timm: warmup ends at call 5 (step 1), restarts at calls 15 and 25
		// (steps 3 and 6), the last cycle ends at call 35 (step 8).
		{`{"kind":"timm.CosineLRScheduler","t_initial":10,"warmup_t":5,"warmup_prefix":true,"cycle_limit":3}`, perMicro(4), 10,
			[]Event{{1, WarmupEnd}, {3, Restart}, {6, Restart}, {8, Boundary}}},
		// OneCycleLR's warmup ends at call 300, epoch 300 of 7 steps.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, perEpoch(7), 7000, []Event{{2100, WarmupEnd}}},
	}
	for _, tt := range tests {
		wantEvents(t, withUnitsSpec(tt.spec, tt.u), tt.steps, tt.want)
	}
}

// eventCurve is a test curve with given events and a constant lr; it
// counts the events it yields.
type eventCurve struct {
	ev   []Event
	read int
}

func (c *eventCurve) at(i, n int64) float64 { return 1 }
func (c *eventCurve) events(n, from, to int64, yield func(Event) bool) {
	for _, e := range c.ev {
		if e.Step >= from && e.Step < to {
			c.read++
			if !yield(e) {
				return
			}
		}
	}
}

// TestUnitsMicroEvents: per micro-batch, one event a step, of the highest
// rank among the first microEvents, and the rest of the step's calls
// skipped.
func TestUnitsMicroEvents(t *testing.T) {
	c := &eventCurve{ev: []Event{{1, Turn}, {2, Restart}, {3, Peak}, {5, Boundary}, {6, WarmupEnd}, {9, Trough}}}
	w := &unitsCurve{inner: c, u: perMicro(4)}
	var got []Event
	w.events(10*4, 0, 10, func(e Event) bool { got = append(got, e); return true })
	want := []Event{{0, Restart}, {1, WarmupEnd}, {2, Trough}}
	if !slices.Equal(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
	// An event at every call of 1000 a step: about microEvents read a step.
	var every []Event
	for k := int64(1); k < 5000; k++ {
		every = append(every, Event{k, Turn})
	}
	c = &eventCurve{ev: every}
	w = &unitsCurve{inner: c, u: perMicro(1000)}
	got = nil
	w.events(5*1000, 0, 5, func(e Event) bool { got = append(got, e); return true })
	if len(got) != 5 || got[4] != (Event{4, Turn}) {
		t.Errorf("events = %v, want one at each of steps 0-4", got)
	}
	if c.read > 5*microEvents {
		t.Errorf("read %d events of the kind for 5 steps, more than %d", c.read, 5*microEvents)
	}
	// yield's false stops it.
	n := 0
	w.events(5*1000, 0, 5, func(e Event) bool { n++; return false })
	if n != 1 {
		t.Errorf("events went on after yield returned false: %d calls", n)
	}
}

// unitsCases are units each kind is checked under: staircases of short
// and long epochs, and the schedule run 3 times too fast.
var unitsCases = []Units{perEpoch(7), perEpoch(250), perMicro(3), {StepsPerEpoch: 390, Accumulation: 4, Stepping: PerStep}}

// unitsSpec is spec (STEPS standing for the schedule's own run, in calls)
// under u, for a run of steps optimizer steps, or "" if the kind refuses that
// run.
func unitsSpec(t testing.TB, spec string, u Units, steps int64) (string, *Schedule) {
	t.Helper()
	spec = withUnitsSpec(strings.ReplaceAll(spec, "STEPS", strconv.FormatInt(u.Calls(steps), 10)), u)
	s := mustParse(t, spec)
	if s.CheckSteps(steps) != nil {
		return "", nil
	}
	return spec, s
}

// TestUnitsContract runs every kind's example and downsampleSpecs under
// each of unitsCases: the Event contract (monotone between events, At
// agreeing with Fill, windows), Fill equal bit for bit to the kind's own
// run at c(t), events at the images of the kind's own, Mean, and JSON.
func TestUnitsContract(t *testing.T) {
	var mu sync.Mutex
	runs := map[string]int{}
	for _, kc := range downsampleCases(t) {
		t.Run(kc.kind, func(t *testing.T) {
			t.Parallel()
			for _, u := range unitsCases {
				for _, steps := range []int64{1, 2, 7, 100, 1000} {
					spec, s := unitsSpec(t, kc.spec, u, steps)
					if s == nil {
						continue
					}
					checkUnitsRun(t, spec, s, steps)
					mu.Lock()
					runs[kc.kind+" "+string(u.Stepping)]++
					mu.Unlock()
				}
			}
		})
	}
	t.Cleanup(func() {
		for _, k := range Kinds() {
			for _, st := range []Stepping{PerStep, PerMicroBatch, PerEpoch} {
				if runs[k.Name+" "+string(st)] == 0 {
					t.Errorf("%s: no run checked per %s", k.Name, st)
				}
			}
		}
	})
}

func checkUnitsRun(t *testing.T, spec string, s *Schedule, steps int64) {
	t.Helper()
	u := s.Units()
	checkEventContract(t, spec, int(steps))
	base, calls := s.inCalls(steps)
	if calls != u.Calls(steps) || base.Units() != DefaultUnits() {
		t.Fatalf("%s: inCalls(%d) = %d calls, units %+v", spec, steps, calls, base.Units())
	}
	// Fill is the framework's run of calls, read at c(t).
	own, err := base.Values(int(calls))
	if err != nil {
		t.Fatalf("%s: the kind's own run of %d: %v", spec, calls, err)
	}
	got := mustValues(t, spec, int(steps))
	for i, v := range got {
		if w := own[u.Call(int64(i))]; v != w {
			t.Fatalf("%s: step %d = %.17g, the kind's own step %d is %.17g", spec, i, v, u.Call(int64(i)), w)
		}
	}
	// Events: the kind's own at FirstStep, one a step per micro-batch.
	var want []Event
	for e := range base.Events(calls, 0, calls) {
		e.Step = u.FirstStep(e.Step)
		if u.Stepping == PerMicroBatch && u.Accumulation > 1 && len(want) > 0 && want[len(want)-1].Step == e.Step {
			continue // the kinds here are checked by TestUnitsMicroEvents
		}
		want = append(want, e)
	}
	var evs []Event
	for e := range s.Events(steps, 0, steps) {
		evs = append(evs, e)
	}
	same := len(evs) == len(want)
	for i := 0; same && i < len(evs); i++ {
		same = evs[i].Step == want[i].Step && (u.Stepping == PerMicroBatch || evs[i].Kind == want[i].Kind)
	}
	if !same {
		t.Fatalf("%s over %d: events %v, want %v", spec, steps, truncEvents(evs), truncEvents(want))
	}
	// Mean: the average of every value.
	var sum neumaier
	for _, v := range got {
		sum.add(v)
	}
	if m, exact := s.Mean(steps); !exact || m != sum.value()/float64(steps) {
		t.Fatalf("%s: Mean(%d) = %.17g (exact %v), want %.17g", spec, steps, m, exact, sum.value()/float64(steps))
	}
	// The spec written and read again is the same schedule.
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if again := mustParse(t, string(b)); again.Units() != u || !slices.Equal(mustValues(t, string(b), int(steps)), got) {
		t.Fatalf("%s: MarshalJSON gives %s, another schedule", spec, b)
	}
}

// TestUnitsCheckSteps: the kind's own limits apply to its run of calls,
// and the message says how many calls the run makes.
func TestUnitsCheckSteps(t *testing.T) {
	tests := []struct {
		spec          string
		u             Units
		longest       int64
		param, phrase string
	}{
		// OneCycleLR raises at call total_steps + 1: 25 steps make 100 calls, 26 make 104.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`, perMicro(4), 25, "steps",
			"Tried to step 101 times"},
		// Per epoch of 10 steps: 1010 steps begin 101 epochs, the most it
		// takes (the last at call total_steps); 1011 begin 102.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`, perEpoch(10), 1010, "steps", "1011 optimizer steps makes 102 calls"},
		// 10^12 calls at most: 2.5·10^11 steps of 4 micro-batches.
		{`{"kind":"torch.CosineAnnealingLR","T_max":10}`, perMicro(4), MaxSteps / 4, "steps", "more than 1e+12 steps"},
	}
	for _, tt := range tests {
		spec := withUnitsSpec(tt.spec, tt.u)
		s := mustParse(t, spec)
		if err := s.CheckSteps(tt.longest); err != nil {
			t.Errorf("%s: CheckSteps(%d) = %v", spec, tt.longest, err)
		}
		err := s.CheckSteps(tt.longest + 1)
		var e *Error
		if !errors.As(err, &e) || e.Param != tt.param || !strings.Contains(e.Msg, tt.phrase) || !strings.Contains(e.Msg, "calls of scheduler.step()") {
			t.Errorf("%s: CheckSteps(%d) = %v, want a %s *Error saying %q", spec, tt.longest+1, err, tt.param, tt.phrase)
		}
	}
}

// TestUnitsCost: per micro-batch, a recursive kind's Fill runs through every
// call, so Values refuses more than MaxEvaluateSteps of them and Mean
// estimates; a kind in closed form reads only the calls it needs.
func TestUnitsCost(t *testing.T) {
	rec := mustParse(t, withUnitsSpec(`{"kind":"torch.ExponentialLR","gamma":0.999999}`, perMicro(maxAccumulation)))
	if _, err := rec.Values(11); err == nil || !strings.Contains(err.Error(), "recursion") {
		t.Errorf("Values(11) of 1.1e7 calls = %v, want an error about the recursion", err)
	}
	if v, err := rec.Values(10); err != nil || len(v) != 10 {
		t.Errorf("Values(10) of 10^7 calls = %v", err)
	}
	if _, exact := rec.Mean(1000); exact {
		t.Errorf("Mean over 10^9 calls of a recursion says exact")
	}
	closed := mustParse(t, withUnitsSpec(`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":1000}`, perMicro(maxAccumulation)))
	v, err := closed.Values(10000)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range v {
		if w := closed.At(int64(i), 10000); x != w {
			t.Fatalf("step %d: Fill %g, At %g", i, x, w)
		}
	}
	if _, exact := closed.Mean(10000); !exact {
		t.Errorf("Mean over 10^4 steps of a closed form says approximate")
	}
}

// TestUnitsHuge: at 10^12 optimizer steps, At, Events and Annotations cost
// what they cost without units.
func TestUnitsHuge(t *testing.T) {
	for _, k := range Kinds() {
		for _, u := range []Units{perEpoch(390), perMicro(4)} {
			steps := MaxSteps / u.Accumulation
			spec, s := unitsSpec(t, k.Example, u, steps)
			if s == nil {
				continue
			}
			for _, i := range []int64{0, steps / 3, steps - 1} {
				if v := s.At(i, steps); math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s: At(%d) = %v", spec, i, v)
				}
			}
			n := 0
			for e := range s.Events(steps, steps/2, steps/2+10000) {
				if e.Step < steps/2 || e.Step >= steps/2+10000 {
					t.Errorf("%s: event %v outside its window", spec, e)
				}
				if n++; n > 10000 {
					t.Fatalf("%s: more than one event a step", spec)
				}
			}
			ann, _ := s.Annotations(steps, 60)
			for i, a := range ann {
				if a.Step < 0 || a.Step >= steps || (i > 0 && a.Step < ann[i-1].Step) {
					t.Errorf("%s: annotation %v", spec, a)
				}
			}
		}
	}
}

// TestUnitsJSON: "units" in a spec, written back in full, and its errors.
func TestUnitsJSON(t *testing.T) {
	s := mustParse(t, `{"kind":"torch.CosineAnnealingLR","T_max":10,"units":{"stepping":"epoch","steps_per_epoch":5}}`)
	if s.Units() != perEpoch(5) {
		t.Errorf("Units() = %+v", s.Units())
	}
	want := `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":0,"units":{"steps_per_epoch":5,"accumulation":1,"stepping":"epoch"}}`
	if b, _ := s.MarshalJSON(); string(b) != want {
		t.Errorf("MarshalJSON = %s\nwant %s", b, want)
	}
	// Default units are left out; InUnits replaces units, it does not compose them.
	for _, spec := range []string{`{"kind":"torch.CosineAnnealingLR","T_max":10,"units":{}}`,
		`{"kind":"torch.CosineAnnealingLR","T_max":10,"units":{"stepping":"step","accumulation":1, "steps_per_epoch":1}}`} {
		if b, _ := mustParse(t, spec).MarshalJSON(); strings.Contains(string(b), "units") {
			t.Errorf("%s: MarshalJSON = %s", spec, b)
		}
	}
	s2, err := s.InUnits(perMicro(4))
	if err != nil || s2.Units() != perMicro(4) || s.Units() != perEpoch(5) {
		t.Fatalf("InUnits: %v, %+v, and the original has %+v", err, s2.Units(), s.Units())
	}
	s3, _ := s2.InUnits(DefaultUnits())
	if b, _ := s3.MarshalJSON(); string(b) != `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":0}` {
		t.Errorf("InUnits(DefaultUnits()).MarshalJSON = %s", b)
	}
	if _, err := s.InUnits(Units{StepsPerEpoch: 1, Accumulation: 0, Stepping: PerStep}); err == nil {
		t.Errorf("InUnits accepts accumulation 0")
	}

	const k = `{"kind":"torch.CosineAnnealingLR","T_max":10,`
	for _, tt := range []struct{ spec, param, want string }{
		{k + `"units":[]}`, "units", "an array is not an object"},
		{k + `"units":null}`, "units", "null is not an object"},
		{k + `"units":390}`, "units", `390 is not an object; must be like {"steps_per_epoch": 390`},
		{k + `"units":{"steps_per_epok":5}}`, "steps_per_epok", `unknown field "steps_per_epok" of units; did you mean "steps_per_epoch"?`},
		{k + `"units":{"epochs":5}}`, "epochs", "its fields are steps_per_epoch, accumulation, stepping"},
		{k + `"units":{"steps_per_epoch":0}}`, "steps_per_epoch", "0 is out of range; must be a whole number [1, 1e12]"},
		{k + `"units":{"steps_per_epoch":1e13}}`, "steps_per_epoch", "out of range"},
		{k + `"units":{"accumulation":1.5}}`, "accumulation", "1.5 is not a whole number"},
		{k + `"units":{"accumulation":1000001}}`, "accumulation", "[1, 1e6]"},
		{k + `"units":{"accumulation":"4"}}`, "accumulation", `"4" is not a number`},
		{k + `"units":{"accumulation":{"a":1}}}`, "accumulation", "an object is not a number"},
		{k + `"units":{"stepping":"batch"}}`, "stepping", `"batch" is not an option; must be one of "step", "micro_batch", "epoch"`},
		{k + `"units":{"stepping":"epoch","stepping":"step"}}`, "stepping", "given twice"},
		{k + `"units":{},"units":{}}`, "units", "given twice"},
		// The run-length check of a kind still names its parameter.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"units":{"stepping":"epoch"}}`, "total_steps", ""},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

// TestNewUnits: the page's way in, from UnitsParams and ParseText.
func TestNewUnits(t *testing.T) {
	params := UnitsParams()
	var names []string
	defaults := map[string]any{}
	for _, p := range params {
		names = append(names, p.Name)
		defaults[p.Name] = p.Default
	}
	if !slices.Equal(names, []string{"steps_per_epoch", "accumulation", "stepping"}) {
		t.Errorf("UnitsParams names = %v", names)
	}
	params[0].Name = "changed"
	if UnitsParams()[0].Name != "steps_per_epoch" {
		t.Errorf("UnitsParams shares its table")
	}
	if u, err := NewUnits(defaults); err != nil || u != DefaultUnits() {
		t.Errorf("NewUnits(defaults) = %+v, %v", u, err)
	}
	if u, err := NewUnits(nil); err != nil || u != DefaultUnits() {
		t.Errorf("NewUnits(nil) = %+v, %v", u, err)
	}
	// Text as a control or a link carries it.
	values := map[string]any{}
	for _, p := range UnitsParams() {
		text := map[string]string{"steps_per_epoch": " 390", "accumulation": "4", "stepping": "micro_batch"}[p.Name]
		v, err := p.ParseText(text)
		if err != nil {
			t.Fatalf("%s.ParseText(%q): %v", p.Name, text, err)
		}
		values[p.Name] = v
	}
	u, err := NewUnits(values)
	if want := (Units{390, 4, PerMicroBatch}); err != nil || u != want {
		t.Errorf("NewUnits(%v) = %+v, %v; want %+v", values, u, err, want)
	}
	if got, _ := NewUnits(u.Args()); got != u {
		t.Errorf("NewUnits(Args()) = %+v, want %+v", got, u)
	}
	for _, tt := range []struct {
		values map[string]any
		param  string
	}{
		{map[string]any{"steps_per_epoch": 2.0}, "steps_per_epoch"},
		{map[string]any{"accumulation": int64(0)}, "accumulation"},
		{map[string]any{"stepping": 3}, "stepping"},
		{map[string]any{"stepping": "Epoch"}, "stepping"},
		{map[string]any{"T_max": int64(3)}, "T_max"},
	} {
		_, err := NewUnits(tt.values)
		var e *Error
		if !errors.As(err, &e) || e.Param != tt.param || !strings.HasPrefix(e.Error(), "core: "+tt.param+": ") {
			t.Errorf("NewUnits(%v) = %v, want an *Error on %s", tt.values, err, tt.param)
		}
	}
}

// TestUnitsLintTranslateCode: the three read a schedule with units in its
// own steps, over the calls the run makes, and keep the units.
func TestUnitsLintTranslateCode(t *testing.T) {
	// T_max written in optimizer steps, 90 epochs of 390, while the scheduler
	// steps once per epoch: 90 calls of a 35,100-call cosine.
	spec := withUnitsSpec(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":35100}`, perEpoch(390))
	s := mustParse(t, spec)
	findings, err := Lint(s, 35100)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) == 0 || findings[0].Code != "steps-vs-epochs" {
		t.Fatalf("Lint = %+v, want steps-vs-epochs first", findings)
	}
	f := findings[0]
	if f.Fix["T_max"] != int64(90) || !strings.Contains(string(f.FixSpec), `"units":{"steps_per_epoch":390,"accumulation":1,"stepping":"epoch"}`) {
		t.Errorf("fix %v, spec %s: want T_max = 90 with the units kept", f.Fix, f.FixSpec)
	}
	for _, f := range findings {
		if f.From < 0 || f.To < f.From || f.To >= 35100 {
			t.Errorf("finding %s covers steps %d-%d of 35100", f.Code, f.From, f.To)
		}
	}
	if fixed := mustParse(t, string(f.FixSpec)); fixed.Units() != perEpoch(390) {
		t.Errorf("the fix's units are %+v", fixed.Units())
	}

	// Translations keep the units, and run the same optimizer steps.
	src := mustParse(t, withUnitsSpec(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10}`, perMicro(4)))
	exact := 0
	for _, tr := range Translate(src, 100) {
		if tr.Spec == nil {
			continue
		}
		ts := mustParse(t, string(tr.Spec))
		if ts.Units() != perMicro(4) {
			t.Errorf("%s: translation %s lost the units", tr.Framework, tr.Spec)
		}
		if tr.Exact {
			exact++
			if !slices.Equal(mustValues(t, string(tr.Spec), 100), mustValues(t, withUnitsSpec(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10}`, perMicro(4)), 100)) {
				t.Errorf("%s: exact translation %s differs in optimizer steps", tr.Framework, tr.Spec)
			}
		}
	}
	if exact == 0 {
		t.Errorf("no exact translation of restarts per micro-batch")
	}

	code, err := Code(s, 35100, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(code, "# Units: 35100 optimizer steps make 90 calls of scheduler.step(), one per epoch of 390") ||
		!strings.Contains(code, "lrs[t // 390]") || !strings.Contains(code, "a 90-step run") {
		t.Errorf("Code:\n%s", code)
	}
	if code, _ := Code(src, 100, "timm"); !strings.Contains(code, "lrs[(t + 1) * 4 - 1]") {
		t.Errorf("Code in timm:\n%s", code)
	}

	// Every kind with units goes through all three without a panic.
	for _, k := range Kinds() {
		for _, u := range []Units{perEpoch(7), perMicro(3)} {
			spec, s := unitsSpec(t, k.Example, u, k.ExampleSteps)
			if s == nil {
				continue
			}
			if _, err := Lint(s, k.ExampleSteps); err != nil {
				t.Errorf("%s: Lint: %v", spec, err)
			}
			Translate(s, k.ExampleSteps)
			if _, err := Code(s, k.ExampleSteps, ""); err != nil {
				t.Errorf("%s: Code: %v", spec, err)
			}
		}
	}
}

// ExampleSchedule_InUnits shows CosineAnnealingLR with T_max = 4 stepped
// once per epoch of 3 optimizer steps: a staircase, each epoch's lr held
// for its 3 steps, eta_min in epoch 4.
func ExampleSchedule_InUnits() {
	s, err := Parse([]byte(`{"kind": "torch.CosineAnnealingLR", "lr": 0.1, "T_max": 4}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	u := Units{StepsPerEpoch: 3, Accumulation: 1, Stepping: PerEpoch}
	s, err = s.InUnits(u)
	if err != nil {
		fmt.Println(err)
		return
	}
	lrs, _ := s.Values(15)
	for i, lr := range lrs {
		fmt.Printf("step %2d, epoch %.2f, call %d: %.4f\n", i, u.Epoch(int64(i)), u.Call(int64(i)), lr)
	}
	// Output:
	// step  0, epoch 0.00, call 0: 0.1000
	// step  1, epoch 0.33, call 0: 0.1000
	// step  2, epoch 0.67, call 0: 0.1000
	// step  3, epoch 1.00, call 1: 0.0854
	// step  4, epoch 1.33, call 1: 0.0854
	// step  5, epoch 1.67, call 1: 0.0854
	// step  6, epoch 2.00, call 2: 0.0500
	// step  7, epoch 2.33, call 2: 0.0500
	// step  8, epoch 2.67, call 2: 0.0500
	// step  9, epoch 3.00, call 3: 0.0146
	// step 10, epoch 3.33, call 3: 0.0146
	// step 11, epoch 3.67, call 3: 0.0146
	// step 12, epoch 4.00, call 4: 0.0000
	// step 13, epoch 4.33, call 4: 0.0000
	// step 14, epoch 4.67, call 4: 0.0000
}
