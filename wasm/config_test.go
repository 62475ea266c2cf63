package main

import (
	"slices"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name     string
		fields   map[string]any
		kind     string
		values   map[string]string
		steps    string
		controls []string
		problems []string // "param: substring"
	}{
		{name: "empty is the default kind", fields: map[string]any{}, kind: "playground", steps: "1000"},
		{name: "JSON values", fields: map[string]any{"kind": "torch.CosineAnnealingWarmRestarts", "lr": 0.1, "T_0": 10.0, "T_mult": 2.0, "steps": 150.0, "controls": []any{"T_0", "T_mult"}},
			kind: "torch.CosineAnnealingWarmRestarts", values: map[string]string{"lr": "0.1", "T_0": "10", "T_mult": "2"}, steps: "150", controls: []string{"T_0", "T_mult"}},
		{name: "query strings", fields: map[string]any{"kind": "torch.CosineAnnealingWarmRestarts", "T_0": "10", "controls": "T_0, T_mult,steps"},
			kind: "torch.CosineAnnealingWarmRestarts", values: map[string]string{"T_0": "10"}, controls: []string{"T_0", "T_mult", "steps"}},
		{name: "all controls", fields: map[string]any{"kind": "torch.CosineAnnealingLR", "controls": "all"},
			kind: "torch.CosineAnnealingLR", controls: []string{"steps", "lr", "T_max", "eta_min"}},
		{name: "null is None", fields: map[string]any{"kind": "keras.CosineDecay", "alpha": 0.5, "warmup_target": nil}, kind: "keras.CosineDecay",
			values: map[string]string{"alpha": "0.5", "warmup_target": ""}},
		{name: "unknown kind", fields: map[string]any{"kind": "torch.CosineAnealingLR"}, kind: "playground",
			problems: []string{"kind: did you mean torch.CosineAnnealingLR?"}},
		{name: "kind not a string", fields: map[string]any{"kind": 3.0}, kind: "playground", problems: []string{"kind: must be a string"}},
		{name: "unknown parameter", fields: map[string]any{"kind": "torch.CosineAnnealingLR", "t_max": 5.0}, kind: "torch.CosineAnnealingLR",
			problems: []string{": did you mean T_max?"}},
		{name: "bad value keeps the example", fields: map[string]any{"kind": "torch.CosineAnnealingLR", "T_max": -3.0, "controls": []any{"T_max"}},
			kind: "torch.CosineAnnealingLR", values: map[string]string{"T_max": "20"}, controls: []string{"T_max"}, problems: []string{"T_max: using 20"}},
		{name: "script in a value", fields: map[string]any{"kind": "torch.CosineAnnealingLR", "T_max": "<img src=x onerror=alert(1)>"},
			kind: "torch.CosineAnnealingLR", problems: []string{"T_max: is not a number"}},
		{name: "bad steps", fields: map[string]any{"steps": "1e400"}, kind: "playground", steps: "1000", problems: []string{"steps: not a whole number"}},
		{name: "unknown control", fields: map[string]any{"controls": []any{"T_max", "Tmax"}}, kind: "playground", controls: []string{"T_max"},
			problems: []string{`: no control named "Tmax"`}},
		{name: "many unknown controls", fields: map[string]any{"controls": strings.Repeat("a,", 1<<19) + "T_max"}, kind: "playground", controls: []string{"T_max"},
			problems: []string{`: no control named "a"`, `: no control named "a"`, `: no control named "a"`, `: no control named "a"`, `: no control named "a"`,
				": and 524283 more names in controls that are no control of playground"}},
		{name: "controls not names", fields: map[string]any{"controls": []any{1.0}}, kind: "playground", problems: []string{": controls must be a list"}},
		{name: "flag not a bool", fields: map[string]any{"log": "yes"}, kind: "playground", problems: []string{": log must be true or false"}},
		{name: "object value", fields: map[string]any{"T_max": map[string]any{}}, kind: "playground", problems: []string{"T_max: must be a number"}},
		{name: "a kind's former name", fields: map[string]any{"kind": "sb3.cosine", "initial_value": 0.002, "controls": []any{"final_value"}},
			kind: "lr_schedule.cosine", values: map[string]string{"initial_value": "0.002"}, controls: []string{"final_value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, problems := ParseConfig(tt.fields)
			if cfg.State.Kind.Name != tt.kind {
				t.Errorf("kind %s, want %s", cfg.State.Kind.Name, tt.kind)
			}
			if tt.steps != "" && cfg.State.Steps != tt.steps {
				t.Errorf("steps %s, want %s", cfg.State.Steps, tt.steps)
			}
			for k, v := range tt.values {
				if got := cfg.State.Values[k]; got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if !slices.Equal(cfg.Controls, tt.controls) {
				t.Errorf("controls %q, want %q", cfg.Controls, tt.controls)
			}
			checkProblems(t, problems, tt.problems)
			if _, _, curveProblems := cfg.State.Curves(); curveProblems != nil && tt.problems == nil {
				t.Errorf("the configuration draws nothing: %v", curveProblems)
			}
		})
	}
}

// checkProblems compares problems with "param: substring" expectations, in order.
func checkProblems(t *testing.T, problems []Problem, want []string) {
	t.Helper()
	if len(problems) != len(want) {
		t.Errorf("problems %v, want %v", problems, want)
		return
	}
	for i, p := range problems {
		param, sub, _ := strings.Cut(want[i], ": ")
		if p.Param != param || !strings.Contains(p.Msg, sub) {
			t.Errorf("problem %d = %+v, want %s", i, p, want[i])
		}
	}
}

// TestConfigSeries overlays kinds fed by shared variables, as the
// tutorial's comparison does.
func TestConfigSeries(t *testing.T) {
	cfg, problems := ParseConfig(map[string]any{
		"steps": "$total",
		"vars":  map[string]any{"lr": 0.1, "total": 100.0},
		"series": []any{
			map[string]any{"kind": "torch.CosineAnnealingLR", "label": "PyTorch", "lr": "$lr", "T_max": "$steps"},
			map[string]any{"kind": "timm.CosineLRScheduler", "lr": "$lr", "t_initial": "$steps", "lr_min": 0.0},
			map[string]any{"kind": "optax.cosine_decay_schedule", "init_value": "$lr", "decay_steps": "$steps"},
		},
		"controls": []any{"lr", "steps"},
	})
	checkProblems(t, problems, []string{"steps: not a whole number"})
	if len(cfg.State.Series) != 3 || cfg.State.Series[0].Label != "PyTorch" || cfg.State.Series[1].Label != "timm.CosineLRScheduler" {
		t.Fatalf("series %+v", cfg.State.Series)
	}
	if !slices.Equal(cfg.Controls, []string{"lr", "steps"}) {
		t.Errorf("controls %q", cfg.Controls)
	}
	curves, steps, problems := cfg.State.Curves()
	if problems != nil {
		t.Fatal(problems)
	}
	if steps != 1000 || len(curves) != 3 {
		t.Fatalf("steps %d, %d curves", steps, len(curves))
	}
	// Every curve starts at the shared lr and ends its cosine at the run's end.
	for _, c := range curves {
		want := 0.1
		if strings.HasPrefix(c.Label, "optax") {
			want = float64(float32(0.1)) // optax computes in float32
		}
		if got := c.Sched.At(0, steps); got != want {
			t.Errorf("%s: lr at 0 = %v, want %v", c.Label, got, want)
		}
	}
	// A variable out of one series' range is reported at its control.
	cfg.State.Values["lr"] = "-1"
	if _, _, problems := cfg.State.Curves(); len(problems) == 0 || problems[0].Param != "lr" {
		t.Errorf("lr = -1: problems %v, want one at lr", problems)
	}
}

func TestConfigSeriesProblems(t *testing.T) {
	tests := []struct {
		name     string
		fields   map[string]any
		problems []string
	}{
		{"empty series", map[string]any{"series": []any{}}, []string{": non-empty list"}},
		{"unknown kind", map[string]any{"series": []any{map[string]any{"kind": "nope"}}}, []string{`: series 1: unknown kind "nope"`}},
		{"undefined variable", map[string]any{"series": []any{map[string]any{"kind": "torch.CosineAnnealingLR", "lr": "$x", "T_max": 10.0}}}, []string{": which vars does not define"}},
		{"bad variable", map[string]any{"vars": map[string]any{"x": -1.0}, "series": []any{map[string]any{"kind": "torch.CosineAnnealingLR", "lr": "$x", "T_max": 10.0}}}, []string{": vars: x:"}},
		{"incomplete series", map[string]any{"series": []any{map[string]any{"kind": "torch.CosineAnnealingLR"}}}, []string{": T_max: missing"}},
		{"vars without series", map[string]any{"vars": map[string]any{}}, []string{": vars is only for"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, problems := ParseConfig(tt.fields)
			checkProblems(t, problems, tt.problems)
			if _, _, p := cfg.State.Curves(); p != nil {
				t.Errorf("falls back to nothing drawable: %v", p)
			}
		})
	}
}

// TestConfigSeriesAlias: a series may name a kind by its former name.
func TestConfigSeriesAlias(t *testing.T) {
	cfg, problems := ParseConfig(map[string]any{
		"steps": 100.0,
		"series": []any{
			map[string]any{"kind": "sb3.linear", "initial_value": 0.1},
			map[string]any{"kind": "lr_schedule.constant", "initial_value": 0.1},
		},
	})
	checkProblems(t, problems, nil)
	curves, steps, problems := cfg.State.Curves()
	if problems != nil || len(curves) != 2 || curves[0].Label != "lr_schedule.linear" {
		t.Fatalf("curves %+v, problems %v", curves, problems)
	}
	if a, b := curves[0].Sched.At(0, steps), curves[1].Sched.At(0, steps); a != 0.1 || b != 0.1 {
		t.Errorf("lr at 0 = %v and %v, want 0.1", a, b)
	}
}

// TestParseConfigTheme: "theme" picks the figure's colours; anything but
// light, dark or auto is said and leaves the page's own.
func TestParseConfigTheme(t *testing.T) {
	for _, tt := range []struct {
		value   any
		want    string
		problem bool
	}{
		{nil, "", false}, // absent: the page's own
		{"light", "light", false},
		{"dark", "dark", false},
		{"auto", "auto", false},
		{"Dark", "", true},
		{"", "", true},
		{true, "", true},
	} {
		fields := map[string]any{"kind": "torch.LinearLR"}
		if tt.value != nil {
			fields["theme"] = tt.value
		}
		cfg, problems := ParseConfig(fields)
		if cfg.Theme != tt.want {
			t.Errorf("theme %v: %q, want %q", tt.value, cfg.Theme, tt.want)
		}
		if got := len(problems) == 1 && strings.Contains(problems[0].Msg, `theme must be "light", "dark" or "auto"`); got != tt.problem || (!tt.problem && len(problems) > 0) {
			t.Errorf("theme %v: problems %+v", tt.value, problems)
		}
	}
}
