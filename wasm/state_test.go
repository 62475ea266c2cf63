package main

import (
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		query    string
		kind     string
		values   map[string]string
		steps    string
		log      bool
		problems []string // "param: substring"
	}{
		{"", "playground", map[string]string{"T_max": "130", "T_mult": "2", "warmup": "0.09"}, "1000", false, nil},
		{"kind=playground&T_max=40&T_mult=1.5&warmup=0&steps=300&log=1", "playground",
			map[string]string{"T_max": "40", "T_mult": "1.5", "warmup": "0"}, "300", true, nil},
		{"T_max=abc", "playground", map[string]string{"T_max": "130"}, "1000", false, []string{"T_max: not a number"}},
		{"T_max=-5&eta_min=1e400", "playground", map[string]string{"T_max": "130", "eta_min": "0"}, "1000", false,
			[]string{"T_max: out of range", "eta_min: too large"}},
		{"kind=nope&T_max=7", "playground", map[string]string{"T_max": "7"}, "1000", false, []string{"kind: unknown kind"}},
		{"bogus=1", "playground", nil, "1000", false, []string{": does not have"}},
		{"steps=0", "playground", nil, "1000", false, []string{"steps: not a whole number"}},
		{"steps=1e99", "playground", nil, "1000", false, []string{"steps: not a whole number"}},
		{"%zz", "playground", nil, "1000", false, []string{": malformed"}},
		{strings.Repeat("a", maxQueryBytes+1), "playground", nil, "1000", false, []string{": more than"}},
		{"T_max=%3Cscript%3E", "playground", map[string]string{"T_max": "130"}, "1000", false, []string{`T_max: "<script>" is not a number`}},
		// Percent escapes and '+' decode; a bad escape or ';' drops its pair only.
		{"kind=torch%2ECosineAnnealingLR&T_max=+%32%30+&eta%5Fmin=1e-3", "torch.CosineAnnealingLR",
			map[string]string{"T_max": " 20 ", "eta_min": "1e-3"}, "150", false, nil},
		{"T_max=40&eta_min=%zz&steps=300", "playground", map[string]string{"T_max": "40", "eta_min": "0"}, "300", false,
			[]string{`: malformed (invalid URL escape "%zz")`}},
		{"T_max=40&steps=30%", "playground", map[string]string{"T_max": "40"}, "1000", false, []string{`: malformed (invalid URL escape "%")`}},
		{"T_max=40;steps=300&log=1", "playground", map[string]string{"T_max": "130"}, "1000", true, []string{": invalid semicolon separator"}},
		{"T_max=7&T_max=8&&=x&steps", "playground", map[string]string{"T_max": "8"}, "1000", false,
			[]string{`: the link names ""`, `steps: "" is not a whole number`}},
		{"T_max=%E2%89%A5", "playground", map[string]string{"T_max": "130"}, "1000", false, []string{`T_max: "≥" is not a number`}},
		// Near misses get a suggestion, as in a configuration.
		{"kind=torch.CosineAnealingLR", "playground", nil, "1000", false, []string{"kind: did you mean torch.CosineAnnealingLR?"}},
		{"t_max=5", "playground", map[string]string{"T_max": "130"}, "1000", false, []string{`: the link names "t_max", which playground does not have (did you mean T_max?)`}},
		// A log value that is neither on nor off is said, not silently off.
		{"log=%3Cb%3E", "playground", nil, "1000", false, []string{`: log: "<b>" is not 1 or 0`}},
		{"log=0&T_max=9", "playground", map[string]string{"T_max": "9"}, "1000", false, nil},
		// Values fine one by one but not together: the kind's example, and why.
		{"kind=torch.OneCycleLR&total_steps=10&log=1", "torch.OneCycleLR", map[string]string{"total_steps": "1000"}, "1000", true,
			[]string{": steps: 1000 steps are more than total_steps + 1 = 11"}},
		{"kind=torch.OneCycleLR&total_steps=&max_lr=0.5", "torch.OneCycleLR", map[string]string{"total_steps": "1000", "max_lr": "0.1"}, "1000", false,
			[]string{": total_steps: missing: PyTorch raises"}},
		// The run length is read as decimal, like every parameter: no Go syntax.
		{"steps=1_000", "playground", nil, "1000", false, []string{`steps: "1_000" is not a whole number`}},
		{"steps=0x1p4", "playground", nil, "1000", false, []string{`steps: "0x1p4" is not a whole number`}},
		{"steps=Inf", "playground", nil, "1000", false, []string{`steps: "Inf" is not a whole number`}},
		{"steps=+500+", "playground", nil, " 500 ", false, nil},
		{"steps=1e12", "playground", nil, "1e12", false, nil},
		{"steps=1e12%2B1", "playground", nil, "1000", false, []string{`steps: "1e12+1" is not a whole number`}},
		{"x=epoch&units.steps_per_epoch=5", "playground", nil, "1000", false, nil},
		{"x=days", "playground", nil, "1000", false, []string{`: x: "days" is not step or epoch`}},
		// A kind's former name opens the kind, as old links do.
		{"kind=sb3.linear&initial_value=0.002&final_value=0.0001&steps=300", "lr_schedule.linear",
			map[string]string{"initial_value": "0.002", "final_value": "0.0001"}, "300", false, nil},
		{"kind=sb3.exponential&final_value=0.5&decay_rate=2", "lr_schedule.exponential",
			map[string]string{"final_value": "0.5", "decay_rate": "0.1"}, "1000", false,
			[]string{"decay_rate: lr_schedule raises ValueError: decay_rate must be in the interval (0, 1], got 2"}},
	}
	for _, tt := range tests {
		st, problems := ParseQuery(tt.query)
		if st.Kind.Name != tt.kind || st.Steps != tt.steps || st.LogY != tt.log {
			t.Errorf("ParseQuery(%.40q): kind %s steps %s log %v; want %s %s %v", tt.query, st.Kind.Name, st.Steps, st.LogY, tt.kind, tt.steps, tt.log)
		}
		for k, v := range tt.values {
			if st.Values[k] != v {
				t.Errorf("ParseQuery(%.40q): %s = %q, want %q", tt.query, k, st.Values[k], v)
			}
		}
		if len(problems) != len(tt.problems) {
			t.Errorf("ParseQuery(%.40q): problems %v, want %v", tt.query, problems, tt.problems)
			continue
		}
		for i, p := range problems {
			param, sub, _ := strings.Cut(tt.problems[i], ": ")
			if p.Param != param || !strings.Contains(p.Msg, sub) {
				t.Errorf("ParseQuery(%.40q): problem %d = %+v, want %s", tt.query, i, p, tt.problems[i])
			}
		}
		// Whatever the link held, the state it falls back to draws.
		if _, _, probs := st.Spec(); probs != nil {
			t.Errorf("ParseQuery(%.40q) gives a state that does not draw: %v", tt.query, probs)
		}
	}
}

func TestQueryRoundTrip(t *testing.T) {
	for _, k := range core.Kinds() {
		st := defaultState(k)
		st.LogY = true
		back, problems := ParseQuery(st.Query())
		if len(problems) > 0 {
			t.Errorf("%s: %s gives problems %v", k.Name, st.Query(), problems)
		}
		s1, n1, p1 := st.Spec()
		s2, n2, p2 := back.Spec()
		if p1 != nil || p2 != nil {
			t.Fatalf("%s: example does not draw: %v %v", k.Name, p1, p2)
		}
		j1, _ := s1.MarshalJSON()
		j2, _ := s2.MarshalJSON()
		if string(j1) != string(j2) || n1 != n2 || !back.LogY {
			t.Errorf("%s: round trip through %s changes %s to %s", k.Name, st.Query(), j1, j2)
		}
	}
	// A parameter at the framework's default is left out, unless the
	// example, which a link that leaves it out opens with, holds another.
	for _, tt := range []struct{ query, want string }{
		{"kind=playground&T_max=130&T_mult=2&warmup=0.09&steps=1000", "kind=playground&T_max=130&warmup=0.09&steps=1000"},
		{"kind=playground&T_max=100&T_mult=2&warmup=0.05&eta_min=0&steps=1000", "kind=playground&T_max=100&warmup=0.05&steps=1000"},
		{"kind=torch.CosineAnnealingLR&lr=0.1&T_max=20&eta_min=0&steps=150", "kind=torch.CosineAnnealingLR&T_max=20&steps=150"},
	} {
		st, _ := ParseQuery(tt.query)
		if got := st.Query(); got != tt.want {
			t.Errorf("Query of %s = %q, want %q", tt.query, got, tt.want)
		}
	}
}

// TestDefaultState: each kind opens with its example's values, and its
// defaults for the parameters the example leaves out.
func TestDefaultState(t *testing.T) {
	for _, k := range core.Kinds() {
		st := defaultState(k)
		s, steps, problems := st.Spec()
		if problems != nil {
			t.Fatalf("%s: %v", k.Name, problems)
		}
		want, err := core.Parse([]byte(k.Example))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.MarshalJSON()
		canonical, _ := want.MarshalJSON()
		if string(got) != string(canonical) || int64(steps) != k.ExampleSteps {
			t.Errorf("%s: default state draws %s for %d steps, want the example %s for %d", k.Name, got, steps, canonical, k.ExampleSteps)
		}
	}
	if got := defaultState(core.LookupKind("playground")).Values; got["lr"] != "0.1" || got["restarts"] != "true" {
		t.Errorf("playground defaults = %v", got)
	}
}

func TestSpecProblems(t *testing.T) {
	st := defaultState(core.LookupKind("playground"))
	st.Values["T_max"] = "x"
	st.Values["warmup"] = "0.9"
	st.Steps = "-1"
	_, _, problems := st.Spec()
	got := map[string]bool{}
	for _, p := range problems {
		got[p.Param] = true
	}
	for _, want := range []string{"T_max", "warmup", "steps"} {
		if !got[want] {
			t.Errorf("Spec problems %v lack %s", problems, want)
		}
	}
}

func TestSlider(t *testing.T) {
	lr := core.LookupKind("playground").Param("lr")
	s := sliderFor(lr)
	if !s.Log {
		t.Fatalf("lr slider is not logarithmic: %+v", s)
	}
	if lo, hi, step := s.Attrs(); lo != "0" || hi != "1000" || step != "1" {
		t.Errorf("lr slider attrs = %s %s %s", lo, hi, step)
	}
	for _, v := range []float64{1e-5, 1e-3, 0.1, 1} {
		pos := s.Position(v)
		var p float64
		for _, c := range pos {
			p = p*10 + float64(c-'0')
		}
		if got := s.Value(p); got < v*0.99 || got > v*1.01 {
			t.Errorf("lr %g → position %s → %g", v, pos, got)
		}
	}
	if got := s.Position(10); got != "1000" {
		t.Errorf("a value past the end sits at %s, want the end", got)
	}
	tmax := sliderFor(core.LookupKind("playground").Param("T_max"))
	if tmax.Log || tmax.Step != 1 {
		t.Errorf("T_max slider = %+v, want linear, step 1", tmax)
	}
	warm := sliderFor(core.LookupKind("playground").Param("warmup"))
	if got := warm.Value(0.30000000000000004); got != 0.3 {
		t.Errorf("warmup slider value = %v, want 0.3", got)
	}
	if got := stepsSlider.Value(1000); got != 1e9 {
		t.Errorf("steps slider at the end = %v", got)
	}
}

func TestDescribe(t *testing.T) {
	pts := []core.Point{{Step: 0, LR: 0}, {Step: 5, LR: 0.1}, {Step: 9, LR: 0.001}}
	got := describe("playground", 10, pts, []core.Annotation{{Step: 5, Kind: core.Restart}, {Step: 2, Kind: core.WarmupEnd}})
	want := "Learning rate of playground over 10 steps: from 0 to 0.001, between 0 and 0.1, with 1 restarts marked"
	if got != want {
		t.Errorf("describe = %q\nwant %q", got, want)
	}
}

func TestUnknownKind(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"torch.CosineAnealingLR", `unknown kind "torch.CosineAnealingLR" (did you mean torch.CosineAnnealingLR?)`},
		{`<img src=x onerror="alert(1)">`, `unknown kind "<img src=x onerror=\"alert(1)\">"`},
		{"", `unknown kind ""`},
		{"\x00\u202e", `unknown kind "\x00\u202e"`},
		{strings.Repeat("x", 1<<20), `unknown kind "` + strings.Repeat("x", 40) + `…"`},
	} {
		if got := unknownKind(tt.name); got != tt.want {
			t.Errorf("unknownKind(%.50q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestQueryAlias: a link with a kind's former name reopens as a link with
// its name.
func TestQueryAlias(t *testing.T) {
	old, problems := ParseQuery("kind=sb3.cosine_warmup&initial_value=0.002&warmup_fraction=0.2&steps=500")
	st, _ := ParseQuery("kind=lr_schedule.cosine_warmup&initial_value=0.002&warmup_fraction=0.2&steps=500")
	if problems != nil || old.Query() != st.Query() || !strings.HasPrefix(old.Query(), "kind=lr_schedule.cosine_warmup&") {
		t.Errorf("the sb3.cosine_warmup link reopens as %q (%v), want %q", old.Query(), problems, st.Query())
	}
}
