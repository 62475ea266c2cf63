//go:build !lean

package main

import (
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

func TestLint(t *testing.T) {
	st := toJSON(mustQuery(t, "kind=torch.CosineAnnealingLR&lr=0.1&T_max=20&steps=150").stateObject())
	got := callAPI[struct {
		Findings []struct {
			Code, Message, Steps, FixLabel string
			Fix                            map[string]string
		}
		Areas [][3]any
	}](t, "lint", st)
	s, _ := core.Parse([]byte(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`))
	want, _ := core.Lint(s, 150)
	if len(got.Findings) != len(want) || len(want) == 0 {
		t.Fatalf("%d findings, core.Lint %d", len(got.Findings), len(want))
	}
	ranges := map[[2]int64]bool{}
	for i, f := range want {
		g := got.Findings[i]
		ranges[[2]int64{f.From, f.To}] = true
		if g.Code != f.Code || g.Message != f.Message || g.FixLabel != f.FixLabel || g.Steps != stepsText(f.From, f.To) {
			t.Errorf("finding %d: %+v, want %+v", i, g, f)
		}
		for name, v := range f.Fix {
			if g.Fix[name] != s.Kind().Param(name).FormatValue(v) {
				t.Errorf("finding %d: fix %s = %q, want %v", i, name, g.Fix[name], v)
			}
		}
	}
	if len(got.Areas) != len(ranges) {
		t.Errorf("%d shaded ranges, want %d", len(got.Areas), len(ranges))
	}
}

func TestCodeAndTranslate(t *testing.T) {
	st := toJSON(mustQuery(t, "kind=torch.CosineAnnealingWarmRestarts&lr=0.1&T_0=10&T_mult=2&steps=150").stateObject())
	s, _ := core.Parse([]byte(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`))
	for _, fw := range []string{"", "timm", "keras"} {
		want, _ := core.Code(s, 150, fw)
		if got := callAPI[struct{ Text, Error string }](t, "code", st, fw); got.Text != want || got.Error != "" {
			t.Errorf("code %q: %+v", fw, got)
		}
	}
	if got := callAPI[struct{ Text, Error string }](t, "code", st, "nope"); got.Error == "" {
		t.Errorf("code in no framework: %+v", got)
	}
	if fws := callAPI[[]string](t, "frameworks"); strings.Join(fws, ",") != strings.Join(core.Frameworks(), ",") {
		t.Errorf("frameworks %v", fws)
	}
	want := core.Translate(s, 150)
	got := callAPI[[]struct {
		Framework, Kind, Label, Note string
		Spec                         *string
	}](t, "translate", st)
	if len(got) != len(want) {
		t.Fatalf("%d translations, want %d", len(got), len(want))
	}
	for i, tr := range want {
		if g := got[i]; g.Framework != tr.Framework || g.Note != tr.Note || (g.Spec == nil) != (tr.Spec == nil) || g.Label != tr.Framework+": "+tr.Kind {
			t.Errorf("translation %d: %+v, want %+v", i, g, tr)
		}
	}
}

func TestImport(t *testing.T) {
	st := toJSON(mustQuery(t, "steps=300&log=1").stateObject())
	got := callAPI[stateResult](t, "import", st, `CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)`)
	for _, want := range []string{`"kind":"torch.CosineAnnealingWarmRestarts"`, `"T_0":"10"`, `"eta_min":"1e-06"`, `"steps":"300"`, `"log":true`} {
		if !strings.Contains(got.state(), want) {
			t.Errorf("imported state %s lacks %s", got.state(), want)
		}
	}
	bad := callAPI[struct{ Error string }](t, "import", st, `get_cosine_schedule_with_warmup(opt, num_warmup_steps=warmup, num_training_steps=10000)`)
	if !strings.Contains(bad.Error, "num_warmup_steps") {
		t.Errorf("an unreadable call: %q", bad.Error)
	}
}
