package main

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

// call invokes the boundary's function name as the page does and decodes
// its JSON result into a value of type T.
func callAPI[T any](t *testing.T, name string, a ...any) T {
	t.Helper()
	fn, ok := api[name]
	if !ok {
		t.Fatalf("no function %q", name)
	}
	v, err := fn(args(a))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out T
	text, ok := v.(string)
	if !ok {
		t.Fatalf("%s returned %T, want JSON text", name, v)
	}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatalf("%s: %v in %s", name, err, text)
	}
	return out
}

// callErr invokes name and returns its error's text.
func callErr(t *testing.T, name string, a ...any) string {
	t.Helper()
	_, err := api[name](args(a))
	if err == nil {
		t.Fatalf("%s(%v): no error", name, a)
	}
	return err.Error()
}

type problemJSON struct {
	Param   string `json:"param"`
	Message string `json:"message"`
}

type stateResult struct {
	State    json.RawMessage `json:"state"`
	Problems []problemJSON   `json:"problems"`
	Position string          `json:"position"`
	Text     string          `json:"text"`
	Controls []string        `json:"controls"`
	Scrub    bool            `json:"scrub"`
	ScrubAt  int64           `json:"scrubAt"`
	Play     bool            `json:"play"`
	Pin      bool            `json:"pin"`
	Mean     bool            `json:"mean"`
	Download bool            `json:"downloads"`
}

func (r stateResult) state() string { return string(r.State) }

// TestStateRoundTrip: a state the page was given reads back as the same
// state, for a playground link, a configuration of several curves, and a
// labelled curve.
func TestStateRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name string
		st   State
	}{
		{"query", mustQuery(t, "kind=torch.CosineAnnealingLR&T_max=40&steps=300&log=1&x=epoch&units.steps_per_epoch=5")},
		{"series", mustConfig(t, `{"series": [{"kind": "torch.CosineAnnealingLR", "label": "a", "lr": "$eta", "T_max": "$steps"},
			{"kind": "keras.CosineDecay", "initial_learning_rate": 0, "warmup_target": "$eta", "warmup_steps": 10, "decay_steps": "$steps"}],
			"vars": {"eta": 0.1}, "steps": 200}`)},
		{"label", mustConfig(t, `{"kind": "keras.CosineDecay", "label": "<b>x</b>", "warmup_target": null}`)},
	} {
		text := toJSON(tt.st.stateObject())
		back, err := parseState(text)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if again := toJSON(back.stateObject()); again != text {
			t.Errorf("%s: %s\nreads back as\n%s", tt.name, text, again)
		}
		c1, s1, p1 := tt.st.Curves()
		c2, s2, p2 := back.Curves()
		if len(p1)+len(p2) > 0 || s1 != s2 || len(c1) != len(c2) {
			t.Fatalf("%s: curves %v %v %v / %v %v %v", tt.name, c1, s1, p1, c2, s2, p2)
		}
		for i := range c1 {
			a, _ := c1[i].Sched.MarshalJSON()
			b, _ := c2[i].Sched.MarshalJSON()
			if string(a) != string(b) || c1[i].Label != c2[i].Label {
				t.Errorf("%s: curve %d is %s %s, was %s %s", tt.name, i, c2[i].Label, b, c1[i].Label, a)
			}
		}
		if !slices.EqualFunc(tt.st.Params(), back.Params(), func(p, q *core.Param) bool {
			return p.Name == q.Name && p.Nullable == q.Nullable && p.Required == q.Required && p.Doc == q.Doc
		}) {
			t.Errorf("%s: the controls' parameters differ after the trip", tt.name)
		}
	}
	for _, bad := range []string{``, `[]`, `{}`, `{"kind": "nope", "values": {}, "steps": "1"}`, `{"kind": "playground", "values": {"a": 1}, "steps": "1"}`,
		`{"kind": "playground", "values": {}, "steps": "1", "series": [{"kind": "nope"}]}`,
		`{"kind": "playground", "values": {}, "steps": "1", "series": [{"kind": "playground", "fixed": {}, "bind": {}}], "vars": [{"name": "x", "kind": "playground", "param": "lr"}]}`} {
		if _, err := parseState(bad); err == nil {
			t.Errorf("parseState(%s): no error", bad)
		}
	}
}

func mustQuery(t *testing.T, q string) State {
	t.Helper()
	st, problems := ParseQuery(q)
	if len(problems) > 0 {
		t.Fatalf("%s: %v", q, problems)
	}
	return st
}

func mustConfig(t *testing.T, text string) State {
	t.Helper()
	r := callAPI[stateResult](t, "fromConfig", text)
	if len(r.Problems) > 0 {
		t.Fatalf("%s: %v", text, r.Problems)
	}
	st, err := parseState(r.state())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestFromQuery(t *testing.T) {
	r := callAPI[stateResult](t, "fromQuery", "kind=torch.Nope&T_max=abc&log=1")
	if len(r.Problems) != 2 || r.Problems[0].Param != "" || !strings.Contains(r.Problems[0].Message, "unknown kind") ||
		r.Problems[1].Param != "T_max" || !strings.Contains(r.Problems[1].Message, "using 130") {
		t.Errorf("problems %+v: want the unknown kind for the page, the bad T_max beside it", r.Problems)
	}
	if link, err := linkFn(args{r.state()}); err != nil || link != "kind=playground&T_max=130&warmup=0.09&steps=1000&log=1" {
		t.Errorf("link %v (%v)", link, err)
	}
}

func TestFromConfig(t *testing.T) {
	r := callAPI[stateResult](t, "fromConfig", `{"kind": "torch.CosineAnnealingWarmRestarts", "T_0": 10, "T_max": 1e400, "steps": 150,
		"scrub": 30, "play": true, "pin": true, "mean": true, "controls": ["T_0", "steps"]}`)
	if !r.Scrub || r.ScrubAt != 30 || !r.Play || !r.Pin || !r.Mean || r.Download || !slices.Equal(r.Controls, []string{"T_0", "steps"}) {
		t.Errorf("configuration %+v", r)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, `has no parameter "T_max"`) {
		t.Errorf("problems %+v", r.Problems)
	}
	// NaN and Infinity, which the page writes for numbers JSON cannot hold, read as Go's.
	r = callAPI[stateResult](t, "fromConfig", `{"kind": "torch.CosineAnnealingLR", "T_max": Infinity, "eta_min": NaN, "controls": ["T_max"]}`)
	if len(r.Problems) != 2 || !strings.HasPrefix(r.Problems[0].Message, `"+Inf" is not a number`) || !strings.HasPrefix(r.Problems[1].Message, `"NaN" is not a number`) {
		t.Errorf("problems %+v", r.Problems)
	}
	// What the page could not read is said, and the default drawn.
	r = callAPI[stateResult](t, "fromConfig", "", "data-lrplay is not valid JSON (x)")
	if len(r.Problems) != 1 || r.Problems[0].Message != "data-lrplay is not valid JSON (x)" || !strings.Contains(r.state(), `"kind":"playground"`) {
		t.Errorf("%+v", r)
	}
	if msg := callErr(t, "fromConfig", "[1]"); !strings.Contains(msg, "must be an object") {
		t.Errorf("a list: %s", msg)
	}
	e := callAPI[stateResult](t, "fromEmbed", "kind=torch.LinearLR&controls=all&eta_min=%zz")
	if !e.Download || len(e.Controls) != 5 || len(e.Problems) != 1 || !strings.Contains(e.Problems[0].Message, "malformed") {
		t.Errorf("embed %+v", e)
	}
	if e := callAPI[stateResult](t, "fromEmbed", strings.Repeat("a", maxQueryBytes+1)); len(e.Problems) != 1 || !strings.Contains(e.Problems[0].Message, "more than the 16384 read") {
		t.Errorf("a long embed query: %+v", e.Problems)
	}
}

type controlJSON struct {
	Name, Label, Range, Doc, Value, Type, Group string
	Options                                     []string
	Slider                                      struct{ Min, Max, Step, Position string }
}

func TestControls(t *testing.T) {
	st := toJSON(mustQuery(t, "kind=torch.OneCycleLR&max_lr=0.01").stateObject())
	all := callAPI[[]controlJSON](t, "controls", st, "")
	var names []string
	for _, c := range all {
		names = append(names, c.Name)
	}
	want := []string{"steps", "max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy", "div_factor",
		"final_div_factor", "three_phase", "units.steps_per_epoch", "units.accumulation", "units.stepping"}
	if !slices.Equal(names, want) {
		t.Errorf("the playground's controls %v, want %v", names, want)
	}
	byName := map[string]controlJSON{}
	for _, c := range all {
		byName[c.Name] = c
	}
	if c, s := byName["max_lr"], sliderFor(core.LookupKind("torch.OneCycleLR").Param("max_lr")); c.Type != "number" || c.Value != "0.01" ||
		!s.Log || c.Slider.Min != "0" || c.Slider.Max != "1000" || c.Slider.Step != "1" || c.Slider.Position != s.Position(0.01) {
		t.Errorf("max_lr %+v", c) // a log slider: positions 0 to 1000
	}
	if c := byName["anneal_strategy"]; c.Type != "enum" || !slices.Equal(c.Options, []string{"cos", "linear"}) {
		t.Errorf("anneal_strategy %+v", c)
	}
	if c := byName["three_phase"]; c.Type != "bool" || c.Value != "false" {
		t.Errorf("three_phase %+v", c)
	}
	if c := byName["units.stepping"]; c.Group != "units" {
		t.Errorf("units.stepping %+v", c)
	}
	if c := byName["steps"]; c.Range != "whole number [1, 1e12]" || c.Slider.Position != "250" {
		t.Errorf("steps %+v", c)
	}
	// Outside the playground a control's doc is its first clause.
	brief := callAPI[[]controlJSON](t, "controls", toJSON(mustQuery(t, "kind=torch.CosineAnnealingLR").stateObject()), `["T_max", "lr", "nope"]`, true)
	if len(brief) != 2 || brief[0].Doc != "steps from lr down to eta_min: half the cosine's period" || brief[1].Doc != "the optimizer's lr when the scheduler is built" {
		t.Errorf("brief controls %+v", brief)
	}
}

func TestSetAndSlide(t *testing.T) {
	st := toJSON(mustQuery(t, "").stateObject())
	r := callAPI[stateResult](t, "slide", st, "lr", 500.0)
	if r.Text != "0.00316" || len(r.Problems) != 0 || !strings.Contains(r.state(), `"lr":"0.00316"`) {
		t.Errorf("lr slider at 500: %+v", r)
	}
	r = callAPI[stateResult](t, "slide", st, "steps", 250.0)
	if r.Text != "1000" || !strings.Contains(r.state(), `"steps":"1000"`) {
		t.Errorf("steps slider at 250: %+v", r)
	}
	r = callAPI[stateResult](t, "set", st, "T_max", "40")
	if r.Position != "40" || len(r.Problems) != 0 {
		t.Errorf("T_max 40: %+v", r)
	}
	r = callAPI[stateResult](t, "set", r.state(), "warmup", "0.9")
	if r.Position != "0.5" || len(r.Problems) != 1 || r.Problems[0].Param != "warmup" {
		t.Errorf("warmup 0.9: %+v", r)
	}
	r = callAPI[stateResult](t, "set", st, "T_max", "abc")
	if r.Position != "" || len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, "not a number") {
		t.Errorf("T_max abc: %+v", r)
	}
	r = callAPI[stateResult](t, "set", st, "log", "true")
	if !strings.Contains(r.state(), `"log":true`) {
		t.Errorf("log on: %s", r.state())
	}
	if msg := callErr(t, "set", st, "T_0", "5"); !strings.Contains(msg, `no control "T_0"`) {
		t.Errorf("a control of another kind: %s", msg)
	}
	// Another kind keeps the log axis, the units and the x axis.
	r = callAPI[stateResult](t, "set", st, "units.steps_per_epoch", "7")
	k := callAPI[stateResult](t, "switchKind", r.state(), "sb3.linear")
	if !strings.Contains(k.state(), `"kind":"lr_schedule.linear"`) || !strings.Contains(k.state(), `"units.steps_per_epoch":"7"`) || len(k.Problems) != 0 {
		t.Errorf("switchKind: %+v", k)
	}
	k = callAPI[stateResult](t, "switchKind", st, "<b>")
	if len(k.Problems) != 1 || k.Problems[0].Message != `unknown kind "<b>"; still showing playground` {
		t.Errorf("switchKind to no kind: %+v", k.Problems)
	}
}

type drawInfo struct {
	Problems []problemJSON
	Steps    int64
	Columns  int
	Series   []struct {
		ID, Name     string
		Pin          bool
		Start, Count int
	}
	Markers []struct {
		Step  int64
		Label string
	}
	MarkerLabels bool
	YType        string
	X            struct {
		Name     string
		PerEpoch int64
	}
	Legend      bool
	Top         int
	Description string
	Note        string
	Means       []string
}

func drawState(t *testing.T, st string, width float64, pins string, means bool) (drawInfo, []float64) {
	t.Helper()
	v, err := drawFn(args{st, width, pins, means})
	if err != nil {
		t.Fatal(err)
	}
	out := v.([]any)
	var info drawInfo
	if err := json.Unmarshal([]byte(out[0].(string)), &info); err != nil {
		t.Fatal(err)
	}
	return info, slices.Clone(out[1].([]float64))
}

func TestDraw(t *testing.T) {
	// Every step when the chart has room: core.Evaluate's values.
	st := toJSON(mustQuery(t, "kind=torch.CosineAnnealingWarmRestarts&T_0=10&T_mult=2&steps=150").stateObject())
	info, data := drawState(t, st, 800, "", true)
	want, _ := core.Evaluate([]byte(`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":10,"T_mult":2}`), 150)
	if len(info.Series) != 1 || info.Series[0].ID != "s0" || info.Series[0].Count != 150 || len(data) != 300 {
		t.Fatalf("series %+v, %d numbers", info.Series, len(data))
	}
	for i, w := range want {
		if data[2*i] != float64(i) || data[2*i+1] != w {
			t.Fatalf("point %d = %v, %v; want %d, %v", i, data[2*i], data[2*i+1], i, w)
		}
	}
	var steps []int64
	for _, m := range info.Markers {
		steps = append(steps, m.Step)
	}
	if !slices.Equal(steps, []int64{10, 30, 70}) || !info.MarkerLabels || info.YType != "value" || info.X.Name != "step" || info.Legend ||
		info.Top != 32 || info.Columns != 800 || len(info.Means) != 1 || !strings.HasPrefix(info.Description, "Learning rate of torch.CosineAnnealingWarmRestarts over 150 steps") {
		t.Errorf("info %+v", info)
	}
	// A pin is a second series, dotted; the legend makes room.
	pin := callAPI[struct{ Label, Spec string }](t, "pin", st, `["T_0"]`)
	if pin.Label != "pinned: torch.CosineAnnealingWarmRestarts (T_0=10)" {
		t.Errorf("pin label %q", pin.Label)
	}
	pins := toJSON([]object{{{"label", pin.Label}, {"spec", pin.Spec}}})
	info, data = drawState(t, st, 800, pins, false)
	if len(info.Series) != 2 || info.Series[1].ID != "p0" || !info.Series[1].Pin || info.Series[1].Start != 150 || !info.Legend || info.Top != 56 ||
		!slices.Equal(data[:300], data[300:]) {
		t.Errorf("with a pin: %+v", info)
	}
	// A long run: each column's first, lowest, highest and last step, from core.Downsample.
	long := toJSON(mustQuery(t, "T_max=1000000&T_mult=2&warmup=0.05&steps=1000000000&log=1").stateObject())
	info, data = drawState(t, long, 1200, "", false)
	s, _ := core.Parse([]byte(`{"kind":"playground","T_max":1000000}`))
	cols, _ := s.Downsample(1e9, 1200)
	pts := core.Points(cols)
	if len(data) != 2*len(pts) || info.YType != "log" || info.Steps != 1e9 {
		t.Fatalf("%d numbers for %d points, info %+v", len(data), len(pts), info)
	}
	for i, p := range pts {
		lr := p.LR
		if data[2*i] != float64(p.Step) || !(data[2*i+1] == lr || lr <= 0 && math.IsNaN(data[2*i+1])) {
			t.Fatalf("point %d = %v, %v; want %d, %v", i, data[2*i], data[2*i+1], p.Step, lr)
		}
	}
	if !strings.Contains(info.Note, "lr = 0 have no place on a log scale") {
		t.Errorf("note %q", info.Note)
	}
	// In epochs, and a state that cannot be drawn.
	ep := toJSON(mustQuery(t, "kind=torch.CosineAnnealingLR&T_max=10&steps=50&units.steps_per_epoch=5&units.stepping=epoch&x=epoch").stateObject())
	if info, _ := drawState(t, ep, 50, "", false); info.X.Name != "epoch (5 steps)" || info.X.PerEpoch != 5 || info.Columns != minColumns {
		t.Errorf("in epochs: %+v", info.X)
	}
	bad := callAPI[stateResult](t, "set", st, "T_0", "0").state()
	if info, data := drawState(t, bad, 800, "", false); len(info.Problems) != 1 || info.Problems[0].Param != "T_0" || len(data) != 0 {
		t.Errorf("T_0 0: %+v", info)
	}
}

type atJSON struct {
	Step    int64
	LR      float64
	Readout string
	Next    int64
	Binds   [][2]string
}

func TestAtAndTooltip(t *testing.T) {
	sgdr := toJSON(mustQuery(t, "kind=torch.CosineAnnealingWarmRestarts&lr=0.1&T_0=10&T_mult=2&steps=150").stateObject())
	want, _ := core.Evaluate([]byte(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`), 150)
	a := callAPI[atJSON](t, "at", sgdr, "", 149.0, `["step", "T_cur", "lr", "cycles", "steps", "T_0", "mean", "nope"]`)
	lr := strconv.FormatFloat(want[149], 'g', -1, 64)
	if a.Step != 149 || a.LR != want[149] || a.Readout != "step 149: lr "+lr || a.Next != 0 {
		t.Errorf("at 149: %+v", a)
	}
	wantBinds := [][2]string{{"149", "149"}, {"79", "79"}, {strconv.FormatFloat(want[149], 'g', 6, 64), lr},
		{"10, 20, 40, 80 (to the end of the run)", "10, 20, 40, 80 (to the end of the run)"}, {"150", "150"}, {"10", "10"}}
	if !slices.Equal(a.Binds[:6], wantBinds) || !strings.HasPrefix(a.Binds[6][0], "0.0") || a.Binds[7] != [2]string{"", ""} {
		t.Errorf("binds %q, want %q", a.Binds, wantBinds)
	}
	if a := callAPI[atJSON](t, "at", sgdr, "", 12.0, ""); a.Next != 30 || a.Step != 12 {
		t.Errorf("at 12: next restart %d", a.Next)
	}
	if a := callAPI[atJSON](t, "at", sgdr, "", 1e9, ""); a.Step != 149 {
		t.Errorf("at 1e9: step %d", a.Step)
	}
	lines := callAPI[[]string](t, "tooltip", sgdr, "", 30.4)
	if !slices.Equal(lines, []string{"step 30", "lr " + strconv.FormatFloat(want[30], 'g', -1, 64)}) {
		t.Errorf("tooltip %q", lines)
	}
	// Labels are text for the page to escape; epochs follow the units.
	labelled := toJSON(mustConfig(t, `{"kind": "torch.CosineAnnealingLR", "label": "<img>", "units": {"steps_per_epoch": 4}}`).stateObject())
	pins := toJSON([]object{{{"label", "<b>"}, {"spec", `{"kind":"torch.ExponentialLR","gamma":0.5}`}}})
	lines = callAPI[[]string](t, "tooltip", labelled, pins, 6.0)
	if len(lines) != 3 || lines[0] != "step 6 (epoch 1.5)" || !strings.HasPrefix(lines[1], "<img>: lr ") || lines[2] != "<b>: lr 0.0015625" {
		t.Errorf("tooltip %q", lines)
	}
}

func TestDownload(t *testing.T) {
	st := toJSON(mustQuery(t, "kind=torch.CosineAnnealingLR&lr=0.1&T_max=20&steps=150").stateObject())
	v, err := downloadFn(args{st, "csv"})
	if err != nil {
		t.Fatal(err)
	}
	out := v.([]any)
	var body []byte
	for _, p := range out[2].([][]byte) {
		body = append(body, p...)
	}
	want, _ := core.Evaluate([]byte(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`), 150)
	wantCSV := []byte(core.CSVHeader)
	for i, x := range want {
		wantCSV = core.AppendCSVRow(wantCSV, int64(i), x)
	}
	if out[0] != "torch.CosineAnnealingLR-150.csv" || out[1] != "text/csv" || string(body) != string(wantCSV) {
		t.Errorf("CSV %v %v:\n%.100s", out[0], out[1], body)
	}
	if v, _ := downloadFn(args{st, "png"}); v.([]any)[0] != "torch.CosineAnnealingLR-150.png" {
		t.Errorf("png: %v", v)
	}
	long := callAPI[stateResult](t, "set", st, "steps", "100000000").state()
	if msg := callErr(t, "download", long, "json"); !strings.Contains(msg, "up to 10000000 steps") {
		t.Errorf("JSON past the cap: %s", msg)
	}
}

func TestEvaluate(t *testing.T) {
	v, err := evaluateFn(args{`{"kind":"playground","T_max":10}`, 50.0})
	want, _ := core.Evaluate([]byte(`{"kind":"playground","T_max":10}`), 50)
	if err != nil || !slices.Equal(v.([]float64), want) {
		t.Errorf("evaluate = %v, %v", v, err)
	}
	for _, tt := range []struct {
		a    args
		want string
	}{
		{args{`{"kind":"playground","T_max":0}`, 10.0}, "core: T_max: 0 is out of range"},
		{args{`{"kind":"playground"}`, 1.5}, "core: steps: 1.5 is not a whole number in [1, 10000000]"},
		{args{`{"kind":"playground"}`, math.Inf(1)}, "steps"},
		{args{`{"kind":"playground"}`}, "takes a JSON string and a number"},
		{args{42.0, 10.0}, "takes a JSON string and a number"},
		{args{`{"kind":"playground"}`, notPlain{}}, "takes a JSON string and a number"},
	} {
		if _, err := evaluateFn(tt.a); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("evaluate(%v): %v, want %q", tt.a, err, tt.want)
		}
	}
}

func TestPanicText(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want string
	}{{errString("e"), "e"}, {"s", "s"}, {core.Float, "a panic with a value of another type"}, {42, "a panic with a value of another type"}} {
		if got := panicText(tt.v); got != tt.want {
			t.Errorf("panicText(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
