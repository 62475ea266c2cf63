package core

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func init() {
	// Specs whose events stress Downsample (see downsampleSpecs): a period of
	// two steps, an upside-down cosine, flat stretches around the extremes.
	downsampleSpecs["brainpy.CosineAnnealingLR"] = []string{
		`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1}`,
		`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1,"eta_min":0.01}`,
		`{"kind":"brainpy.CosineAnnealingLR","lr":0.01,"T_max":7,"eta_min":0.05}`,
		`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":333,"eta_min":1e-4}`,
		`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":100000,"eta_min":0.1}`,
	}
}

const brainpyTable = `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":0.001}`

// TestBrainpyValues: lr 0.1, T_max 10, eta_min 0.001, bit for bit, as
// derived by hand for this port: numpy's float32 replaying JAX's graph op by
// op, with a correctly rounded float32 cos (float64 cos of the float32
// argument, rounded once; glibc's cosf agrees at every point, numpy's own
// float32 cos differs by an ulp at 8 and 14), checked against mpmath.
// BrainPy itself was not run: XLA's float32 cos may differ in the last bit.
func TestBrainpyValues(t *testing.T) {
	want := []uint32{
		0x3dcccccd, 0x3dc7d69b, 0x3db9705c, 0x3da302e6, 0x3d86c03b, // 0.1, 0.097577296, 0.09054634, 0.07959537, 0.06579634
		0x3d4ed915, 0x3d1031b5, 0x3caf58bf, 0x3c2b45cf, 0x3b604f72, // 0.050499994, ..., 0.003422704
		0x3a83126f, 0x3b604f80, 0x3c2b45d5, 0x3caf58c8, 0x3d1031ba, // f32(0.001) at T_max; 11 is 14 ulp off 9's mirror
		0x3d4ed916, 0x3d86c03d, 0x3da302e7, 0x3db9705c, 0x3dc7d69b,
		0x3dcccccd, 0x3dc7d69b, 0x3db9705a, 0x3da302e6, 0x3d86c03b, // f32(0.1) again at 2·T_max
		0x3d4ed911,
	}
	got := mustValues(t, brainpyTable, len(want))
	for i, w := range want {
		if f := float32(got[i]); float64(f) != got[i] || math.Float32bits(f) != w {
			t.Errorf("step %d = %.17g (%#08x), want %.9g (%#08x)", i, got[i], math.Float32bits(f), math.Float32frombits(w), w)
		}
	}
	// The float64 closed form, for scale: float32 is within 2.2e-6 relative here.
	for i, v := range got {
		ex := 0.001 + 0.099*(1+math.Cos(math.Pi*float64(i)/10))/2
		if !tolerance(v, ex, 2.2e-6) {
			t.Errorf("step %d = %.9g, the float64 closed form %.17g", i, v, ex)
		}
	}
}

// TestBrainpyFrameworkTest: BrainPy's own test, test_cosine_annealing_lr in
// brainpy/dnn/dnn_toolbox_fixes_test.py, with the emulation's exact values.
func TestBrainpyFrameworkTest(t *testing.T) {
	v := mustValues(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":0.0}`, 11)
	if math.Abs(v[0]-0.1) > 1e-5 || math.Abs(v[10]-0.0) > 1e-5 || !(0 <= v[5] && v[5] <= 0.1) {
		t.Errorf("sch(0), sch(10), sch(5) = %g, %g, %g; BrainPy asserts 0.1 ± 1e-5, 0 ± 1e-5, in [0, 0.1]", v[0], v[10], v[5])
	}
	if v[0] != float64(float32(0.1)) || v[10] != 0 || v[5] != 0.04999999701976776 {
		t.Errorf("sch(0), sch(10), sch(5) = %.17g, %.17g, %.17g; want 0.10000000149011612, 0, 0.04999999701976776", v[0], v[10], v[5])
	}
}

// TestBrainpySpecialCases: the "Special cases are" of brainpyCosine.
func TestBrainpySpecialCases(t *testing.T) {
	f32 := func(x float64) float64 { return float64(float32(x)) }
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// lr at 0 and 2·T_max, eta_min at T_max and 3·T_max; T_max/2 is not the midpoint.
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":20,"eta_min":0.001}`, 61,
			map[int]float64{0: f32(0.1), 10: 0.050499994307756424, 20: f32(0.001), 40: f32(0.1), 60: f32(0.001)}},
		// T_max = 1 alternates.
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1,"eta_min":0.01}`, 6,
			map[int]float64{0: f32(0.1), 1: f32(0.01), 2: f32(0.1), 3: f32(0.01), 4: f32(0.1), 5: f32(0.01)}},
		// eta_min = lr: constant.
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.3,"T_max":7,"eta_min":0.3}`, 8,
			map[int]float64{0: f32(0.3), 3: f32(0.3), 7: f32(0.3)}},
		// eta_min > lr: upside down. At 0 (cos = 1) it is f32(eta_min) + f32(lr − eta_min), which
		// is not f32(lr) but 2 ulp below it.
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.01,"T_max":10,"eta_min":0.1}`, 21,
			map[int]float64{0: float64(float32(0.1) + float32(0.01-0.1)), 10: f32(0.1), 20: 0.0099999979138374329}},
		// lr 0: zero throughout.
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0,"T_max":10}`, 11, map[int]float64{0: 0, 5: 0, 10: 0}},
	}
	for _, tt := range tests {
		v := mustValues(t, tt.spec, tt.steps)
		for i, w := range tt.want {
			if v[i] != w {
				t.Errorf("%s: step %d = %.17g, want %.17g", tt.spec, i, v[i], w)
			}
		}
	}
	// Largest values stay finite in float32.
	checkFinite(t, `{"kind":"brainpy.CosineAnnealingLR","lr":1e38,"T_max":3,"eta_min":0}`, 100)
	checkFinite(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0,"T_max":3,"eta_min":1e38}`, 100)
	checkFinite(t, `{"kind":"brainpy.CosineAnnealingLR","lr":1e38,"T_max":9007199254740992,"eta_min":1e38}`, 100, 1<<31)
}

func TestBrainpyParseErrors(t *testing.T) {
	for _, tt := range []struct{ spec, param, want string }{
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":0}`, "T_max",
			`0 is out of range; must be a whole number ≥ 1 (BrainPy raises ValueError(" must be an int bigger than 1, while we got 0"))`},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":-5}`, "T_max", `while we got -5`},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":10.5}`, "T_max", "10.5 is not a whole number"},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":"10"}`, "T_max", "is not a number"},
		{`{"kind":"brainpy.CosineAnnealingLR","T_max":10}`, "lr", "brainpy.CosineAnnealingLR needs lr"},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1}`, "T_max", "brainpy.CosineAnnealingLR needs T_max"},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":-0.1,"T_max":10}`, "lr", "-0.1 is out of range"},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":1e39,"T_max":10}`, "lr", "1e39 is out of range; must be a number [0, 1e38]"},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":2e38}`, "eta_min", "out of range"},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":10,"last_epoch":-1}`, "last_epoch", "unknown parameter"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

// TestBrainpySteps: JAX makes i an int32, so the run stops at 2³¹ steps.
func TestBrainpySteps(t *testing.T) {
	s := mustParse(t, brainpyTable)
	wantLongestRun(t, s, brainpyTable, 1<<31, "raises OverflowError for a step past 2147483647")
	if v := s.At(1<<31-1, 1<<31); math.IsNaN(v) || v < float64(float32(0.001)) || v > float64(float32(0.1)) {
		t.Errorf("At(2³¹ − 1) = %g, outside [eta_min, lr]", v)
	}
}

func TestBrainpyEvents(t *testing.T) {
	wantEvents(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":20}`, 150,
		[]Event{{20, Trough}, {40, Peak}, {60, Trough}, {80, Peak}, {100, Trough}, {120, Peak}, {140, Trough}})
	wantEvents(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.01,"T_max":20,"eta_min":0.1}`, 61,
		[]Event{{20, Peak}, {40, Trough}, {60, Peak}})
	wantEvents(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1}`, 5,
		[]Event{{1, Trough}, {2, Peak}, {3, Trough}, {4, Peak}})
	wantEvents(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":20,"eta_min":0.1}`, 150, nil)
	wantEvents(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":200}`, 200, nil)
	wantEvents(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":200}`, 201, []Event{{200, Trough}})
	for _, tt := range []struct {
		spec  string
		steps int
	}{
		{brainpyTable, 1000},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1}`, 100000},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":3,"eta_min":0.2}`, 100000},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":37,"eta_min":0.001}`, 1000000},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":100000,"eta_min":0.001}`, 1000000},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":1e-8,"T_max":5,"eta_min":1e-8}`, 1000},
	} {
		checkEventContract(t, tt.spec, tt.steps)
	}
}

// TestBrainpyEventsFar checks the Event contract on windows of runs of 2³¹
// steps, where f32(i) rounds to multiples of 128 and π·i is off by many
// periods of a short cosine: a Turn at every step where x moves on, and
// runs monotone between events all the same.
func TestBrainpyEventsFar(t *testing.T) {
	const n = int64(1) << 31
	for _, tt := range []struct {
		spec   string
		lo, hi int64
		turns  bool
	}{
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1}`, n - 3000, n, true},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":3,"eta_min":0.2}`, n/2 - 3000, n / 2, true},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1000,"eta_min":0.001}`, n - 5000, n, false},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1000000000}`, 1e9 - 3000, 1e9 + 3000, false},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1000000000}`, 2e9 - 3000, 2e9 + 3000, false},
		{`{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":70000,"eta_min":0.05}`, 2100e6 - 3000, 2100e6 + 3000, false},
	} {
		s := mustParse(t, tt.spec)
		vals := make([]float64, tt.hi-tt.lo)
		for i := range vals {
			vals[i] = s.At(tt.lo+int64(i), n)
		}
		var all []Event
		for e := range s.Events(n, tt.lo, tt.hi) {
			if (len(all) > 0 && e.Step <= all[len(all)-1].Step) || e.Step < tt.lo || e.Step >= tt.hi {
				t.Fatalf("%s: event %+v out of order or outside [%d, %d)", tt.spec, e, tt.lo, tt.hi)
			}
			all = append(all, e)
		}
		start, turns := tt.lo, 0
		for _, e := range append(all, Event{tt.hi, ""}) {
			if i := firstTurn(vals, start-tt.lo, e.Step-tt.lo); i >= 0 {
				t.Fatalf("%s: not monotone on [%d, %d): turns at step %d", tt.spec, start, e.Step, tt.lo+i-1)
			}
			start = e.Step
			if e.Kind == Turn {
				turns++
			}
		}
		if (turns > 0) != tt.turns {
			t.Errorf("%s: %d Turns in [%d, %d) of %v", tt.spec, turns, tt.lo, tt.hi, truncEvents(all))
		}
		if len(all) == 0 {
			t.Errorf("%s: no event in [%d, %d)", tt.spec, tt.lo, tt.hi)
		}
		// A window inside sees the same events.
		mid := tt.lo + (tt.hi-tt.lo)/3
		var want, got []Event
		for _, e := range all {
			if e.Step >= mid && e.Step < tt.hi-7 {
				want = append(want, e)
			}
		}
		for e := range s.Events(n, mid, tt.hi-7) {
			got = append(got, e)
		}
		if len(got) != len(want) || (len(got) > 0 && (got[0] != want[0] || got[len(got)-1] != want[len(want)-1])) {
			t.Errorf("%s: Events(%d, %d) = %v, want %v", tt.spec, mid, tt.hi-7, truncEvents(got), truncEvents(want))
		}
	}
}

func TestBrainpyImport(t *testing.T) {
	const bp = `{"kind":"brainpy.CosineAnnealingLR",`
	for _, tt := range []struct {
		name, src, spec string
		note            string
	}{
		{"brainpy.optim, keywords", `brainpy.optim.CosineAnnealingLR(lr=0.1, T_max=100)`, bp + `"lr":0.1,"T_max":100}`, ""},
		{"import brainpy as bp, positional",
			"import brainpy as bp\nimport brainpy.math as bm\n\nsch = bp.optim.CosineAnnealingLR(0.1, 100, 0.001)\n",
			bp + `"lr":0.1,"T_max":100,"eta_min":0.001}`, ""},
		{"the optimizers alias, last_epoch -1", `sch = bp.optimizers.CosineAnnealingLR(lr=1e-3, T_max=50, eta_min=0., last_epoch=-1)`,
			bp + `"lr":0.001,"T_max":50,"eta_min":0}`, ""},
		{"the module's own path (V2.3–V2.6)", `brainpy._src.optimizers.scheduler.CosineAnnealingLR(0.05, T_max=10 * 39)`,
			bp + `"lr":0.05,"T_max":390}`, ""},
		{"passed to the optimizer",
			"opt = bp.optim.Adam(lr=bp.optim.CosineAnnealingLR(lr=0.01, T_max=20), train_vars={'w': w})",
			bp + `"lr":0.01,"T_max":20}`, ""},
		{"resumed", `bp.optim.CosineAnnealingLR(0.1, 100, last_epoch=5)`, bp + `"lr":0.1,"T_max":100}`, "last_epoch = 5 resumes a scheduler"},
		// PyTorch's calls stay PyTorch's.
		{"torch, bare", `CosineAnnealingLR(optimizer, T_max=100)`,
			`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100}`, "lr = 0.1 (the default)"},
		{"torch, full path", `torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=100)`,
			`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100}`, "lr = 0.1 (the default)"},
		{"torch, from torch import optim", `optim.lr_scheduler.CosineAnnealingLR(optimizer, 100)`,
			`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100}`, "lr = 0.1 (the default)"},
	} {
		spec, notes, err := ImportCode(tt.src)
		all := strings.Join(notes, "\n")
		switch {
		case err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case string(spec) != tt.spec:
			t.Errorf("%s: %s, want %s", tt.name, spec, tt.spec)
		case (tt.note == "") != (len(notes) == 0) || !strings.Contains(all, tt.note):
			t.Errorf("%s: notes %q, want %q", tt.name, notes, tt.note)
		}
	}
	for _, tt := range []struct{ name, src, param, want string }{
		{"T_max a float", `bp.optim.CosineAnnealingLR(lr=0.1, T_max=10.0)`, "T_max",
			`T_max=10.0`[6:] + ` is a float, and BrainPy raises ValueError(" must be an int, but got 10.0")`},
		{"T_max a quotient", `bp.optim.CosineAnnealingLR(0.1, 100 / 2)`, "T_max", `but got 50.0`},
		{"T_max 0", `bp.optim.CosineAnnealingLR(0.1, 0)`, "T_max", `BrainPy raises ValueError(" must be an int bigger than 1, while we got 0")`},
		{"no lr", `bp.optim.CosineAnnealingLR(T_max=100)`, "lr", "brainpy.CosineAnnealingLR needs lr"},
		{"an optimizer where lr goes", `bp.optim.CosineAnnealingLR(optimizer, T_max=100)`, "lr", "optimizer is a name LR Playground cannot see"},
		{"a typo", `bp.optim.CosineAnnealingLR(0.1, 100, eta_mim=0.0)`, "eta_mim", `did you mean "eta_min"?`},
		{"an argument BrainPy lacks", `brainpy.optim.CosineAnnealingLR(0.1, 100, verbose=True)`, "verbose", "its arguments are lr, T_max, eta_min, last_epoch"},
	} {
		_, _, err := ImportCode(tt.src)
		var e *Error
		if !errors.As(err, &e) || e.Param != tt.param || !strings.Contains(e.Msg, tt.want) {
			t.Errorf("%s: %v, want a %s *Error containing %q", tt.name, err, tt.param, tt.want)
		}
	}
}

func TestBrainpyCode(t *testing.T) {
	s := mustParse(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":0.001}`)
	code, err := Code(s, 26, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# LR Playground: a 26-step run of\n# " + `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":0.001}` + "\n",
		"# lrs[i] is the lr of step i: sch(i), in float32: the lr BrainPy's optimizers use in epoch i",
		"import brainpy as bp\n\nsch = bp.optim.CosineAnnealingLR(\n    lr=0.1,\n    T_max=10,\n    eta_min=0.001,\n)\n",
		"\nlrs = [float(sch(i)) for i in range(26)]\nprint(lrs)\n",
	} {
		if !strings.Contains(code, want) {
			t.Errorf("the snippet lacks %q:\n%s", want, code)
		}
	}
	// PyTorch's CosineAnnealingLR, written in BrainPy, with the note on float32.
	torch, err := Code(mustParse(t, `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100,"eta_min":0.001}`), 200, "brainpy")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# in BrainPy:\n# " + `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":100,"eta_min":0.001}`,
		"# close, not exact (BrainPy computes in float32)", "T_max=100,", "range(200)"} {
		if !strings.Contains(torch, want) {
			t.Errorf("torch in BrainPy lacks %q:\n%s", want, torch)
		}
	}
	// The playground has no composition in BrainPy: its warmup is not a BrainPy scheduler's.
	if _, err := Code(mustParse(t, `{"kind":"playground"}`), 1000, "brainpy"); err == nil ||
		!strings.Contains(err.Error(), "no BrainPy equivalent of this 1000-step run of playground: BrainPy's CosineAnnealingLR starts at its peak") {
		t.Errorf("the playground in BrainPy: %v", err)
	}
	// Python's own parser reads both snippets (TestCodePython reads the golden ones).
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to parse the snippets with")
	}
	dir := t.TempDir()
	var paths []string
	for i, c := range []string{code, torch} {
		p := filepath.Join(dir, "s"+itoa(int64(i))+".py")
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out, err := exec.Command(python, append([]string{"-c", "import ast, sys\nfor p in sys.argv[1:]: ast.parse(open(p).read(), p)"}, paths...)...).CombinedOutput()
	if err != nil {
		t.Errorf("python3 does not parse the snippets (%v):\n%s", err, out)
	}
}

func TestBrainpyLint(t *testing.T) {
	for _, tc := range []lintCase{
		// Past T_max = 100 the cosine is back up by (1 − cos(π·k/100))/2 at step 100 + k: over 1% at k = 7.
		{"rises-after-end", `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":100}`, 108, true, 100, 107, map[string]any{"T_max": int64(108)}},
		{"rises-after-end", `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":100}`, 107, false, 0, 0, nil},
		{"floor-above-peak", `{"kind":"brainpy.CosineAnnealingLR","lr":0.01,"T_max":100,"eta_min":0.1}`, 100, true, 0, 99, map[string]any{"eta_min": 0.0}},
		{"steps-vs-epochs", `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":250}`, 1000, true, 250, 999, map[string]any{"T_max": int64(1000)}},
		{"steps-vs-epochs", `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":1000}`, 1000, false, 0, 0, nil},
	} {
		name := tc.code + "/" + tc.spec + "/" + itoa(tc.steps)
		s := mustParse(t, tc.spec)
		fs, err := Lint(s, tc.steps)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var f *Finding
		for i := range fs {
			if fs[i].Code == tc.code {
				f = &fs[i]
			}
		}
		switch {
		case f == nil && tc.fires:
			t.Errorf("%s: no finding; got %v", name, codes(fs))
		case f != nil && !tc.fires:
			t.Errorf("%s: unexpected %q", name, f.Message)
		case f != nil:
			if f.From != tc.from || f.To != tc.to {
				t.Errorf("%s: steps %d–%d, want %d–%d", name, f.From, f.To, tc.from, tc.to)
			}
			checkFix(t, name, s, tc.steps, *f, tc.fix)
			if tc.code == "rises-after-end" && !strings.Contains(f.Message, "BrainPy's CosineAnnealingLR computes cos(π·i/T_max) at every step") {
				t.Errorf("%s: %q", name, f.Message)
			}
			if tc.code == "steps-vs-epochs" && !strings.Contains(f.Message, "sch.step_epoch() calls") {
				t.Errorf("%s: %q", name, f.Message)
			}
		}
	}
	// eta_min = lr is flat, and says why.
	fs, _ := Lint(mustParse(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":100,"eta_min":0.1}`), 100)
	if len(fs) == 0 || fs[0].Code != "flat" || !strings.Contains(fs[0].Message, "eta_min equals lr") {
		t.Errorf("eta_min = lr: %v", fs)
	}
}

func TestBrainpyTranslate(t *testing.T) {
	const (
		torchCos = `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100,"eta_min":0.001}`
		bpCos    = `{"kind":"brainpy.CosineAnnealingLR","lr":0.1,"T_max":100,"eta_min":0.001}`
	)
	// Both ways between PyTorch and BrainPy: the same cosine, periodic past
	// T_max, close but for float32.
	for _, tt := range []struct{ from, fw, to string }{
		{torchCos, "brainpy", bpCos},
		{bpCos, "torch", torchCos},
	} {
		for _, steps := range []int64{100, 101, 250} {
			tr := translation(t, tt.from, steps, tt.fw)
			differ, maxDiff := runDiff(t, tt.from, string(tr.Spec), int(steps))
			if string(tr.Spec) != canonical(t, tt.to) || tr.Exact || differ == 0 || maxDiff > 1e-6 || tr.MaxDiff != maxDiff ||
				!strings.HasPrefix(tr.Note, "close, not exact (BrainPy computes in float32): ") {
				t.Errorf("%s over %d in %s: %s, %v, %g (evaluated %d values, %g): %q", tt.from, steps, tt.fw, tr.Spec, tr.Exact, tr.MaxDiff, differ, maxDiff, tr.Note)
			}
		}
	}
	// A run that stops at T_max + 1 looks the same in the frameworks that hold their minimum.
	if tr := translation(t, bpCos, 101, "timm"); tr.Kind != "timm.CosineLRScheduler" || !strings.HasPrefix(tr.Note, "close, not exact (BrainPy computes in float32)") {
		t.Errorf("BrainPy in timm over 101: %s %q", tr.Spec, tr.Note)
	}
	if tr := translation(t, bpCos, 102, "timm"); tr.Spec != nil || !strings.Contains(tr.Note, "the cosine climbs back up from step 101") {
		t.Errorf("BrainPy in timm over 102: %s %q", tr.Spec, tr.Note)
	}
	// Into BrainPy: what it cannot draw, and why.
	for _, tt := range []struct {
		spec  string
		steps int64
		want  string
	}{
		{`{"kind":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":100}`, 150,
			"the lr holds at 0 from step 100; BrainPy's CosineAnnealingLR climbs back after T_max"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10}`, 100, "the cosine restarts at step 10"},
		{`{"kind":"hf.cosine_schedule_with_warmup","lr":0.1,"num_warmup_steps":10,"num_training_steps":100}`, 100,
			"BrainPy's CosineAnnealingLR starts at its peak, so not with a warmup"},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":100,"warmup_t":10}`, 100, "so not with a warmup over the first 10 steps"},
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":0.1,"total_iters":100}`, 100, "no BrainPy kind of LR Playground draws a linear decay"},
		{`{"kind":"hf.cosine_schedule_with_warmup","lr":0.1,"num_warmup_steps":0,"num_training_steps":100,"num_cycles":0.3}`, 100,
			"BrainPy's T_max is a whole number of steps, not 166.66"},
	} {
		tr := translation(t, tt.spec, tt.steps, "brainpy")
		if tr.Spec != nil || !strings.HasPrefix(tr.Note, "no equivalent: ") || !strings.Contains(tr.Note, tt.want) {
			t.Errorf("%s over %d in BrainPy: %s %q, want ...%s...", tt.spec, tt.steps, tr.Spec, tr.Note, tt.want)
		}
	}
	// A constant lr is CosineAnnealingLR with eta_min = lr.
	tr := translation(t, `{"kind":"lr_schedule.constant","initial_value":0.25}`, 50, "brainpy")
	if string(tr.Spec) != canonical(t, `{"kind":"brainpy.CosineAnnealingLR","lr":0.25,"T_max":1,"eta_min":0.25}`) || !tr.Exact {
		t.Errorf("a constant in BrainPy: %s %v %q", tr.Spec, tr.Exact, tr.Note)
	}
}
