package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

const seqQuery = "kind=torch.SequentialLR&schedulers[0].kind=torch.LinearLR&schedulers[0].start_factor=0.01" +
	"&schedulers[0].total_iters=10&schedulers[1].kind=torch.CosineAnnealingLR&schedulers[1].T_max=90&milestones=10&steps=100"

// seqSpec is SequentialLR's example, which seqQuery writes out.
const seqSpec = `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"end_factor":1,"total_iters":10},` +
	`{"kind":"torch.CosineAnnealingLR","T_max":90,"eta_min":0}],"milestones":[10]}`

func specOf(t *testing.T, st State) string {
	t.Helper()
	s, _, problems := st.Spec()
	if problems != nil {
		t.Fatalf("Spec: %v", problems)
	}
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func treeQuery(t *testing.T, q string) State {
	t.Helper()
	st, problems := ParseQuery(q)
	if problems != nil {
		t.Fatalf("ParseQuery(%q): %v", q, problems)
	}
	return st
}

func TestTreeQueryRoundTrip(t *testing.T) {
	st := treeQuery(t, seqQuery)
	if got := specOf(t, st); got != seqSpec {
		t.Errorf("spec %s\nwant %s", got, seqSpec)
	}
	if got := specOf(t, defaultState(core.LookupKind("torch.SequentialLR"))); got != seqSpec {
		t.Errorf("the example's state writes %s", got)
	}
	want := "kind=torch.SequentialLR&schedulers%5B0%5D.kind=torch.LinearLR&schedulers%5B0%5D.start_factor=0.01" +
		"&schedulers%5B0%5D.total_iters=10&schedulers%5B1%5D.kind=torch.CosineAnnealingLR&schedulers%5B1%5D.T_max=90&milestones=10&steps=100"
	if got := st.Query(); got != want {
		t.Errorf("Query() = %s\nwant      %s", got, want)
	}
	if got := treeQuery(t, st.Query()).Query(); got != want {
		t.Errorf("not a fixed point: %s", got)
	}
	// The nested JSON form, in a query as a configuration has it.
	nested := "kind=torch.SequentialLR&schedulers=" + queryEscape(`[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":10},{"kind":"torch.CosineAnnealingLR","T_max":90}]`) + "&milestones=[10]&steps=100"
	if got := specOf(t, treeQuery(t, nested)); got != seqSpec {
		t.Errorf("the nested form reads as %s", got)
	}
}

func TestTreeConfig(t *testing.T) {
	v, err := decodeJSON(`{"kind":"torch.SequentialLR","steps":100,"milestones":[10],
		"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":10},{"kind":"torch.CosineAnnealingLR","T_max":90}]}`)
	if err != nil {
		t.Fatal(err)
	}
	cfg, problems := ParseConfig(v.(map[string]any))
	if problems != nil {
		t.Fatalf("ParseConfig: %v", problems)
	}
	if got := specOf(t, cfg.State); got != seqSpec {
		t.Errorf("the configuration draws %s", got)
	}
	// A nested composition: a SequentialLR inside a ChainedScheduler.
	v, _ = decodeJSON(`{"kind":"torch.ChainedScheduler","schedulers":[{"kind":"torch.ExponentialLR","gamma":0.99},
		{"kind":"torch.SequentialLR","schedulers":[{"kind":"torch.LinearLR","total_iters":4},{"kind":"torch.ExponentialLR","gamma":0.5}],"milestones":[4]}]}`)
	cfg, problems = ParseConfig(v.(map[string]any))
	if problems != nil {
		t.Fatalf("nested: %v", problems)
	}
	st := cfg.State
	if st.Values["schedulers[1].schedulers[1].kind"] == "" || st.Values["schedulers[1].milestones"] != "4" {
		t.Fatalf("nested values: %q", st.Values)
	}
	if got := treeQuery(t, st.Query()); specOf(t, got) != specOf(t, st) {
		t.Errorf("the nested link reopens as %s, want %s", specOf(t, got), specOf(t, st))
	}
	// At the deepest level the pickers offer no compositions.
	opts := st.paramAt("schedulers[1].schedulers[0].kind").Options
	if !slices.Contains(opts, "torch.LinearLR") || slices.Contains(opts, "torch.SequentialLR") {
		t.Errorf("the deepest picker offers %v", opts)
	}
	if opts := st.paramAt("schedulers[0].kind").Options; !slices.Contains(opts, "torch.SequentialLR") || slices.Contains(opts, "playground") {
		t.Errorf("the first level's picker offers %v", opts)
	}
}

func TestTreeBadChild(t *testing.T) {
	for _, c := range []struct {
		query, param, msg, spec string
	}{
		{strings.Replace(seqQuery, "T_max=90", "T_max=abc", 1), "schedulers[1].T_max", "using 20", `"T_max":20`},
		{strings.Replace(seqQuery, "=torch.CosineAnnealingLR", "=torch.Nope", 1), "schedulers[1].kind", "unknown kind", `"T_max":90`},
		{strings.Replace(seqQuery, "=torch.CosineAnnealingLR", "=playground", 1), "schedulers[1].kind", "cannot be one of", `"T_max":90`},
		{seqQuery + "&schedulers[1].bogus=1", "", "schedulers[1].bogus", `"T_max":90`},
	} {
		st, problems := ParseQuery(c.query)
		if len(problems) != 1 || problems[0].Param != c.param || !strings.Contains(problems[0].Msg, c.msg) {
			t.Errorf("ParseQuery(%s): problems %v, want one at %q saying %q", c.query, problems, c.param, c.msg)
			continue
		}
		if got := specOf(t, st); !strings.Contains(got, c.spec) || !strings.Contains(got, `"start_factor":0.01`) {
			t.Errorf("ParseQuery(%s) draws %s", c.query, got)
		}
	}
	// A bad value while editing: the problem is beside the child's control.
	st := treeQuery(t, seqQuery)
	st, _, _ = setValue(st, "schedulers[1].T_max", "0")
	if _, _, problems := st.Spec(); len(problems) != 1 || problems[0].Param != "schedulers[1].T_max" {
		t.Errorf("T_max 0: problems %v", problems)
	}
	st, _, _ = setValue(st, "schedulers[1].T_max", "90")
	st, _, _ = setValue(st, "milestones", "10, 20")
	if _, _, problems := st.Spec(); len(problems) != 1 || problems[0].Param != "milestones" || !strings.Contains(problems[0].Msg, "one more than") {
		t.Errorf("two milestones: problems %v", problems)
	}
}

func TestTreeEdits(t *testing.T) {
	kinds := func(st State) string {
		var out []string
		for _, cp := range st.childPrefixes("", "schedulers") {
			out = append(out, strings.TrimPrefix(st.Values[cp+"kind"], "torch.")+"@"+st.Values[cp+"T_max"]+st.Values[cp+"total_iters"])
		}
		return strings.Join(out, " ") + " | " + st.Values["milestones"]
	}
	st := treeQuery(t, seqQuery)
	for _, e := range []struct{ action, path, want string }{
		{"add", "schedulers", "LinearLR@10 CosineAnnealingLR@90 CosineAnnealingLR@20 | 10, 20"},
		{"add", "schedulers", "LinearLR@10 CosineAnnealingLR@90 CosineAnnealingLR@20 CosineAnnealingLR@20 | 10, 20, 30"},
		{"remove", "schedulers[0]", "CosineAnnealingLR@90 CosineAnnealingLR@20 CosineAnnealingLR@20 | 20, 30"},
		{"remove", "schedulers[2]", "CosineAnnealingLR@90 CosineAnnealingLR@20 | 20"},
		{"down", "schedulers[0]", "CosineAnnealingLR@20 CosineAnnealingLR@90 | 20"},
		{"up", "schedulers[1]", "CosineAnnealingLR@90 CosineAnnealingLR@20 | 20"},
	} {
		var err error
		if st, err = editPhases(st, e.action, e.path); err != nil {
			t.Fatalf("%s %s: %v", e.action, e.path, err)
		}
		if got := kinds(st); got != e.want {
			t.Errorf("%s %s: %s, want %s", e.action, e.path, got, e.want)
		}
		if _, _, problems := st.Spec(); problems != nil {
			t.Errorf("%s %s: %v", e.action, e.path, problems)
		}
	}
	for _, bad := range []struct{ action, path string }{{"up", "schedulers[0]"}, {"down", "schedulers[1]"}, {"remove", "schedulers[5]"}, {"add", "milestones"}, {"spin", "schedulers[0]"}} {
		if _, err := editPhases(st, bad.action, bad.path); err == nil {
			t.Errorf("%s %s: no error", bad.action, bad.path)
		}
	}
	one, _ := editPhases(st, "remove", "schedulers[1]")
	if _, err := editPhases(one, "remove", "schedulers[0]"); err == nil {
		t.Errorf("removing the last phase: no error")
	}
	// Switching a phase's kind starts it from that kind's example.
	st, _, err := setValue(st, "schedulers[1].kind", "torch.LinearLR")
	if err != nil || st.Values["schedulers[1].total_iters"] != "50" || st.Values["schedulers[1].T_max"] != "" {
		t.Errorf("switch to LinearLR: %v, %q", err, st.Values)
	}
	if _, _, err := setValue(st, "schedulers[1].kind", "playground"); err == nil {
		t.Errorf("switch to hf.linear: no error")
	}
}

func TestTreeControls(t *testing.T) {
	st := treeQuery(t, seqQuery)
	var names []string
	for _, name := range allControls(st) {
		names = append(names, name)
	}
	if strings.Join(names[:4], " ") != "steps lr schedulers milestones" {
		t.Errorf("controls %v", names)
	}
	g := toJSON(describeControl(st, param(st, "schedulers"), false))
	for _, want := range []string{`"type":"schedules"`, `"path":"schedulers[1]"`, `"id":"schedulers-1-T_max"`, `"name":"schedulers[1].T_max"`,
		`"label":"T_max"`, `"up":false`, `"add":true`, `"options":["torch.CosineAnnealingLR"`} {
		if !strings.Contains(g, want) {
			t.Errorf("the group's description lacks %s: %.400s", want, g)
		}
	}
	if strings.Contains(g, `"name":"schedulers[0].lr"`) {
		t.Errorf("a child shows the lr it inherits")
	}
}

// TestTreeLambda: a lambda's errors are beside its box; a link whose child
// fails only over the run (a negative lr) draws with that child's example.
func TestTreeLambda(t *testing.T) {
	st := treeQuery(t, "kind=torch.LambdaLR")
	st, _, _ = setValue(st, "lr_lambda", "lambda e: foo(e)")
	if _, _, p := st.Curves(); len(p) != 1 || p[0].Param != "lr_lambda" || !strings.Contains(p[0].Msg, `"foo" is not defined`) {
		t.Errorf("foo: %v", p)
	}
	st, problems := ParseQuery("kind=torch.SequentialLR&schedulers[0].kind=torch.LambdaLR&schedulers[0].lr_lambda=lambda+e:+1/(e-5)" +
		"&schedulers[1].kind=torch.CosineAnnealingLR&schedulers[1].T_max=33&milestones=10")
	if len(problems) != 1 || problems[0].Param != "schedulers[0].kind" || !strings.Contains(problems[0].Msg, "example of torch.LambdaLR") {
		t.Errorf("problems %v", problems)
	}
	if got := specOf(t, st); !strings.Contains(got, `"T_max":33`) || !strings.Contains(got, `"lr_lambda":"lambda epoch: 0.95 ** epoch"`) {
		t.Errorf("draws %s", got)
	}
}

func TestTreeLambdaZeroDivision(t *testing.T) {
	st := treeQuery(t, "kind=torch.LambdaLR")
	st, _, _ = setValue(st, "lr_lambda", "lambda e: 1 / (50 - e)")
	if _, _, p := st.Curves(); len(p) != 1 || p[0].Param != "lr_lambda" || !strings.Contains(p[0].Msg, "ZeroDivisionError at e 50") {
		t.Errorf("1 / (50 - e): %v", p)
	}
}
