//go:build browser

package main

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

// The page's compositions of other frameworks than PyTorch: optax's
// join_schedules and ignite's ConcatScheduler, with their boundary lists
// (boundaries, durations), and the step: value pairs of a PairList control.
// A link's child takes what the link leaves out from its kind's example
// (cosine_decay_schedule's alpha 0.1, CosineAnnealingScheduler's
// cycle_mult 1.5), so the specs below name those.

const joinLink = "?kind=optax.join_schedules&schedules[0].kind=optax.linear_schedule&schedules[0].init_value=0" +
	"&schedules[0].end_value=0.001&schedules[0].transition_steps=50&schedules[1].kind=optax.cosine_decay_schedule" +
	"&schedules[1].init_value=0.001&schedules[1].decay_steps=150&boundaries=50&steps=200"

const joinSpec = `{"kind":"optax.join_schedules","schedules":[{"kind":"optax.linear_schedule","init_value":0,"end_value":0.001,` +
	`"transition_steps":50},{"kind":"optax.cosine_decay_schedule","init_value":0.001,"decay_steps":%s,"alpha":0.1}],"boundaries":[50]}`

var concatLink = "?kind=ignite.ConcatScheduler&schedulers[0].kind=ignite.PiecewiseLinear&schedulers[0].milestones_values=" +
	url.QueryEscape("0: 0, 50: 0.1") + "&schedulers[1].kind=ignite.CosineAnnealingScheduler&schedulers[1].start_value=0.1" +
	"&schedulers[1].end_value=0.001&schedulers[1].cycle_size=150&durations=50&steps=200"

const concatSpec = `{"kind":"ignite.ConcatScheduler","schedulers":[{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[50,0.1]]},` +
	`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":%s,"cycle_mult":1.5}],"durations":[50]}`

func TestBrowserComposeJoin(t *testing.T) {
	tb := open(t, joinLink)
	tb.sameAsCore(fmt.Sprintf(joinSpec, "150"), 200)
	if got := tb.value("schedules-1-kind"); got != "optax.cosine_decay_schedule" {
		t.Fatalf("phase 1's kind picker holds %q", got)
	}
	// A child's control: the chart follows at once.
	tb.setInput("schedules-1-decay_steps", "80")
	tb.sameAsCore(fmt.Sprintf(joinSpec, "80"), 200)
	// Add a phase: like the last, with a boundary after the last.
	tb.click("schedules-add")
	if got := tb.value("schedules-2-kind"); got != "optax.cosine_decay_schedule" {
		t.Fatalf("the added phase is %q", got)
	}
	if got := tb.value("boundaries"); got != "50, 100" {
		t.Errorf("boundaries after adding a phase: %q", got)
	}
	added := `{"kind":"optax.join_schedules","schedules":[{"kind":"optax.linear_schedule","init_value":0,"end_value":0.001,"transition_steps":50},` +
		`{"kind":"optax.cosine_decay_schedule","init_value":0.001,"decay_steps":80,"alpha":0.1},` + exampleChild(t, "optax.cosine_decay_schedule") +
		`],"boundaries":[50,100]}`
	tb.sameAsCore(added, 200)
	// Remove the first: its boundary goes with it.
	tb.click("schedules-0-remove")
	if got := tb.value("schedules-0-kind"); got != "optax.cosine_decay_schedule" || tb.exists("schedules-2-kind") {
		t.Fatalf("after removing phase 0, phase 0 is %q", got)
	}
	if got := tb.value("boundaries"); got != "100" {
		t.Errorf("boundaries after removing phase 0: %q", got)
	}
	tb.sameAsCore(`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.cosine_decay_schedule","init_value":0.001,"decay_steps":80,"alpha":0.1},`+
		exampleChild(t, "optax.cosine_decay_schedule")+`],"boundaries":[100]}`, 200)
	tb.noConsoleErrors()
}

func TestBrowserComposeConcat(t *testing.T) {
	tb := open(t, concatLink)
	tb.sameAsCore(fmt.Sprintf(concatSpec, "150"), 200)
	if got := tb.value("schedulers-0-milestones_values"); got != "0: 0, 50: 0.1" {
		t.Errorf("the child's pairs read %q", got)
	}
	tb.setInput("schedulers-1-cycle_size", "60")
	tb.sameAsCore(fmt.Sprintf(concatSpec, "60"), 200)
	// The child's pairs, as a person types them.
	tb.setInput("schedulers-0-milestones_values", "0: 0, 40: 0.2")
	tb.sameAsCore(strings.Replace(fmt.Sprintf(concatSpec, "60"), "[[0,0],[50,0.1]]", "[[0,0],[40,0.2]]", 1), 200)
	good := tb.plot()
	tb.setInput("schedulers-0-milestones_values", "0: 0, 40")
	if msg := tb.text("schedulers-0-milestones_values-error"); msg == "" {
		t.Errorf("a pair without its value: no message beside it")
	}
	if fmt.Sprint(tb.plot()) != fmt.Sprint(good) {
		t.Errorf("a bad pair changed the chart; the last good one should stay")
	}
	tb.setInput("schedulers-0-milestones_values", "0: 0, 40: 0.2")
	if msg := tb.text("schedulers-0-milestones_values-error"); msg != "" {
		t.Errorf("after the fix the message %q stays", msg)
	}
	// Add a phase, then remove it: the durations follow.
	tb.click("schedulers-add")
	if got := tb.value("durations"); got != "50, 100" {
		t.Errorf("durations after adding a phase: %q", got)
	}
	if got := tb.value("schedulers-2-kind"); got != "ignite.CosineAnnealingScheduler" {
		t.Fatalf("the added phase is %q", got)
	}
	tb.click("schedulers-2-remove")
	if got := tb.value("durations"); got != "50" || tb.exists("schedulers-2-kind") {
		t.Errorf("durations after removing the added phase: %q", got)
	}
	tb.sameAsCore(strings.Replace(fmt.Sprintf(concatSpec, "60"), "[[0,0],[50,0.1]]", "[[0,0],[40,0.2]]", 1), 200)
	tb.noConsoleErrors()
}

// TestBrowserPairList: optax's boundaries_and_scales and ignite's
// milestones_values take "100: 0.1, 200: 0.01"; a bad pair is said beside
// the control and the chart kept.
func TestBrowserPairList(t *testing.T) {
	for _, tc := range []struct{ link, id, spec string }{
		{"?kind=optax.piecewise_constant_schedule&init_value=0.1&steps=300", "boundaries_and_scales",
			`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[100,0.1],[200,0.01]]}`},
		{"?kind=ignite.PiecewiseLinear&steps=300", "milestones_values",
			`{"kind":"ignite.PiecewiseLinear","milestones_values":[[100,0.1],[200,0.01]]}`},
	} {
		tb := open(t, tc.link)
		tb.setInput(tc.id, "100: 0.1, 200: 0.01")
		if msg := tb.text(tc.id + "-error"); msg != "" {
			t.Errorf("%s: a good list: %q beside it", tc.id, msg)
		}
		tb.sameAsCore(tc.spec, 300)
		good := tb.plot()
		for _, bad := range []string{"100: 0.1, 200", "100: 0.1, x: 0.01", "100: 0.1, 200: abc"} {
			tb.setInput(tc.id, bad)
			if msg := tb.text(tc.id + "-error"); !strings.Contains(msg, "(pair 1) is not step: value") {
				t.Errorf("%s = %q: the message beside it is %q", tc.id, bad, msg)
			}
			if fmt.Sprint(tb.plot()) != fmt.Sprint(good) {
				t.Errorf("%s = %q changed the chart", tc.id, bad)
			}
		}
		tb.setInput(tc.id, "100: 0.1, 200: 0.01")
		if msg := tb.text(tc.id + "-error"); msg != "" {
			t.Errorf("%s: after the fix %q stays", tc.id, msg)
		}
		tb.sameAsCore(tc.spec, 300)
		tb.noConsoleErrors()
	}
}

// exampleChild is a kind's example as a child spec (no lr).
func exampleChild(t *testing.T, kind string) string {
	t.Helper()
	for _, k := range core.Kinds() {
		if k.Name == kind {
			return k.Example
		}
	}
	t.Fatalf("no kind %s", kind)
	return ""
}

// TestBrowserIgniteWrap: ignite's LRScheduler and
// create_lr_scheduler_with_warmup open from their links, with their one
// PyTorch scheduler's controls.
func TestBrowserIgniteWrap(t *testing.T) {
	tb := open(t, "?kind=ignite.create_lr_scheduler_with_warmup&steps=100")
	spec := `{"kind":"ignite.create_lr_scheduler_with_warmup","lr":0.1,"lr_scheduler":[{"kind":"torch.CosineAnnealingLR","T_max":%s}],` +
		`"warmup_start_value":0,"warmup_duration":%s}`
	tb.sameAsCore(fmt.Sprintf(spec, "90", "10"), 100)
	if tb.exists("lr_scheduler-0-lr") {
		t.Errorf("the wrapped scheduler shows an lr control; it is the optimizer's")
	}
	tb.setInput("lr_scheduler-0-T_max", "40")
	tb.setInput("warmup_duration", "20")
	tb.sameAsCore(fmt.Sprintf(spec, "40", "20"), 100)
	tb.setInput("warmup_duration", "1")
	if msg := tb.text("warmup_duration-error"); !strings.Contains(msg, "should be at least 2 events, but given 1") {
		t.Errorf("warmup_duration = 1: the message beside it is %q", msg)
	}
	lrs := open(t, "?kind=ignite.LRScheduler&steps=100&lr_scheduler[0].kind=torch.LinearLR&lr_scheduler[0].start_factor=0.5&lr_scheduler[0].total_iters=4")
	lrs.sameAsCore(`{"kind":"ignite.LRScheduler","lr":0.1,"lr_scheduler":[{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":4}]}`, 100)
	tb.noConsoleErrors()
	lrs.noConsoleErrors()
}
