package core

import (
	"strings"
	"testing"
)

func optaxSgdrSpec(cycles ...string) string {
	for i, c := range cycles {
		cycles[i] = `{"kind":"optax.warmup_cosine_decay_schedule",` + c + `}`
	}
	return `{"kind":"optax.sgdr_schedule","cosine_kwargs":[` + strings.Join(cycles, ",") + `]}`
}

// SGDRTest.test_limits (assert_allclose, rtol 1e-7): three cycles of 2000,
// 3000 and 5000 steps, each with a 500-step warmup from 0, reach their peaks
// at 500, 2500 and 5500; exact float32 here: float32(1.6) = 1.600000023841858,
// float32(0.8) = 0.800000011920929, float32(0.4) = 0.4000000059604645.
func TestOptaxSgdrFrameworkExpectedValues(t *testing.T) {
	for _, lr := range [][3]float64{{1.6, 0.8, 0.4}, {1.6, 1.6, 1.6}} {
		var cycles []string
		for i, steps := range []string{"2000", "3000", "5000"} {
			cycles = append(cycles, `"decay_steps":`+steps+`,"peak_value":`+formatFloat(lr[i])+`,"init_value":0,"end_value":0,"warmup_steps":500`)
		}
		spec := optaxSgdrSpec(cycles...)
		hfCheckAt(t, spec, 10000, map[int]float64{
			500: float64(float32(lr[0])), 2500: float64(float32(lr[1])), 5500: float64(float32(lr[2])),
			// Each cycle restarts at its warmup's init_value 0 at its boundary.
			0: 0, 2000: 0, 5000: 0}, 0)
		for i, w := range map[int64]float64{500: lr[0], 2500: lr[1], 5500: lr[2]} {
			if got := mustParse(t, spec).At(i, 10000); !tolerance(got, w, 1e-7) {
				t.Errorf("step %d = %g, optax expects %g (rtol 1e-7)", i, got, w)
			}
		}
	}
}

// The cycles are warmup_cosine_decay_schedule's own values at step −
// boundary: the example's second cycle at step 300 + t is the second
// schedule alone at t.
func TestOptaxSgdrIsItsCycles(t *testing.T) {
	s := mustParse(t, optaxSgdrKind.Example)
	first := mustParse(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1e-3,"warmup_steps":50,"decay_steps":300}`)
	second := mustParse(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":5e-4,"warmup_steps":50,"decay_steps":700}`)
	for i := int64(0); i < 1000; i++ {
		want := first.At(min(i, 299), 300)
		if i >= 300 {
			want = second.At(i-300, 700)
		}
		if got := s.At(i, 1000); got != want {
			t.Fatalf("step %d = %.17g, the cycle gives %.17g", i, got, want)
		}
	}
	hfSameEvents(t, optaxSgdrKind.Example, hfEvents(t, optaxSgdrKind.Example, 1000), []Event{{50, WarmupEnd}, {300, Boundary}, {350, WarmupEnd}})
	checkEventContract(t, optaxSgdrKind.Example, 1000)
}

func TestOptaxSgdrErrors(t *testing.T) {
	for _, tt := range []struct {
		spec, param, want string
	}{
		{`{"kind":"optax.sgdr_schedule","cosine_kwargs":[]}`, "cosine_kwargs", "IndexError"},
		{`{"kind":"optax.sgdr_schedule","cosine_kwargs":[{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":10}]}`,
			"cosine_kwargs[0].kind", "optax.cosine_decay_schedule is not optax.warmup_cosine_decay_schedule"},
		{optaxSgdrSpec(`"init_value":0,"peak_value":1,"warmup_steps":10,"decay_steps":5`), "cosine_kwargs[0].decay_steps", "must be more than warmup_steps"},
		{optaxSgdrSpec(`"init_value":0,"peak_value":1,"warmup_steps":10,"decay_steps":2147483649`,
			`"init_value":0,"peak_value":1,"warmup_steps":10,"decay_steps":20`), "cosine_kwargs[0].decay_steps", "OverflowError"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

// Import reads the list of dicts (literal or dict(...)), and the snippet
// reads back.
func TestOptaxSgdrImportAndCode(t *testing.T) {
	src := `import optax
kw = dict(init_value=0.0, peak_value=5e-4, warmup_steps=50, decay_steps=700)
schedule = optax.sgdr_schedule([{"init_value": 0.0, "peak_value": 1e-3, "warmup_steps": 50, "decay_steps": 300},
    dict(init_value=0.0, peak_value=5e-4, warmup_steps=50, decay_steps=700)])`
	spec, _, err := ImportCode(src)
	want := specText(mustParse(t, optaxSgdrKind.Example))
	if err != nil || specText(mustParse(t, string(spec))) != want {
		t.Errorf("ImportCode: %s, %v\nwant %s", spec, err, want)
	}
	if _, _, err := ImportCode(`optax.sgdr_schedule([{"init_value": 0.0, "peak_value": 1e-3, "warmup_steps": 50, "decay_steps": 300, "alpha": 3}])`); err == nil ||
		!strings.Contains(err.Error(), `cosine_kwargs[0].alpha: unknown argument "alpha"`) {
		t.Errorf("an unknown key: %v", err)
	}
	code, err := Code(mustParse(t, optaxSgdrKind.Example), 1000, "")
	if err != nil || !strings.Contains(code, "schedule = optax.sgdr_schedule([\n    {\n        \"init_value\": 0.0,\n") {
		t.Fatalf("Code: %v\n%s", err, code)
	}
	spec, _, err = ImportCode(code)
	if err != nil || specText(mustParse(t, string(spec))) != want {
		t.Errorf("ImportCode(Code): %s, %v", spec, err)
	}
}
