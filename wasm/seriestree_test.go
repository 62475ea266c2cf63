package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

// warmupConfig is the tutorial's seventh section as the page reads it:
// PyTorch's SequentialLR with variables inside its children and its
// milestones, beside Hugging Face's and timm's warmups.
const warmupConfig = `{"series": [
	{"kind": "torch.SequentialLR", "label": "PyTorch", "lr": "$lr",
	 "schedulers": [{"kind": "torch.LinearLR", "start_factor": 0.01, "total_iters": "$warmup"},
	                {"kind": "torch.CosineAnnealingLR", "T_max": "$T_max"}], "milestones": ["$warmup"]},
	{"kind": "hf.cosine_schedule_with_warmup", "label": "Hugging Face", "lr": "$lr", "num_warmup_steps": "$warmup", "num_training_steps": "$steps"},
	{"kind": "timm.CosineLRScheduler", "label": "timm", "lr": "$lr", "t_initial": "$steps", "warmup_t": "$warmup"}],
	"vars": {"lr": 0.1, "warmup": 10, "T_max": 90}, "steps": 100, "controls": ["warmup", "T_max", "steps", "lr"]}`

// warmupSpecs are the three curves written out, for lr, warmup w, T_max and n steps.
func warmupSpecs(lr float64, w, tMax, n int) []string {
	return []string{
		fmt.Sprintf(`{"kind":"torch.SequentialLR","lr":%v,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":%d},`+
			`{"kind":"torch.CosineAnnealingLR","T_max":%d}],"milestones":[%d]}`, lr, w, tMax, w),
		fmt.Sprintf(`{"kind":"hf.cosine_schedule_with_warmup","lr":%v,"num_warmup_steps":%d,"num_training_steps":%d}`, lr, w, n),
		fmt.Sprintf(`{"kind":"timm.CosineLRScheduler","lr":%v,"t_initial":%d,"warmup_t":%d}`, lr, n, w),
	}
}

func parseConfigText(t *testing.T, text string) (Config, []Problem) {
	t.Helper()
	v, err := decodeJSON(text)
	if err != nil {
		t.Fatal(err)
	}
	return ParseConfig(v.(map[string]any))
}

// checkCurves compares st's curves with specs over its run, bit for bit.
func checkCurves(t *testing.T, st State, specs []string) {
	t.Helper()
	curves, steps, problems := st.Curves()
	if problems != nil {
		t.Fatalf("problems %v", problems)
	}
	if len(curves) != len(specs) {
		t.Fatalf("%d curves, want %d", len(curves), len(specs))
	}
	for i, c := range curves {
		want, err := core.Evaluate([]byte(specs[i]), int(steps))
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Sched.Values(int(steps)) // exact, as drawn (At may be a closed form)
		if err != nil {
			t.Fatal(err)
		}
		for s := range want {
			if got[s] != want[s] {
				t.Fatalf("%s: step %d = %v, want %v (%s)", c.Label, s, got[s], want[s], specs[i])
			}
		}
	}
}

// TestSeriesNestedBinding: variables reach a composition's children and
// milestones; each variable's control comes from a number it feeds, the
// view survives the page's round trip, and a change of one variable moves
// every place it fills.
func TestSeriesNestedBinding(t *testing.T) {
	cfg, problems := parseConfigText(t, warmupConfig)
	checkProblems(t, problems, nil)
	st := cfg.State
	var names []string
	for _, v := range st.Vars {
		names = append(names, v.Name)
	}
	if !slices.Equal(names, []string{"lr", "warmup", "T_max"}) {
		t.Errorf("variables %q", names)
	}
	// warmup's control is LinearLR's total_iters (a slider to 1000), not a milestone (which has no slider range).
	if ref := st.varFrom[1]; ref != (varRef{"torch.LinearLR", "total_iters", true}) || st.Vars[1].Type != core.Int || st.Vars[1].Hint.Max != 1000 {
		t.Errorf("warmup comes from %+v: %+v", ref, *st.Vars[1])
	}
	if !slices.Equal(cfg.Controls, []string{"warmup", "T_max", "steps", "lr"}) {
		t.Errorf("controls %q", cfg.Controls)
	}
	want := map[string]string{"lr": "lr", "schedulers[0].total_iters": "warmup", "schedulers[1].T_max": "T_max", "milestones[0]": "warmup"}
	for path, v := range want {
		if st.Series[0].Bind[path] != v {
			t.Errorf("bind %s = %q, want %q (%v)", path, st.Series[0].Bind[path], v, st.Series[0].Bind)
		}
	}
	checkCurves(t, st, warmupSpecs(0.1, 10, 90, 100))

	st.Values["warmup"], st.Values["T_max"], st.Steps = "25", "200", "300"
	checkCurves(t, st, warmupSpecs(0.1, 25, 200, 300))
	st.Values["lr"] = "0.003"
	checkCurves(t, st, warmupSpecs(0.003, 25, 200, 300))

	back, err := parseState(toJSON(st.stateObject()))
	if err != nil {
		t.Fatal(err)
	}
	checkCurves(t, back, warmupSpecs(0.003, 25, 200, 300))
}

// TestSeriesNestedElement: a variable first met in a list is one of its
// numbers (an int for milestones), and comes back from the page as such.
func TestSeriesNestedElement(t *testing.T) {
	cfg, problems := parseConfigText(t, `{"series": [{"kind": "torch.SequentialLR", "lr": 0.1,
		"schedulers": [{"kind": "torch.ConstantLR", "factor": 0.5, "total_iters": 100}, {"kind": "torch.ExponentialLR", "gamma": 0.9}],
		"milestones": ["$m"]}], "vars": {"m": 4}, "steps": 30, "controls": ["m"]}`)
	checkProblems(t, problems, nil)
	st := cfg.State
	if len(st.Vars) != 1 || st.Vars[0].Name != "m" || st.Vars[0].Type != core.Int || st.varFrom[0].param != "milestones[]" {
		t.Fatalf("vars %+v from %+v", st.Vars, st.varFrom)
	}
	spec := func(m int) []string {
		return []string{fmt.Sprintf(`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.ConstantLR","factor":0.5,"total_iters":100},`+
			`{"kind":"torch.ExponentialLR","gamma":0.9}],"milestones":[%d]}`, m)}
	}
	checkCurves(t, st, spec(4))
	st.Values["m"] = "12"
	back, err := parseState(toJSON(st.stateObject()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Vars[0].Type != core.Int {
		t.Errorf("after the round trip m is a %s", back.Vars[0].Type)
	}
	checkCurves(t, back, spec(12))
	// Not a whole number: said at m's control, by m's own parameter.
	back.Values["m"] = "2.5"
	if _, _, p := back.Curves(); len(p) != 1 || p[0].Param != "m" || !strings.Contains(p[0].Msg, "not a whole number") {
		t.Errorf("m = 2.5: problems %v", p)
	}
}

// TestSeriesNestedProblems: a variable's value is checked by the
// parameter its control comes from; what another place it fills refuses
// goes beside it too, naming that place; what no variable fills is the
// page's, naming the series.
func TestSeriesNestedProblems(t *testing.T) {
	cfg, problems := parseConfigText(t, `{"series": [{"kind": "torch.SequentialLR", "label": "warm", "lr": 0.1,
		"schedulers": [{"kind": "torch.LinearLR", "start_factor": "$start", "total_iters": "$w"}, {"kind": "torch.CosineAnnealingLR", "T_max": "$w"}],
		"milestones": ["$w"]}], "vars": {"start": 0.5, "w": 10}, "steps": 100}`)
	checkProblems(t, problems, nil)
	st := cfg.State
	for _, tt := range []struct {
		values map[string]string
		want   []string // "param: substring"
	}{
		{map[string]string{"start": "0"}, []string{"start: 0 is out of range"}},
		{map[string]string{"w": "-1"}, []string{"w: -1 is out of range"}},
		{map[string]string{"w": "x"}, []string{`w: "x" is not a number`}},
		// total_iters takes 0, T_max does not.
		{map[string]string{"w": "0"}, []string{"w: warm: schedulers[1].T_max: 0 is out of range"}},
		{map[string]string{"start": "0.25", "w": "20"}, nil},
	} {
		try := st
		try.Values = cloneValues(st.Values)
		for k, v := range tt.values {
			try.Values[k] = v
		}
		_, _, p := try.Curves()
		checkProblems(t, p, tt.want)
	}
	// An error about a whole list goes beside the one variable filling it.
	st.Series = slices.Clone(st.Series)
	se := &st.Series[0]
	se.Fixed = maps.Clone(se.Fixed)
	se.Bind = maps.Clone(se.Bind)
	se.Fixed["milestones"], se.Bind["milestones[1]"] = `["$w","$w"]`, "w"
	if _, _, p := st.Curves(); len(p) != 1 || p[0].Param != "w" || !strings.Contains(p[0].Msg, "warm: milestones: PyTorch raises ValueError") {
		t.Errorf("two milestones for two schedulers: problems %v, want one at w", p)
	}
	// Or the one variable in it: the nearest control.
	se.Fixed["milestones"] = `["$w",50]`
	delete(se.Bind, "milestones[1]")
	if _, _, p := st.Curves(); len(p) != 1 || p[0].Param != "w" || !strings.Contains(p[0].Msg, "warm: milestones: PyTorch raises ValueError") {
		t.Errorf("milestones [$w, 50]: problems %v, want one at w", p)
	}
	// A list no variable fills is the page's.
	se.Fixed["milestones"] = `[40,50]`
	delete(se.Bind, "milestones[0]")
	if _, _, p := st.Curves(); len(p) != 1 || p[0].Param != "" || !strings.HasPrefix(p[0].Msg, "warm: ") {
		t.Errorf("milestones [40, 50]: problems %v, want the page's", p)
	}
}

// TestSeriesNestedConfigProblems: a configuration's nested variables that
// cannot be made are said, and the view still draws.
func TestSeriesNestedConfigProblems(t *testing.T) {
	series := func(schedulers, milestones string) string {
		return `{"series": [{"kind": "torch.SequentialLR", "lr": 0.1, "schedulers": ` + schedulers + `, "milestones": ` + milestones + `}],
			"vars": {"w": 10, "big": 2}, "steps": 100}`
	}
	const ok = `[{"kind": "torch.LinearLR", "total_iters": "$w"}, {"kind": "torch.CosineAnnealingLR", "T_max": 90}]`
	for _, tt := range []struct {
		name, config string
		want         []string
	}{
		{"undefined", series(`[{"kind": "torch.LinearLR", "total_iters": "$nope"}, {"kind": "torch.CosineAnnealingLR", "T_max": 90}]`, "[10]"),
			[]string{": torch.SequentialLR: schedulers[0].total_iters refers to $nope, which vars does not define"}},
		{"bad start", series(`[{"kind": "torch.LinearLR", "start_factor": "$big"}, {"kind": "torch.CosineAnnealingLR", "T_max": 90}]`, "[10]"),
			[]string{": vars: big: 2 is out of range"}},
		{"no such parameter", series(`[{"kind": "torch.LinearLR", "T_max": "$w"}, {"kind": "torch.CosineAnnealingLR", "T_max": 90}]`, "[10]"),
			[]string{`: torch.SequentialLR: schedulers[0].T_max: $w feeds no parameter of "torch.LinearLR"`}},
		{"unknown child kind", series(`[{"kind": "torch.Nope", "total_iters": "$w"}, {"kind": "torch.CosineAnnealingLR", "T_max": 90}]`, "[10]"),
			[]string{`: torch.SequentialLR: schedulers[0].total_iters: $w feeds no parameter of "torch.Nope"`}},
		{"a child as a variable", series(`["$w", {"kind": "torch.CosineAnnealingLR", "T_max": 90}]`, "[10]"),
			[]string{": torch.SequentialLR: schedulers[0]: $w can stand for a number only"}},
		{"not a number parameter", series(`[{"kind": "torch.LambdaLR", "lr_lambda": "$w"}, {"kind": "torch.CosineAnnealingLR", "T_max": 90}]`, "[10]"),
			[]string{": torch.SequentialLR: schedulers[0].lr_lambda: $w can stand for a number only"}},
		{"fine", series(ok, `["$w"]`), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, problems := parseConfigText(t, tt.config)
			if tt.want == nil {
				checkProblems(t, problems, nil)
			} else if len(problems) == 0 || !strings.Contains(problems[0].Param+": "+problems[0].Msg, tt.want[0]) {
				t.Errorf("problems %v, want first %q", problems, tt.want[0])
			}
			if _, _, p := cfg.State.Curves(); p != nil {
				t.Errorf("draws nothing: %v", p)
			}
		})
	}
}

// TestAtCurveBinds: "lr:N" is curve N's exact lr at the scrubber's step,
// as the seventh section's prose shows it; past the curves, nothing.
func TestAtCurveBinds(t *testing.T) {
	st := toJSON(mustConfig(t, warmupConfig).stateObject())
	specs := warmupSpecs(0.1, 10, 90, 100)
	for _, step := range []int{9, 10, 11} {
		a := callAPI[atJSON](t, "at", st, "", float64(step), `["lr:0", "lr:1", "lr:2", "lr:3", "lr:x", "lr:-1"]`)
		for i, spec := range specs {
			v, _ := core.Evaluate([]byte(spec), 100)
			want := [2]string{strconv.FormatFloat(v[step], 'g', 6, 64), strconv.FormatFloat(v[step], 'g', -1, 64)}
			if a.Binds[i] != want {
				t.Errorf("step %d: lr:%d = %q, want %q", step, i, a.Binds[i], want)
			}
		}
		for _, b := range a.Binds[3:] {
			if b != [2]string{"", ""} {
				t.Errorf("step %d: a bind past the curves shows %q", step, b)
			}
		}
	}
}
