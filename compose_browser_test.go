//go:build browser

package main

import (
	"fmt"
	"strings"
	"testing"
)

// The playground composes: a composition's phases, each with its kind
// picker, controls and buttons; the whole tree in the URL.

const seqLink = "?kind=torch.SequentialLR&lr=0.1&schedulers[0].kind=torch.LinearLR&schedulers[0].start_factor=0.01" +
	"&schedulers[0].total_iters=10&schedulers[1].kind=torch.CosineAnnealingLR&schedulers[1].T_max=90&milestones=10&steps=100"

const seqSpec = `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":10},` +
	`{"kind":"torch.CosineAnnealingLR","T_max":%s}],"milestones":[10]}`

// click presses a button as a person would and waits for the redraw.
func (tb *tab) click(id string) {
	tb.t.Helper()
	eval[bool](tb, fmt.Sprintf(`(() => { document.getElementById(%q).click(); return %s; })()`, id, nextFrames))
}

func (tb *tab) exists(id string) bool {
	tb.t.Helper()
	return eval[bool](tb, fmt.Sprintf(`Boolean(document.getElementById(%q))`, id))
}

func TestBrowserComposeSlider(t *testing.T) {
	tb := open(t, seqLink)
	tb.sameAsCore(fmt.Sprintf(seqSpec, "90"), 100)
	if p := tb.plot(); fmt.Sprint(p.Markers) != "[10]" {
		t.Errorf("the milestone's marker: markers at %v, want [10]", p.Markers)
	}
	if got := tb.value("schedulers-0-kind"); got != "torch.LinearLR" {
		t.Errorf("phase 0's kind picker holds %q", got)
	}
	if tb.exists("schedulers-0-lr") {
		t.Errorf("a child shows an lr control; it inherits the composition's")
	}
	// The child's T_max slider: the chart follows at once.
	tb.setInput("schedulers-1-T_max-slider", "0.3")
	tmax := tb.value("schedulers-1-T_max")
	if tmax == "90" || tmax == "" {
		t.Fatalf("moving the slider left T_max at %q", tmax)
	}
	tb.sameAsCore(fmt.Sprintf(seqSpec, tmax), 100)
	eval[bool](tb, `new Promise(r => setTimeout(() => r(true), 400))`)
	loc := eval[string](tb, `location.search`)
	if !strings.Contains(loc, "schedulers%5B1%5D.T_max="+tmax) {
		t.Errorf("the URL %q does not hold the child's T_max %s", loc, tmax)
	}
	again := open(t, loc)
	again.sameAsCore(fmt.Sprintf(seqSpec, tmax), 100)
	tb.noConsoleErrors()
}

func TestBrowserComposePhases(t *testing.T) {
	tb := open(t, seqLink)
	// Add: a third phase like the last, and a milestone after the last.
	tb.click("schedulers-add")
	if got := tb.value("schedulers-2-kind"); got != "torch.CosineAnnealingLR" {
		t.Fatalf("the added phase is %q", got)
	}
	if got := tb.value("milestones"); got != "10, 20" {
		t.Errorf("milestones after adding a phase: %q", got)
	}
	tb.sameAsCore(`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":10},`+
		`{"kind":"torch.CosineAnnealingLR","T_max":90},{"kind":"torch.CosineAnnealingLR","T_max":20}],"milestones":[10,20]}`, 100)
	// Remove the first: its milestone goes with it.
	tb.click("schedulers-0-remove")
	if got := tb.value("schedulers-0-kind"); got != "torch.CosineAnnealingLR" || tb.exists("schedulers-2-kind") {
		t.Fatalf("after removing phase 0, phase 0 is %q", got)
	}
	if got := tb.value("milestones"); got != "20" {
		t.Errorf("milestones after removing phase 0: %q", got)
	}
	// Switch a phase's kind: its controls are the new kind's, from its example.
	tb.setInput("schedulers-1-kind", "torch.LinearLR")
	if !tb.exists("schedulers-1-start_factor") || tb.exists("schedulers-1-T_max") {
		t.Fatalf("phase 1 switched to LinearLR shows the wrong controls")
	}
	// Reorder: the LinearLR goes first.
	tb.click("schedulers-1-up")
	if a, b := tb.value("schedulers-0-kind"), tb.value("schedulers-1-kind"); a != "torch.LinearLR" || b != "torch.CosineAnnealingLR" {
		t.Fatalf("after moving phase 1 up: %s, %s", a, b)
	}
	if eval[bool](tb, `document.getElementById('schedulers-0-up').disabled`) != true {
		t.Errorf("the first phase can move up")
	}
	spec := `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":50},` +
		`{"kind":"torch.CosineAnnealingLR","T_max":90}],"milestones":[20]}`
	tb.sameAsCore(spec, 100)
	good := tb.plot()

	// A bad value in one child: the reason beside it, the chart kept.
	tb.setInput("schedulers-1-T_max", "abc")
	if msg := tb.text("schedulers-1-T_max-error"); !strings.Contains(msg, "not a number") {
		t.Errorf("T_max = abc: the message beside it is %q", msg)
	}
	if fmt.Sprint(tb.plot()) != fmt.Sprint(good) {
		t.Errorf("a bad child value changed the chart; the last good one should stay")
	}
	tb.setInput("schedulers-1-T_max", "90")
	if msg := tb.text("schedulers-1-T_max-error"); msg != "" {
		t.Errorf("after fixing T_max the message %q stays", msg)
	}
	// The milestones' length must match: said beside them.
	tb.setInput("milestones", "20, 30")
	if msg := tb.text("milestones-error"); !strings.Contains(msg, "one more than the number of milestone") {
		t.Errorf("two milestones for two phases: the message beside them is %q", msg)
	}
	tb.setInput("milestones", "20")
	tb.sameAsCore(spec, 100)
	tb.noConsoleErrors()
}

// TestBrowserComposeBadLink: a link with one bad child opens; the reason is
// beside that child's control and the rest is drawn.
func TestBrowserComposeBadLink(t *testing.T) {
	tb := open(t, strings.Replace(seqLink, "T_max=90", "T_max=abc", 1)+"&schedulers[0].start_factor=0.5")
	if msg := tb.text("schedulers-1-T_max-error"); !strings.Contains(msg, "not a number") || !strings.Contains(msg, "using 20") {
		t.Errorf("schedulers[1].T_max=abc: the message beside it is %q", msg)
	}
	// The bad value only is CosineAnnealingLR's example (T_max 20); the good child is kept.
	tb.sameAsCore(strings.Replace(fmt.Sprintf(seqSpec, "20"), "0.01", "0.5", 1), 100)
	unknown := open(t, strings.Replace(seqLink, "kind=torch.CosineAnnealingLR", "kind=torch.Nope", 1))
	if msg := unknown.text("schedulers-1-kind-error"); !strings.Contains(msg, "unknown kind") {
		t.Errorf("schedulers[1].kind=torch.Nope: the message beside it is %q", msg)
	}
	tb.noConsoleErrors()
}

// TestBrowserLambda: LambdaLR's lambda in a text box, its errors beside it.
func TestBrowserLambda(t *testing.T) {
	tb := open(t, "?kind=torch.LambdaLR&steps=100")
	if tag := eval[string](tb, `document.getElementById('lr_lambda').tagName`); tag != "TEXTAREA" {
		t.Errorf("lr_lambda is a %s", tag)
	}
	good := tb.plot()
	for _, bad := range []struct{ text, want string }{
		{"lambda e: foo(e)", `"foo" is not defined`},
		{"lambda e: 1 / (50 - e)", "ZeroDivisionError at e 50"},
	} {
		tb.setInput("lr_lambda", bad.text)
		if msg := tb.text("lr_lambda-error"); !strings.Contains(msg, bad.want) {
			t.Errorf("%s: the message beside it is %q, want %q", bad.text, msg, bad.want)
		}
		if fmt.Sprint(tb.plot()) != fmt.Sprint(good) {
			t.Errorf("%s changed the chart", bad.text)
		}
	}
	tb.setInput("lr_lambda", "lambda e: 0.9 ** e")
	if msg := tb.text("lr_lambda-error"); msg != "" {
		t.Errorf("after the fix the message %q stays", msg)
	}
	tb.sameAsCore(`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 0.9 ** e"}`, 100)
	tb.noConsoleErrors()
}
