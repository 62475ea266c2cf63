package core

import (
	"math"
	"strings"
	"testing"
)

// Exact reference values were printed by python3 running a transcription of
// keras/src/optimizers/schedules/learning_rate_schedule.py (keras-team/keras)
// in which every tensor operation is rounded to float32 with
// struct.unpack('f', struct.pack('f', x)) and cos/log/pow are
// float32(math.cos(x)) etc. Each is compared exactly. The keras test values
// (learning_rate_schedule_test.py) come from float64 numpy reference
// functions and are compared within that test's tolerance, 1e-6.

func kerasDecaySpec(params string) string { return `{"kind":"keras.CosineDecay",` + params + `}` }
func kerasRestartsSpec(params string) string {
	return `{"kind":"keras.CosineDecayRestarts",` + params + `}`
}

// kerasNpCosineDecay is CosineDecayTest.np_cosine_decay.
func kerasNpCosineDecay(step, decaySteps, alpha float64) float64 {
	step = min(step, decaySteps)
	decay := 0.5 * (1.0 + math.Cos(math.Pi*step/decaySteps))
	return (1.0-alpha)*decay + alpha
}

// kerasNpCosineDecayRestarts is CosineDecayRestartsTest.np_cosine_decay_restarts.
func kerasNpCosineDecayRestarts(step, decaySteps, tMul, mMul, alpha float64) float64 {
	fac := 1.0
	for step >= decaySteps {
		step -= decaySteps
		decaySteps *= tMul
		fac *= mMul
	}
	decay := fac * 0.5 * (1.0 + math.Cos(math.Pi*step/decaySteps))
	return (1.0-alpha)*decay + alpha
}

// TestKerasFrameworkTests replays keras's CosineDecayTest and
// CosineDecayRestartsTest (learning_rate_schedule_test.py) with their
// numpy reference functions and assertAllClose tolerance.
func TestKerasFrameworkTests(t *testing.T) {
	type row struct {
		name, spec string
		want       func(step float64) float64
		steps      []int
	}
	every250 := func(n int) []int {
		var s []int
		for i := 0; i < n; i += 250 {
			s = append(s, i)
		}
		return s
	}
	rows := []row{
		{"CosineDecayTest.test_decay", kerasDecaySpec(`"initial_learning_rate":1,"decay_steps":1000`),
			func(s float64) float64 { return kerasNpCosineDecay(s, 1000, 0) }, every250(1500)},
		{"CosineDecayTest.test_alpha", kerasDecaySpec(`"initial_learning_rate":1,"decay_steps":1000,"alpha":0.1`),
			func(s float64) float64 { return kerasNpCosineDecay(s, 1000, 0.1) }, every250(1500)},
		// linear_warmup returns completed_fraction·total_delta (initial_lr is 0 there).
		{"CosineDecayTest.test_warmup", kerasDecaySpec(`"initial_learning_rate":0,"decay_steps":10,"warmup_target":10,"warmup_steps":1500`),
			func(s float64) float64 { return s / 1500 * 10 }, every250(1500)},
		{"CosineDecayTest.test_warmup_decay", kerasDecaySpec(`"initial_learning_rate":0,"decay_steps":1000,"warmup_target":10,"warmup_steps":2000`),
			func(s float64) float64 {
				if s < 2000+1 {
					return s / 2000 * 10
				}
				return 10 * kerasNpCosineDecay(s-2000, 1000, 0)
			}, every250(3000)},
		{"CosineDecayRestartsTest.test_decay", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":1000`),
			func(s float64) float64 { return kerasNpCosineDecayRestarts(s, 1000, 2, 1, 0) }, every250(1500)},
		{"CosineDecayRestartsTest.test_alpha", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":1000,"alpha":0.1`),
			func(s float64) float64 { return kerasNpCosineDecayRestarts(s, 1000, 2, 1, 0.1) }, every250(1500)},
		{"CosineDecayRestartsTest.test_mmul", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":1000,"m_mul":0.9`),
			func(s float64) float64 { return kerasNpCosineDecayRestarts(s, 1000, 2, 0.9, 0) }, every250(1500)},
		{"CosineDecayRestartsTest.test_tmul", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":1000,"t_mul":1`),
			func(s float64) float64 { return kerasNpCosineDecayRestarts(s, 1000, 1, 1, 0) }, every250(1500)},
	}
	for _, r := range rows {
		v := mustValues(t, r.spec, 3000)
		for _, s := range r.steps {
			// assertAllClose: |got − want| ≤ atol + rtol·|want| with atol = rtol = 1e-6.
			if want := r.want(float64(s)); math.Abs(v[s]-want) > 1e-6+1e-6*math.Abs(want) {
				t.Errorf("%s: step %d = %.9g, want %.9g", r.name, s, v[s], want)
			}
		}
	}
}

func TestKerasCosineDecayPoints(t *testing.T) {
	tests := []struct {
		params string
		want   map[int]float64
	}{
		// Hand-computed in float32: decay_steps 2, step 1: π₃₂·0.5 = 1.5707964, cos = −4.371139e−8,
		// 1 + that rounds to 0.99999994, ·0.5 = 0.49999997 (0.4999999701976776 as float64).
		{`"initial_learning_rate":1,"decay_steps":2`, map[int]float64{0: 1, 1: 0.4999999701976776, 2: 0, 5: 0}},
		{`"initial_learning_rate":1,"decay_steps":1000`, map[int]float64{0: 1.0, 250: 0.8535534143447876,
			500: 0.4999999701976776, 750: 0.1464466154575348, 1000: 0.0, 1250: 0.0}},
		// alpha 0.1: (1 − 0.1) is a Python float, converted to float32 after the subtraction.
		{`"initial_learning_rate":1,"decay_steps":1000,"alpha":0.1`, map[int]float64{0: 1.0, 250: 0.8681980967521667,
			500: 0.5499999523162842, 750: 0.23180195689201355, 1000: 0.10000000149011612, 1250: 0.10000000149011612}},
		{`"initial_learning_rate":0,"decay_steps":1000,"warmup_target":10,"warmup_steps":2000`, map[int]float64{
			0: 0.0, 250: 1.25, 1000: 5.0, 1750: 8.75, 2000: 10.0, 2250: 8.535533905029297, 2500: 4.999999523162842,
			2750: 1.4644660949707031, 2999: 2.473592758178711e-05, 3000: 0}},
		// keras CosineDecayTest.test_config's schedule: 0.05 warms to 0.2 in 2 steps, decays over 10 to 0.02.
		{`"initial_learning_rate":0.05,"decay_steps":10,"alpha":0.1,"warmup_target":0.2,"warmup_steps":2`, map[int]float64{
			0: 0.05000000074505806, 1: 0.125, 2: 0.20000000298023224, 3: 0.19559508562088013, 7: 0.10999999195337296,
			11: 0.024404916912317276, 12: 0.020000001415610313, 13: 0.020000001415610313}},
		// Above 2^24 float32(step) rounds: steps 2^24 and 2^24+1 share a value.
		{`"initial_learning_rate":1,"decay_steps":33554439`, map[int]float64{16777216: 0.5000001788139343,
			16777217: 0.5000001788139343, 16777218: 0.5000001192092896, 16777219: 0.4999999701976776}},
	}
	for _, tt := range tests {
		s := mustParse(t, kerasDecaySpec(tt.params))
		for i, want := range tt.want {
			n := int64(i) + 1
			if got := s.At(int64(i), n); got != want {
				t.Errorf("%s: step %d = %.17g, want %.17g", tt.params, i, got, want)
			}
		}
		if len(tt.want) > 0 && !strings.Contains(tt.params, "33554439") {
			checkPoints(t, kerasDecaySpec(tt.params), 3001, tt.want, 0)
		}
	}
}

func TestKerasCosineDecayRestartsPoints(t *testing.T) {
	tests := []struct {
		params string
		want   map[int]float64
	}{
		{`"initial_learning_rate":1,"first_decay_steps":1000`, map[int]float64{0: 1.0, 250: 0.8535534143447876,
			500: 0.4999999701976776, 750: 0.1464466154575348, 1000: 1.0, 1250: 0.9619397521018982}},
		{`"initial_learning_rate":1,"first_decay_steps":1000,"m_mul":0.9`, map[int]float64{1000: 0.8999999761581421,
			1250: 0.8657457828521729}},
		{`"initial_learning_rate":1,"first_decay_steps":1000,"t_mul":1`, map[int]float64{1000: 1.0, 1250: 0.8535534143447876}},
		// keras CosineDecayRestartsTest.test_config's schedule: t_mul 3, m_mul 4: cycles of 10, 30, 90 steps
		// peaking at 0.05·(0.9·4^k + 0.1).
		{`"initial_learning_rate":0.05,"first_decay_steps":10,"alpha":0.1,"t_mul":3,"m_mul":4`, map[int]float64{
			0: 0.05000000074505806, 5: 0.02749999798834324, 9: 0.006101229228079319, 10: 0.1849999874830246,
			11: 0.18450695276260376, 39: 0.005493027623742819, 40: 0.7250000238418579, 41: 0.7247807383537292,
			130: 2.884999990463257}},
		// t_mul 1, three-step cycles: g = f − floor(f) in float32 is not exactly 1/3, 2/3.
		{`"initial_learning_rate":0.1,"first_decay_steps":3,"t_mul":1`, map[int]float64{0: 0.10000000149011612,
			1: 0.07500000298023224, 2: 0.02499999664723873, 3: 0.10000000149011612, 4: 0.07499999552965164,
			5: 0.025000005960464478, 6: 0.10000000149011612, 7: 0.07500001043081284}},
	}
	for _, tt := range tests {
		checkPoints(t, kerasRestartsSpec(tt.params), 1300, tt.want, 0)
	}
}

// TestKerasSpecialCases has a row per line of the kinds' "Special cases are".
func TestKerasSpecialCases(t *testing.T) {
	tests := []struct {
		name, spec string
		steps      int
		check      func(v []float64) bool
	}{
		{"warmup_target null ignores warmup_steps", kerasDecaySpec(`"initial_learning_rate":0.5,"decay_steps":10,"warmup_steps":100`), 2,
			func(v []float64) bool { return v[0] == 0.5 && v[1] < 0.5 }},
		{"warmup_steps 0: decay from warmup_target", kerasDecaySpec(`"initial_learning_rate":0.5,"decay_steps":10,"warmup_target":0.25`), 2,
			func(v []float64) bool { return v[0] == 0.25 && v[1] < 0.25 }},
		{"past the end: alpha·peak", kerasDecaySpec(`"initial_learning_rate":0.5,"decay_steps":10,"alpha":0.5`), 100,
			func(v []float64) bool { return v[10] == 0.25 && v[99] == 0.25 }},
		{"alpha 0: exactly 0", kerasDecaySpec(`"initial_learning_rate":0.5,"decay_steps":10`), 12,
			func(v []float64) bool { return v[10] == 0 && v[11] == 0 }},
		{"alpha > 1 rises", kerasDecaySpec(`"initial_learning_rate":0.5,"decay_steps":10,"alpha":2`), 12,
			func(v []float64) bool { return v[0] == 0.5 && v[5] > 0.5 && v[11] == 1 }},
		{"t_mul within float32 rounding of 1", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":10,"t_mul":1.00000001`), 25,
			func(v []float64) bool { return v[10] == 1 && v[20] == 1 }},
		{"k in float32: a restart a step off", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":10,"t_mul":1.3`), 25,
			func(v []float64) bool {
				return v[22] == 0.014529049396514893 && v[23] == 0 && v[24] == 0.9913856983184814
			}},
		{"m_mul 0: alpha after the first cycle", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":10,"m_mul":0,"alpha":0.5`), 50,
			func(v []float64) bool { return v[10] == 0.5 && v[49] == 0.5 && v[9] > 0.5 }},
		{"m_mul > 1: peaks grow", kerasRestartsSpec(`"initial_learning_rate":1,"first_decay_steps":2,"t_mul":1,"m_mul":2`), 5,
			func(v []float64) bool { return v[0] == 1 && v[2] == 2 && v[4] == 4 }},
	}
	for _, tt := range tests {
		if v := mustValues(t, tt.spec, tt.steps); !tt.check(v) {
			t.Errorf("%s: %s gives %v", tt.name, tt.spec, v)
		}
	}
}

func TestKerasErrors(t *testing.T) {
	tests := []struct {
		spec, param, want string
	}{
		{kerasDecaySpec(`"decay_steps":10`), "initial_learning_rate", "missing"},
		{kerasDecaySpec(`"initial_learning_rate":0.1`), "decay_steps", "missing"},
		// keras: "Argument `decay_steps` must be > 0."
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":0`), "decay_steps", "out of range"},
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":1.5`), "decay_steps", "whole number"},
		{kerasDecaySpec(`"initial_learning_rate":-0.1,"decay_steps":10`), "initial_learning_rate", "out of range"},
		{kerasDecaySpec(`"initial_learning_rate":1e39,"decay_steps":10`), "initial_learning_rate", "out of range"},
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":10,"alpha":-0.5`), "alpha", "out of range"},
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":10,"alpha":1e39`), "alpha", "overflows float32"},
		{kerasDecaySpec(`"initial_learning_rate":3e38,"decay_steps":10,"alpha":2`), "alpha", "overflows float32"},
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":10,"warmup_target":-1`), "warmup_target", "out of range"},
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":10,"warmup_steps":-1`), "warmup_steps", "out of range"},
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":10,"name":"x"`), "name", "unknown parameter"},
		{kerasRestartsSpec(`"initial_learning_rate":0.1`), "first_decay_steps", "missing"},
		// keras: "Argument `first_decay_steps` must be > 0."
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":0`), "first_decay_steps", "out of range"},
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":0`), "t_mul", "out of range"},
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":2e6`), "t_mul", "out of range"},
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":10,"m_mul":-1`), "m_mul", "out of range"},
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":10,"alpha":1e39`), "alpha", "overflows float32"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
	// Runs where Keras's value is not finite: the first bad step found by the float32 Python replay.
	for _, tt := range []struct {
		params string
		steps  int64
		want   string
	}{
		{`"initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":0.5`, 20, "NaN"},
		{`"initial_learning_rate":0.1,"first_decay_steps":100,"t_mul":0.9`, 1000, "NaN"},
		{`"initial_learning_rate":0.1,"first_decay_steps":1,"t_mul":1,"m_mul":2`, 128, "overflow"},
	} {
		wantLongestRun(t, mustParse(t, kerasRestartsSpec(tt.params)), tt.params, tt.steps, tt.want)
	}
}

func TestKerasEvents(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		want  []Event
	}{
		{kerasDecaySpec(`"initial_learning_rate":0,"decay_steps":900,"warmup_target":0.1,"warmup_steps":100`), 1200,
			[]Event{{100, WarmupEnd}, {1000, Boundary}}},
		{kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":900`), 1200, []Event{{900, Boundary}}},
		// Cycle starts where the float32 index grows (found by the Python replay).
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":100`), 3000,
			[]Event{{100, Restart}, {300, Restart}, {700, Restart}, {1500, Restart}}},
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":3`), 1300,
			[]Event{{10, Restart}, {40, Restart}, {130, Restart}, {400, Restart}, {1210, Restart}}},
		// float32(1.3) is below 1.3, yet the float32 index puts the second restart at 24, a step after
		// ceil(10·(1 + float32(1.3))) = 23.
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":1.3`), 100,
			[]Event{{10, Restart}, {24, Restart}, {40, Restart}, {62, Restart}, {91, Restart}}},
		{kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":7,"t_mul":1.5`), 346,
			[]Event{{7, Restart}, {18, Restart}, {34, Restart}, {57, Restart}, {93, Restart}, {146, Restart}, {226, Restart}, {345, Restart}}},
	}
	for _, tt := range tests {
		wantEvents(t, tt.spec, int64(tt.steps), tt.want)
	}
	for _, spec := range []string{
		kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":1`),
		kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":500,"alpha":0.2`),
		kerasDecaySpec(`"initial_learning_rate":0.3,"decay_steps":300,"warmup_target":0.1,"warmup_steps":200`),
		kerasDecaySpec(`"initial_learning_rate":0,"decay_steps":2000,"warmup_target":0.1,"warmup_steps":50,"alpha":3`),
		kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":1`),
		kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":3,"t_mul":1`),
		kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":5,"t_mul":1.3,"m_mul":0.7,"alpha":0.1`),
		kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":60,"t_mul":0.95`),
		kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":1.05,"m_mul":1.02`),
	} {
		steps := 1000
		if err := mustParse(t, spec).CheckSteps(1000); err != nil {
			steps = 500
		}
		checkEventContract(t, spec, steps)
	}
}

// TestKerasHuge checks At, Events and CheckSteps at 10^12 steps.
func TestKerasHuge(t *testing.T) {
	for _, spec := range []string{
		kerasDecaySpec(`"initial_learning_rate":0.1,"decay_steps":999999999999,"warmup_target":1,"warmup_steps":1`),
		kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":1,"t_mul":1`),
		kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":1,"t_mul":1.0001`),
	} {
		s := mustParse(t, spec)
		n := MaxSteps
		if err := s.CheckSteps(n); err != nil {
			t.Errorf("%s: %v", spec, err)
		}
		for _, i := range []int64{0, n / 3, n - 2, n - 1} {
			if v := s.At(i, n); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Errorf("%s: At(%d) = %g", spec, i, v)
			}
		}
		for range s.Events(n, n-1_000_000, n) {
		}
	}
	// float32(step) is 2^39 for every step near 10^12 ± 2^15: t_mul 1, one-step cycles restart
	// only where the float32 value changes.
	s := mustParse(t, kerasRestartsSpec(`"initial_learning_rate":0.1,"first_decay_steps":1,"t_mul":1`))
	count := 0
	for range s.Events(MaxSteps, MaxSteps-1_000_000, MaxSteps) {
		count++
	}
	if count == 0 || count > 100 {
		t.Errorf("float32 steps near 10^12: %d restarts in 10^6 steps", count)
	}
}
