package core

import (
	"math"
	"testing"
)

// Tests of keras.ExponentialDecay, keras.PolynomialDecay and
// keras.InverseTimeDecay. Exact reference values were printed by python3
// running a transcription of their __call__ (keras-team/keras,
// keras/src/optimizers/schedules/learning_rate_schedule.py) in which every
// tensor operation is rounded to float32 with struct.unpack('f',
// struct.pack('f', x)) and pow is float32(math.pow(x, y)), as in
// keras_test.go; they are compared exactly.

func init() {
	// Specs whose events stress Downsample (see downsampleSpecs): staircases of
	// one and three steps, a growing lr, cycles of two steps, a rising decay.
	downsampleSpecs["keras.ExponentialDecay"] = []string{
		`{"kind":"keras.ExponentialDecay","initial_learning_rate":0.1,"decay_steps":1,"decay_rate":0.5,"staircase":true}`,
		`{"kind":"keras.ExponentialDecay","initial_learning_rate":0.1,"decay_steps":3,"decay_rate":0.9,"staircase":true}`,
		`{"kind":"keras.ExponentialDecay","initial_learning_rate":1e-6,"decay_steps":1000,"decay_rate":1.5}`,
	}
	downsampleSpecs["keras.PolynomialDecay"] = []string{
		`{"kind":"keras.PolynomialDecay","initial_learning_rate":0.1,"decay_steps":1}`,
		`{"kind":"keras.PolynomialDecay","initial_learning_rate":0.1,"decay_steps":2,"cycle":true}`,
		`{"kind":"keras.PolynomialDecay","initial_learning_rate":0.1,"decay_steps":7,"power":0.5,"cycle":true}`,
		`{"kind":"keras.PolynomialDecay","initial_learning_rate":0.001,"decay_steps":300,"end_learning_rate":0.1,"power":3}`,
	}
	downsampleSpecs["keras.InverseTimeDecay"] = []string{
		`{"kind":"keras.InverseTimeDecay","initial_learning_rate":0.1,"decay_steps":1,"decay_rate":1,"staircase":true}`,
		`{"kind":"keras.InverseTimeDecay","initial_learning_rate":0.1,"decay_steps":5,"decay_rate":0.3,"staircase":true}`,
		`{"kind":"keras.InverseTimeDecay","initial_learning_rate":0.1,"decay_steps":100,"decay_rate":1e30}`,
	}
}

func kerasExpSpec(p string) string  { return `{"kind":"keras.ExponentialDecay",` + p + `}` }
func kerasPolySpec(p string) string { return `{"kind":"keras.PolynomialDecay",` + p + `}` }
func kerasInvSpec(p string) string  { return `{"kind":"keras.InverseTimeDecay",` + p + `}` }

func TestKerasDecayPoints(t *testing.T) {
	tests := []struct {
		spec string
		want map[int]float64
	}{
		// Hand: staircase halves at 100, 200, ...: 0.1·0.5^4 at 499; float32(0.1) = 0.10000000149011612.
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":100,"decay_rate":0.5,"staircase":true`), map[int]float64{
			0: 0.10000000149011612, 1: 0.10000000149011612, 99: 0.10000000149011612, 100: 0.05000000074505806,
			150: 0.05000000074505806, 200: 0.02500000037252903, 499: 0.0062500000931322575}},
		// Hand: step 50 is 0.1·0.5^0.5 = 0.0707106…; step 100 exactly half.
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":100,"decay_rate":0.5`), map[int]float64{
			0: 0.10000000149011612, 1: 0.09930925071239471, 50: 0.0707106813788414, 99: 0.05034777522087097,
			100: 0.05000000074505806, 150: 0.0353553406894207, 499: 0.0031467366497963667}},
		// Hand: decay_rate 2 each step: 2^10 = 1024 at step 10, 2^127 at 127 (float32's largest power of two).
		{kerasExpSpec(`"initial_learning_rate":1,"decay_steps":1,"decay_rate":2`), map[int]float64{
			0: 1, 1: 2, 10: 1024, 127: 1.7014118346046923e+38}},
		// Hand: power 2, step 400 of 800: (0.1 − 0.001)·0.25 + 0.001 = 0.02575; from 800 on end_learning_rate.
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":800,"end_learning_rate":0.001,"power":2`), map[int]float64{
			0: 0.10000000149011612, 1: 0.09975264966487885, 400: 0.025750000029802322, 799: 0.0010001547634601593,
			800: 0.0010000000474974513, 999: 0.0010000000474974513}},
		// Hand, cycle: step 15 decays over 20: (0.05 − 0.001)·0.25 + 0.001 = 0.01325; step 10, 20, 30 are the end;
		// step 11 over 20: 0.049·0.45 + 0.001 = 0.02305; step 21 over 30: 0.049·0.3 + 0.001 = 0.0157.
		{kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001,"cycle":true`), map[int]float64{
			0: 0.05000000074505806, 1: 0.045099999755620956, 5: 0.02550000138580799, 10: 0.0010000000474974513,
			11: 0.02305000089108944, 15: 0.013250000774860382, 20: 0.0010000000474974513, 21: 0.015700001269578934,
			30: 0.0010000000474974513, 31: 0.012025001458823681}},
		// Hand: power 0.5, step 5 of 10: 0.05·√0.5 = 0.035355…; step 10 is 0.
		{kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0,"power":0.5`), map[int]float64{
			0: 0.05000000074505806, 3: 0.041833002120256424, 5: 0.0353553406894207, 7: 0.027386128902435303, 10: 0}},
		// The default end_learning_rate 0.0001; float32(1 − 1/3) is not 2/3.
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":3`), map[int]float64{
			0: 0.10000000149011612, 1: 0.06669999659061432, 2: 0.033399999141693115, 3: 9.999999747378752e-05}},
		// Hand: step 50: 0.1/(1 + 0.5·0.5) = 0.08; step 100: 0.1/1.5.
		{kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":100,"decay_rate":0.5`), map[int]float64{
			0: 0.10000000149011612, 1: 0.09950248897075653, 50: 0.07999999821186066, 100: 0.06666667014360428,
			999: 0.01668056845664978}},
		// Hand, staircase: step 250 is 0.1/(1 + 0.5·2) = 0.05; step 999: 0.1/(1 + 0.5·9) = 0.1/5.5.
		{kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":100,"decay_rate":0.5,"staircase":true`), map[int]float64{
			0: 0.10000000149011612, 99: 0.10000000149011612, 100: 0.06666667014360428, 250: 0.05000000074505806,
			999: 0.0181818176060915}},
	}
	for _, tt := range tests {
		n := 0
		for i := range tt.want {
			n = max(n, i+1)
		}
		checkPoints(t, tt.spec, n, tt.want, 0)
		s := mustParse(t, tt.spec)
		for i, want := range tt.want {
			if got := s.At(int64(i), int64(n)); got != want {
				t.Errorf("%s: At(%d) = %.17g, want %.17g", tt.spec, i, got, want)
			}
		}
	}
}

// TestKerasDecayFrameworkTests replays keras's ExponentialDecayTest,
// LinearDecayTest, SqrtDecayTest and InverseTimeDecayTest
// (learning_rate_schedule_test.py) with their assertAllClose tolerance.
func TestKerasDecayFrameworkTests(t *testing.T) {
	type row struct {
		name, spec string
		step       int
		want       float64
	}
	lr, end := 0.05, 0.001
	rows := []row{
		{"ExponentialDecayTest.test_continuous", kerasExpSpec(`"initial_learning_rate":0.05,"decay_steps":10,"decay_rate":0.96`), 5, 0.05 * math.Pow(0.96, 0.5)},
		{"ExponentialDecayTest.test_staircase 1", kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":3,"decay_rate":0.96,"staircase":true`), 1, 0.1},
		{"ExponentialDecayTest.test_staircase 2", kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":3,"decay_rate":0.96,"staircase":true`), 2, 0.1},
		{"ExponentialDecayTest.test_staircase 100", kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":3,"decay_rate":0.96,"staircase":true`), 100, 0.1 * math.Pow(0.96, 33)},
		{"LinearDecayTest.test_halfway", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0`), 5, lr * 0.5},
		{"LinearDecayTest.test_end", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001`), 10, end},
		{"LinearDecayTest.test_halfway_with_end", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001`), 5, (lr + end) * 0.5},
		{"LinearDecayTest.test_beyond_end", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001`), 15, end},
		{"LinearDecayTest.test_beyond_end_with_cycle", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001,"cycle":true`), 15, (lr-end)*0.25 + end},
		{"SqrtDecayTest.test_halfway", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0,"power":0.5`), 5, lr * math.Pow(0.5, 0.5)},
		{"SqrtDecayTest.test_end", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001,"power":0.5`), 10, end},
		{"SqrtDecayTest.test_halfway_with_end", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001,"power":0.5`), 5, (lr-end)*math.Pow(0.5, 0.5) + end},
		{"SqrtDecayTest.test_beyond_end", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001,"power":0.5`), 15, end},
		{"SqrtDecayTest.test_beyond_end_with_cycle", kerasPolySpec(`"initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001,"power":0.5,"cycle":true`), 15, (lr-end)*math.Pow(0.25, 0.5) + end},
		{"SqrtDecayTest.test_begin_with_cycle", kerasPolySpec(`"initial_learning_rate":0.001,"decay_steps":10,"cycle":true`), 0, 0.001},
	}
	for i := 0; i <= 10; i++ {
		rows = append(rows,
			row{"InverseTimeDecayTest.test_decay", kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.96`), i, 0.1 / (1 + float64(i)/10*0.96)},
			row{"InverseTimeDecayTest.test_staircase", kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.96,"staircase":true`), i, 0.1 / (1 + 0.96*float64(i/10))})
	}
	for _, r := range rows {
		v := mustValues(t, r.spec, 101)
		// assertAllClose(x, y, 1e-6): |got − want| ≤ atol + rtol·|want| with atol = rtol = 1e-6.
		if math.Abs(v[r.step]-r.want) > 1e-6+1e-6*math.Abs(r.want) {
			t.Errorf("%s: step %d = %.9g, want %.9g", r.name, r.step, v[r.step], r.want)
		}
	}
}

// TestKerasDecaySpecialCases has a row per line of the kinds' "Special cases are".
func TestKerasDecaySpecialCases(t *testing.T) {
	tests := []struct {
		name, spec string
		steps      int
		check      func(v []float64) bool
	}{
		{"exp decay_rate 1", kerasExpSpec(`"initial_learning_rate":0.5,"decay_steps":3,"decay_rate":1`), 10,
			func(v []float64) bool { return v[0] == 0.5 && v[9] == 0.5 }},
		{"exp decay_rate 0", kerasExpSpec(`"initial_learning_rate":0.5,"decay_steps":3,"decay_rate":0`), 4,
			func(v []float64) bool { return v[0] == 0.5 && v[1] == 0 && v[3] == 0 }},
		{"exp decay_rate 0 staircase", kerasExpSpec(`"initial_learning_rate":0.5,"decay_steps":3,"decay_rate":0,"staircase":true`), 4,
			func(v []float64) bool { return v[2] == 0.5 && v[3] == 0 }},
		{"poly power 0", kerasPolySpec(`"initial_learning_rate":0.5,"decay_steps":3,"power":0`), 10,
			func(v []float64) bool { return v[0] == 0.5 && v[3] == 0.5 && v[9] == 0.5 }},
		{"poly rising", kerasPolySpec(`"initial_learning_rate":0,"decay_steps":4,"end_learning_rate":0.5`), 6,
			func(v []float64) bool { return v[0] == 0 && v[2] == 0.25 && v[4] == 0.5 && v[5] == 0.5 }},
		{"poly cycle decay_steps 1", kerasPolySpec(`"initial_learning_rate":0.5,"decay_steps":1,"end_learning_rate":0.25,"cycle":true`), 10,
			func(v []float64) bool { return v[0] == 0.5 && v[1] == 0.25 && v[9] == 0.25 }},
		{"inv decay_rate 0", kerasInvSpec(`"initial_learning_rate":0.5,"decay_steps":3,"decay_rate":0`), 10,
			func(v []float64) bool { return v[0] == 0.5 && v[9] == 0.5 }},
		{"inv denominator +Inf", kerasInvSpec(`"initial_learning_rate":0.5,"decay_steps":1,"decay_rate":3e38`), 3,
			func(v []float64) bool { return v[0] == 0.5 && v[2] == 0 }},
	}
	for _, tt := range tests {
		if v := mustValues(t, tt.spec, tt.steps); !tt.check(v) {
			t.Errorf("%s: %s gives %v", tt.name, tt.spec, v)
		}
	}
	// Above 2^24 float32(step) rounds: steps 2^24 and 2^24 + 1 share a value.
	s := mustParse(t, kerasInvSpec(`"initial_learning_rate":1,"decay_steps":1000,"decay_rate":1`))
	if a, b := s.At(1<<24, 1<<25), s.At(1<<24+1, 1<<25); a != b {
		t.Errorf("float32 steps: %v ≠ %v", a, b)
	}
}

func TestKerasDecayErrors(t *testing.T) {
	tests := []struct {
		spec, param, want string
	}{
		{kerasExpSpec(`"decay_steps":10,"decay_rate":0.5`), "initial_learning_rate", "missing"},
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_rate":0.5`), "decay_steps", "missing"},
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":10`), "decay_rate", "missing"},
		// keras: "Argument `decay_steps` must be > 0."
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":0,"decay_rate":0.5`), "decay_steps", "out of range"},
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":-0.5`), "decay_rate", "out of range"},
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":1e39`), "decay_rate", "out of range"},
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.5,"staircase":1`), "staircase", "not a boolean"},
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.5,"name":"x"`), "name", "unknown parameter"},
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":0`), "decay_steps", "out of range"},
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":2.5`), "decay_steps", "whole number"},
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":10,"power":-1`), "power", "out of range"},
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":10,"end_learning_rate":-1`), "end_learning_rate", "out of range"},
		{kerasPolySpec(`"initial_learning_rate":1e39,"decay_steps":10`), "initial_learning_rate", "out of range"},
		{kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":0,"decay_rate":1`), "decay_steps", "out of range"},
		{kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":-1`), "decay_rate", "out of range"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
	// The float32 transcription overflows at step 128: 2^128 is past float32's largest value.
	spec := kerasExpSpec(`"initial_learning_rate":1,"decay_steps":1,"decay_rate":2`)
	wantLongestRun(t, mustParse(t, spec), spec, 128, "overflow float32")
	// 3e38·2^(i/1000) passes 3.4e38 where 2^(i/1000) passes 1.134: from step 182 (float32 replay).
	spec = kerasExpSpec(`"initial_learning_rate":3e38,"decay_steps":1000,"decay_rate":2`)
	wantLongestRun(t, mustParse(t, spec), spec, 182, "step 182")
	// cycle past 2^24 steps, where float32 can put step/decay_steps past 1.
	spec = kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":7,"power":0.5,"cycle":true`)
	wantLongestRun(t, mustParse(t, spec), spec, 1<<24, "at most 16777216 steps")
}

func TestKerasDecayEvents(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		want  []Event
	}{
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":800`), 1000, []Event{{800, Boundary}}},
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":800`), 800, nil},
		// Cycles: the lr is end_learning_rate at each multiple of 10 and jumps the step after.
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":10,"cycle":true`), 42,
			[]Event{{11, Restart}, {21, Restart}, {31, Restart}, {41, Restart}}},
		{kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":1,"cycle":true`), 42, nil},
		{kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.5,"staircase":true`), 100, nil},
		{kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.5,"staircase":true`), 100, nil},
	}
	for _, tt := range tests {
		wantEvents(t, tt.spec, tt.steps, tt.want)
	}
	for _, specs := range []string{"keras.ExponentialDecay", "keras.PolynomialDecay", "keras.InverseTimeDecay"} {
		for _, spec := range downsampleSpecs[specs] {
			checkEventContract(t, spec, 1000)
		}
	}
	checkEventContract(t, kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":3,"end_learning_rate":0.2,"cycle":true,"power":2`), 1000)
}

// TestKerasDecayHuge checks At, Events and CheckSteps at 10^12 steps.
func TestKerasDecayHuge(t *testing.T) {
	for _, spec := range []string{
		kerasExpSpec(`"initial_learning_rate":0.1,"decay_steps":1000000,"decay_rate":0.99`),
		kerasPolySpec(`"initial_learning_rate":0.1,"decay_steps":999999999999`),
		kerasInvSpec(`"initial_learning_rate":0.1,"decay_steps":1,"decay_rate":1`),
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
		count := 0
		for range s.Events(n, n-1_000_000, n) {
			count++
		}
		if count > 1_000_000 {
			t.Errorf("%s: %d events in 10^6 steps", spec, count)
		}
	}
}

func TestKerasDecayImport(t *testing.T) {
	tests := []struct{ src, want string }{
		{`lr_schedule = keras.optimizers.schedules.ExponentialDecay(1e-2, decay_steps=10000, decay_rate=0.9)`,
			`{"kind":"keras.ExponentialDecay","initial_learning_rate":0.01,"decay_steps":10000,"decay_rate":0.9}`},
		{`tf.keras.optimizers.schedules.ExponentialDecay(0.1, 100000, 0.96, staircase=True)`,
			`{"kind":"keras.ExponentialDecay","initial_learning_rate":0.1,"decay_steps":100000,"decay_rate":0.96,"staircase":true}`},
		{`learning_rate_fn = keras.optimizers.schedules.PolynomialDecay(0.1, 10000, 0.01, power=0.5)`,
			`{"kind":"keras.PolynomialDecay","initial_learning_rate":0.1,"decay_steps":10000,"end_learning_rate":0.01,"power":0.5}`},
		{`PolynomialDecay(0.05, 10, 0.001, 1.0, True, "poly")`,
			`{"kind":"keras.PolynomialDecay","initial_learning_rate":0.05,"decay_steps":10,"end_learning_rate":0.001,"power":1,"cycle":true}`},
		{`keras.optimizers.schedules.InverseTimeDecay(0.1, 1.0, 0.5)`,
			`{"kind":"keras.InverseTimeDecay","initial_learning_rate":0.1,"decay_steps":1,"decay_rate":0.5}`},
	}
	for _, tt := range tests {
		got, _, err := ImportCode(tt.src)
		if err != nil || string(got) != tt.want {
			t.Errorf("ImportCode(%s) = %s, %v; want %s", tt.src, got, err, tt.want)
		}
	}
}
