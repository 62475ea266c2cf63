package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/core/chart"
)

// renderedOption is the part of the ECharts option in a rendered page that
// the tests read.
type renderedOption struct {
	Title  struct{ Text string }
	YAxis  []struct{ Type string }
	Series []struct {
		Data     []struct{ Value [2]any }
		MarkLine struct {
			Data []struct {
				Name  string
				XAxis float64
			}
		}
	}
}

// parsePage finds the option go-echarts writes into the page and reads it.
func parsePage(t *testing.T, html string) renderedOption {
	t.Helper()
	const prefix = "let option_" + chart.RenderID + " = "
	i := strings.Index(html, prefix)
	if i < 0 {
		t.Fatalf("no %q in the page:\n%.500s", prefix, html)
	}
	line, _, _ := strings.Cut(html[i+len(prefix):], "\n")
	var o renderedOption
	if err := json.Unmarshal([]byte(line), &o); err != nil {
		t.Fatalf("the page's option: %v", err)
	}
	if len(o.Series) != 1 {
		t.Fatalf("the page has %d series, want 1", len(o.Series))
	}
	return o
}

// points returns the (step, lr) pairs of the page's curve.
func points(t *testing.T, o renderedOption) []core.Point {
	t.Helper()
	var pts []core.Point
	for _, d := range o.Series[0].Data {
		step, ok1 := d.Value[0].(float64)
		lr, ok2 := d.Value[1].(float64)
		if !ok1 || !ok2 {
			t.Fatalf("point %v is not two numbers", d.Value)
		}
		pts = append(pts, core.Point{Step: int64(step), LR: lr})
	}
	return pts
}

func TestRender(t *testing.T) {
	// Cosine cycles of 4 steps from 1 to 0: 1, (1+cos(π/4))/2, 0.5, ..., restarting at 4, 8, ...
	spec := `{"kind":"playground","lr":1,"T_max":4,"T_mult":1,"warmup":0}`
	dir := t.TempDir()
	specFile, out := filepath.Join(dir, "spec.json"), filepath.Join(dir, "chart.html")
	if err := os.WriteFile(specFile, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := runRender([]string{"-spec", specFile, "-steps", "50", "-o", out}, nil, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if stdout.Len() != 0 || stderr.Len() != 0 {
		t.Errorf("with -o: stdout %q, stderr %q; want both empty", stdout.String(), stderr.String())
	}
	html, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	o := parsePage(t, string(html))
	pts := points(t, o)
	if len(pts) != 50 {
		t.Fatalf("%d points for 50 steps, want one per step", len(pts))
	}
	want, err := core.Evaluate([]byte(spec), 50)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pts {
		if p.Step != int64(i) || math.Float64bits(p.LR) != math.Float64bits(want[i]) {
			t.Errorf("point %d = %v, want {%d %v}, bit for bit", i, p, i, want[i])
		}
	}
	for step, lr := range map[int]float64{0: 1, 2: 0.5, 4: 1, 6: 0.5, 49: (1 + math.Cos(math.Pi/4)) / 2} {
		if !veryclose(pts[step].LR, lr) {
			t.Errorf("lr of step %d = %v, want %v", step, pts[step].LR, lr)
		}
	}
	var restarts []float64
	for _, m := range o.Series[0].MarkLine.Data {
		if m.Name == "restart" {
			restarts = append(restarts, m.XAxis)
		}
	}
	if len(restarts) != 12 || restarts[0] != 4 || restarts[11] != 48 {
		t.Errorf("restart markers at %v, want every 4th step from 4 to 48", restarts)
	}
	if got := o.Title.Text; got != "playground, 50 steps" {
		t.Errorf("title %q, want the kind and the run length", got)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<title>playground, 50 steps</title>", "echarts.min.js", `id="` + chart.RenderID + `"`} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// veryclose reports whether a and b agree to 4e-16 relative.
func veryclose(a, b float64) bool { return a == b || math.Abs(a-b) <= 4e-16*math.Abs(b) }

// TestRenderLongRun: a run of 10^9 steps is drawn from each pixel column's
// first, lowest, highest and last step: a few thousand points, each the lr
// At gives for its step, covering the whole run.
func TestRenderLongRun(t *testing.T) {
	spec := `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1000,"T_mult":2}`
	const steps = 1_000_000_000
	var stdout bytes.Buffer
	if err := runRender([]string{"-spec", "-", "-steps", "1e9"}, strings.NewReader(spec), &stdout, &bytes.Buffer{}); err == nil {
		t.Errorf("-steps 1e9 accepted: flags take whole numbers in decimal")
	}
	stdout.Reset()
	var stderr bytes.Buffer
	if err := runRender([]string{"-spec", "-", "-steps", "1000000000", "-log"}, strings.NewReader(spec), &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr %q, want nothing: this run is drawn exactly", stderr.String())
	}
	o := parsePage(t, stdout.String())
	pts := points(t, o)
	if len(pts) < renderColumns || len(pts) > 4*renderColumns {
		t.Fatalf("%d points, want between %d and %d", len(pts), renderColumns, 4*renderColumns)
	}
	s, err := core.Parse([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pts {
		if i > 0 && p.Step <= pts[i-1].Step {
			t.Fatalf("point %d (%v) does not follow %v", i, p, pts[i-1])
		}
		if want := s.At(p.Step, steps); p.LR != want {
			t.Errorf("point %v: At gives %v", p, want)
		}
	}
	if first, last := pts[0].Step, pts[len(pts)-1].Step; first != 0 || last != steps-1 {
		t.Errorf("points from step %d to %d, want 0 to %d", first, last, steps-1)
	}
	if o.YAxis[0].Type != "log" {
		t.Errorf("-log: y axis %q", o.YAxis[0].Type)
	}
}

func TestRenderTitleAndAssets(t *testing.T) {
	var stdout bytes.Buffer
	args := []string{"-spec", "-", "-steps", "10", "-title", "</script><script>alert(1)</script>", "-assets", "./vendor/"}
	if err := runRender(args, strings.NewReader(`{"kind":"playground"}`), &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	html := stdout.String()
	if strings.Contains(html, "<script>alert(1)") {
		t.Errorf("the title reaches the page unescaped")
	}
	if o := parsePage(t, html); o.Title.Text != "</script><script>alert(1)</script>" {
		t.Errorf("title %q", o.Title.Text)
	}
	if !strings.Contains(html, `<script src="./vendor/echarts.min.js"></script>`) {
		t.Errorf("-assets ./vendor/: the page does not load ECharts from there")
	}
}

func TestRenderErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	good := filepath.Join(dir, "good.json")
	os.WriteFile(bad, []byte(`{"kind":"playground","T_max":0}`), 0o644)
	os.WriteFile(good, []byte(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`), 0o644)
	out := filepath.Join(dir, "chart.html")
	tests := []struct {
		args  []string
		usage bool
		want  string
	}{
		{[]string{"-steps", "5"}, true, "-spec and -steps are required"},
		{[]string{"-spec", good}, true, "-spec and -steps are required"},
		{[]string{"-spec", good, "-steps", "5", "extra"}, true, `unexpected argument "extra"`},
		{[]string{"-spec", good, "-steps", "five"}, true, ""}, // the flag package says why
		{[]string{"-spec", bad, "-steps", "5"}, false, "core: T_max: 0 is out of range"},
		{[]string{"-spec", filepath.Join(dir, "missing.json"), "-steps", "5"}, false, "no such file"},
		{[]string{"-spec", good, "-steps", "-3"}, false, "core: steps: -3 is out of range"},
		{[]string{"-spec", good, "-steps", "1000000000001"}, false, "core: steps: 1000000000001 is out of range"},
		{[]string{"-spec", good, "-steps", "1000"}, false, "core: steps"}, // OneCycleLR raises past total_steps
		{[]string{"-spec", good, "-steps", "5", "-o", filepath.Join(dir, "no", "such", "dir", "c.html")}, false, "no such file or directory"},
	}
	for _, tt := range tests {
		args := tt.args
		if !slices.Contains(args, "-o") {
			args = append(slices.Clip(args), "-o", out)
		}
		var stderr bytes.Buffer
		err := runRender(args, strings.NewReader(""), &bytes.Buffer{}, &stderr)
		var u usageError
		if err == nil || errors.As(err, &u) != tt.usage || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("render %q: %v (usage %v), want %q (usage %v)", args, err, errors.As(err, &u), tt.want, tt.usage)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("render %q failed but wrote %s", args, out)
			os.Remove(out)
		}
	}

	// The exit status follows dispatch's rules: 2 for a usage mistake, 1 for a bad spec.
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"render", "-spec", bad, "-steps", "5", "-o", out}, 1},
		{[]string{"render", "-spec", good}, 2},
		{[]string{"render", "-spec", good, "-steps", "5", "-o", out}, 0},
	} {
		var stderr bytes.Buffer
		if code := dispatch(tt.args, &stderr); code != tt.code {
			t.Errorf("lrplay %q exits %d (%q), want %d", tt.args, code, stderr.String(), tt.code)
		}
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("lrplay render -o %s: %v", out, err)
	}
}

// TestRenderUnits: a spec's "units" reach the chart: per epoch of 5 steps,
// restarts every 2 epochs are marked every 10 steps, and the curve holds
// each epoch's lr for its 5 steps.
func TestRenderUnits(t *testing.T) {
	spec := `{"kind":"torch.CosineAnnealingWarmRestarts","lr":1,"T_0":2,"units":{"steps_per_epoch":5,"stepping":"epoch"}}`
	var stdout bytes.Buffer
	if err := runRender([]string{"-spec", "-", "-steps", "40"}, strings.NewReader(spec), &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	o := parsePage(t, stdout.String())
	pts := points(t, o)
	if len(pts) != 40 {
		t.Fatalf("%d points for 40 steps", len(pts))
	}
	for _, p := range pts {
		if want := []float64{1, 0.5}[p.Step/5%2]; !veryclose(p.LR, want) {
			t.Errorf("step %d: lr %v, want %v", p.Step, p.LR, want)
		}
	}
	var restarts []float64
	for _, m := range o.Series[0].MarkLine.Data {
		if m.Name == "restart" {
			restarts = append(restarts, m.XAxis)
		}
	}
	if !slices.Equal(restarts, []float64{10, 20, 30}) {
		t.Errorf("restart markers at %v, want 10, 20, 30", restarts)
	}
}
