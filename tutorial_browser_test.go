//go:build browser

// Browser tests of tutorial.html: each section's chart and controls, the
// formula's live values and every curve against core, the restarts'
// cycles and animation, the mean lr, the frameworks' table, the keyboard
// and a phone's width.
package main

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lrplay/lrplay/core"
)

// tutorialReady is true once every data-lrplay section has drawn its first chart.
const tutorialReady = `(() => {
	const views = [...document.querySelectorAll('[data-lrplay]')];
	return views.length > 0 && views.every(v => v.dataset.ready === 'true' && v.querySelector('.lrplay-chart canvas'));
})()`

// openTutorial opens tutorial.html in a new tab, after setup (such as an
// emulated media feature), and waits until every section has its chart.
func openTutorial(t testing.TB, setup ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, setup...); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(tb.ctx,
		chromedp.Navigate(testSiteURL+"/tutorial.html"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Poll[bool](tutorialReady)(ctx, t)
			return err
		}),
	)
	if err != nil {
		t.Fatalf("open tutorial.html: %v (console: %v)", err, tb.errors())
	}
	return tb
}

// curve is one series of a section's chart: its points and line style.
type curve struct {
	Name  string
	X, Y  []float64
	Style string // lineStyle.type: "dotted" for a pin
}

// curves reads the series of section's chart whose ids are prefix and a
// number ("s0", "s1", ... for curves, "p0", ... for pins), in order.
func (tb *tab) curves(section, prefix string) []curve {
	tb.t.Helper()
	return eval[[]curve](tb, fmt.Sprintf(`(() => {
		const chart = echarts.getInstanceByDom(document.getElementById(%q));
		return chart.getOption().series.filter(s => new RegExp('^' + %q + '[0-9]+$').test(s.id)).map(s => {
			const X = [], Y = [];
			for (let i = 0; i + 1 < s.data.length; i += 2) { X.push(s.data[i]); Y.push(s.data[i+1]); }
			return {Name: s.name || '', X, Y, Style: (s.lineStyle && s.lineStyle.type) || 'solid'};
		});
	})()`, section+"-chart", prefix))
}

// sameCurve checks a plotted curve is core.Evaluate of spec at every step, bit for bit.
func sameCurve(t testing.TB, what string, c curve, spec string, steps int) {
	t.Helper()
	want := evaluate(t, spec, steps)
	if len(c.Y) != len(want) {
		t.Fatalf("%s: plotted %d points, want every one of %d steps (%s)", what, len(c.Y), steps, spec)
	}
	for i := range want {
		if c.X[i] != float64(i) || c.Y[i] != want[i] {
			t.Fatalf("%s: point %d = (%v, %v), want (%d, %v) of %s", what, i, c.X[i], c.Y[i], i, want[i], spec)
		}
	}
}

func evaluate(t testing.TB, spec string, steps int) []float64 {
	t.Helper()
	v, err := core.Evaluate([]byte(spec), steps)
	if err != nil {
		t.Fatalf("%s: %v", spec, err)
	}
	return v
}

// binds reads the data-bind elements under a selector: key → [text, data-value], the last of each key.
func (tb *tab) binds(selector string) map[string][2]string {
	tb.t.Helper()
	pairs := eval[[][3]string](tb, fmt.Sprintf(`[...document.querySelectorAll(%q)].map(e =>
		[e.dataset.bind, e.textContent, e.getAttribute('data-value') ?? '(none)'])`, selector+" [data-bind]"))
	out := map[string][2]string{}
	for _, p := range pairs {
		out[p[0]] = [2]string{p[1], p[2]}
	}
	return out
}

// bindsAgree checks that every data-bind element of a key under selector shows the same thing.
func (tb *tab) bindsAgree(selector string) {
	tb.t.Helper()
	bad := eval[[]string](tb, fmt.Sprintf(`(() => {
		const seen = {}, bad = [];
		for (const e of document.querySelectorAll(%q)) {
			const v = e.textContent + ' / ' + e.getAttribute('data-value');
			if (e.dataset.bind in seen && seen[e.dataset.bind] !== v) bad.push(e.dataset.bind + ': ' + seen[e.dataset.bind] + ' and ' + v);
			seen[e.dataset.bind] = v;
		}
		return bad;
	})()`, selector+" [data-bind]"))
	if len(bad) > 0 {
		tb.t.Errorf("data-bind elements of one key disagree: %q", bad)
	}
}

// press sends keys to the focused element and waits for the redraw.
func (tb *tab) press(keys ...string) {
	tb.t.Helper()
	var actions []chromedp.Action[chromedp.Void]
	for _, k := range keys {
		actions = append(actions, chromedp.KeyEvent(k))
	}
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
	eval[bool](tb, nextFrames)
}

func (tb *tab) focused() string {
	tb.t.Helper()
	return eval[string](tb, `document.activeElement ? document.activeElement.id : ''`)
}

func sig6(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// tutorialSections are the sections and the controls, toolbar and curves each has.
var tutorialSections = []struct {
	id                     string
	controls               []string
	scrub, play, pin, mean bool
	curves                 int
}{
	{id: "cosine", controls: []string{"T_max", "eta_min", "eta_max"}, scrub: true, curves: 1},
	{id: "past-tmax", controls: []string{"T_max", "steps"}, curves: 2},
	{id: "restarts", controls: []string{"T_0", "T_mult", "eta_min", "steps"}, scrub: true, play: true, curves: 1},
	{id: "warmup", controls: []string{"warmup", "warmup_start", "T_max"}, curves: 1},
	{id: "compare", controls: []string{"T_0", "lr", "eta_min", "steps"}, pin: true, mean: true, curves: 2},
	{id: "frameworks", controls: []string{"lr", "warmup", "steps"}, curves: 6},
	{id: "torch-warmup", controls: []string{"warmup", "T_max", "steps", "lr"}, scrub: true, curves: 3},
}

// TestBrowserTutorialSections: every section mounts with its chart and
// exactly its controls, in one runtime, with no errors; the page links
// back to the playground and fits a phone's width.
func TestBrowserTutorialSections(t *testing.T) {
	tb := openTutorial(t)
	if n := eval[int](tb, `document.querySelectorAll('[data-lrplay]').length`); n != len(tutorialSections) {
		t.Errorf("%d data-lrplay sections, want %d", n, len(tutorialSections))
	}
	for _, s := range tutorialSections {
		sel := "#" + s.id
		got := eval[[]string](tb, fmt.Sprintf(`[...document.querySelectorAll('%s .lrplay-controls .control')].map(c => c.dataset.param)`, sel))
		if !slices.Equal(got, s.controls) {
			t.Errorf("%s: controls %q, want %q", s.id, got, s.controls)
		}
		// The chart and controls sit where the page put their placeholders, among the prose.
		if !eval[bool](tb, fmt.Sprintf(`document.querySelector('%s [data-lrplay-chart]').id === %q && document.querySelector('%[1]s [data-lrplay-controls]').classList.contains('lrplay-controls')`, sel, s.id+"-chart")) {
			t.Errorf("%s: the chart or the controls are not in their placeholders", s.id)
		}
		for _, part := range []struct {
			id   string
			want bool
		}{{"-scrub", s.scrub}, {"-play", s.play}, {"-pin", s.pin}, {"-unpin", s.pin}, {"-means", s.mean}} {
			if has := eval[bool](tb, fmt.Sprintf(`document.getElementById(%q) !== null`, s.id+part.id)); has != part.want {
				t.Errorf("%s: #%s%s present %v, want %v", s.id, s.id, part.id, has, part.want)
			}
		}
		if n := len(tb.curves(s.id, "s")); n != s.curves {
			t.Errorf("%s: %d curves, want %d", s.id, n, s.curves)
		}
		alerts := eval[[]string](tb, fmt.Sprintf(`[...document.querySelectorAll('%s [role=alert]')].map(e => e.textContent).filter(Boolean)`, sel))
		if len(alerts) > 0 {
			t.Errorf("%s: messages %q", s.id, alerts)
		}
		unlabelled := eval[[]string](tb, fmt.Sprintf(`[...document.querySelectorAll('%s input, %[1]s select, %[1]s button')]
			.filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
			.map(el => el.id)`, sel))
		if len(unlabelled) > 0 {
			t.Errorf("%s: controls without a label: %v", s.id, unlabelled)
		}
		if h := eval[string](tb, fmt.Sprintf(`document.querySelector('%s h2').textContent`, sel)); h == "" {
			t.Errorf("%s: no heading", s.id)
		}
	}
	if got := eval[string](tb, `document.getElementById('status').hidden ? 'hidden' : document.getElementById('status').textContent`); got != "hidden" {
		t.Errorf("the loading status still shows %q", got)
	}
	// One runtime for all the charts: one wasm fetched.
	if n := eval[int](tb, `performance.getEntriesByType('resource').filter(r => r.name.endsWith('/lrplay.wasm')).length`); n != 1 {
		t.Errorf("the wasm was fetched %d times", n)
	}
	// The table of contents reaches every section; the header and footer lead back to the playground.
	toc := eval[[]string](tb, `[...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href'))`)
	for _, s := range tutorialSections {
		if !slices.Contains(toc, "#"+s.id) {
			t.Errorf("the table of contents has no link to #%s: %q", s.id, toc)
		}
	}
	if n := eval[int](tb, `document.querySelectorAll('header a[href="index.html"]').length`); n != 1 {
		t.Errorf("the header has %d links back to index.html", n)
	}
	// And the playground links here.
	index, err := fs.ReadFile(embedded, "site/index.html")
	if err != nil || !strings.Contains(string(index), `href="tutorial.html"`) {
		t.Errorf("index.html does not link tutorial.html (%v)", err)
	}
	// Each formula has a text alternative.
	if missing := eval[int](tb, `[...document.querySelectorAll('math')].filter(m => !m.getAttribute('alttext')).length`); missing > 0 {
		t.Errorf("%d formulas without alttext", missing)
	}
	tb.noConsoleErrors()

	// At a phone's width nothing scrolls sideways and every chart is still wide.
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	eval[bool](tb, nextFrames)
	if w := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("at 390 px the tutorial scrolls sideways by %d px", w)
	}
	wide := eval[[]string](tb, `[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
		&& !e.closest('.formula, .table-wrap')).map(e => e.tagName + '#' + e.id + '.' + e.className)`)
	if len(wide) > 0 {
		t.Errorf("at 390 px these stick out of the screen: %q", wide)
	}
	for _, s := range tutorialSections {
		if w := eval[float64](tb, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().width`, s.id+"-chart")); w < 300 {
			t.Errorf("%s: at 390 px the chart is %v px wide", s.id, w)
		}
	}
	tb.noConsoleErrors()
}

const cosineSpec = `{"kind":"torch.CosineAnnealingLR","lr":%v,"T_max":%d,"eta_min":%v}`

// checkFormula checks section 1's substituted formula at the scrubber's
// step against core: η_t bit for bit as core.Evaluate gives it, and within
// rounding of the closed form the formula writes.
func checkFormula(t *testing.T, tb *tab, step, tMax int, etaMax, etaMin float64) {
	t.Helper()
	const steps = 101
	want := evaluate(t, fmt.Sprintf(cosineSpec, etaMax, tMax, etaMin), steps)[step]
	b := tb.binds("#cosine-formula")
	for key, w := range map[string]string{
		"T_cur":   strconv.Itoa(step), // CosineAnnealingLR never restarts: T_cur is the step
		"T_max":   strconv.Itoa(tMax),
		"eta_min": strconv.FormatFloat(etaMin, 'g', -1, 64),
		"eta_max": strconv.FormatFloat(etaMax, 'g', -1, 64),
		"lr":      strconv.FormatFloat(want, 'g', -1, 64),
	} {
		if b[key][1] != w {
			t.Errorf("step %d, T_max %d: data-bind=%s has data-value %q, want %q", step, tMax, key, b[key][1], w)
		}
		x, err := strconv.ParseFloat(w, 64)
		if err != nil {
			t.Fatal(err)
		}
		if b[key][0] != sig6(x) {
			t.Errorf("step %d, T_max %d: data-bind=%s shows %q, want %q", step, tMax, key, b[key][0], sig6(x))
		}
	}
	// The page says the recursion and the formula differ by less than 1e-12
	// of the larger of η_max and η_min on its 101 steps (measured: at most
	// 2e-13 for T_max 1 to 1000, and 8e-15 up to T_max itself).
	closed := etaMin + 0.5*(etaMax-etaMin)*(1+math.Cos(math.Pi*float64(step)/float64(tMax)))
	if d := math.Abs(closed - want); d > 1e-12*max(etaMax, etaMin) {
		t.Errorf("step %d, T_max %d: PyTorch's recursion gives %v, the formula %v: %g apart, more than the page says", step, tMax, want, closed, d)
	}
	if out := tb.text("cosine-scrub-value"); out != "step "+strconv.Itoa(step)+": lr "+strconv.FormatFloat(want, 'g', -1, 64) {
		t.Errorf("the scrubber's readout is %q", out)
	}
	marker := eval[[]float64](tb, `Array.from(echarts.getInstanceByDom(document.getElementById('cosine-chart')).getOption().series.find(s => s.id === 'scrub').data[0])`)
	if len(marker) != 2 || marker[0] != float64(step) || marker[1] != want {
		t.Errorf("the scrubber's marker is at %v, want [%d %v]", marker, step, want)
	}
	tb.bindsAgree("#cosine-formula")
}

// TestBrowserTutorialFormula: section 1's scrubber moves the marker, and
// the formula shows T_cur, T_max, eta_min, eta_max and η_t as core has them.
func TestBrowserTutorialFormula(t *testing.T) {
	tb := openTutorial(t)
	checkFormula(t, tb, 30, 100, 0.1, 0.001) // the page's starting step
	tb.setInput("cosine-scrub", "57")
	checkFormula(t, tb, 57, 100, 0.1, 0.001)
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.ID("cosine-scrub"))); err != nil {
		t.Fatal(err)
	}
	tb.press(kb.ArrowRight, kb.ArrowRight, kb.ArrowRight)
	checkFormula(t, tb, 60, 100, 0.1, 0.001)
	tb.press(kb.End)
	checkFormula(t, tb, 100, 100, 0.1, 0.001) // η_min exactly, at T_cur = T_max

	// A new T_max typed into its box redraws the curve and the formula.
	tb.setInput("cosine-T_max", "40")
	sameCurve(t, "T_max 40", tb.curves("cosine", "s")[0], fmt.Sprintf(cosineSpec, 0.1, 40, 0.001), 101)
	checkFormula(t, tb, 100, 40, 0.1, 0.001)
	tb.setInput("cosine-scrub", "13")
	checkFormula(t, tb, 13, 40, 0.1, 0.001)
	tb.setInput("cosine-eta_min", "0.02")
	tb.setInput("cosine-eta_max", "0.5")
	checkFormula(t, tb, 13, 40, 0.5, 0.02)
	tb.noConsoleErrors()
}

// TestBrowserTutorialPastTmax: with T_max = 20 over 150 steps the lr climbs
// back after step 20; with T_max = steps it only falls.
func TestBrowserTutorialPastTmax(t *testing.T) {
	tb := openTutorial(t)
	check := func(tMax, steps int) {
		t.Helper()
		c := tb.curves("past-tmax", "s")
		if len(c) != 2 {
			t.Fatalf("%d curves", len(c))
		}
		sameCurve(t, "T_max as set", c[0], fmt.Sprintf(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":%d}`, tMax), steps)
		sameCurve(t, "T_max = steps", c[1], fmt.Sprintf(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":%d}`, steps), steps)
		short, full := c[0].Y, c[1].Y
		if short[tMax] != 0 {
			t.Errorf("T_max %d: lr at step T_max is %v, want eta_min = 0", tMax, short[tMax])
		}
		for i := tMax + 1; i <= min(2*tMax, steps-1); i++ {
			if !(short[i] > short[i-1]) {
				t.Errorf("T_max %d: the lr does not rise at step %d (%v after %v)", tMax, i, short[i], short[i-1])
				break
			}
		}
		for i := 1; i < steps; i++ {
			if !(full[i] < full[i-1]) {
				t.Errorf("T_max = %d steps: the lr rises at step %d (%v after %v)", steps, i, full[i], full[i-1])
				break
			}
		}
		if full[steps-1] <= 0 {
			t.Errorf("T_max = %d steps: the last step is already at eta_min", steps)
		}
	}
	check(20, 150)
	tb.setInput("past-tmax-T_max", "35")
	check(35, 150)
	tb.setInput("past-tmax-steps", "400")
	check(35, 400)
	if got := tb.binds("#past-tmax")["steps"][0]; got != "400" {
		t.Errorf("the prose says steps %q", got)
	}
	tb.noConsoleErrors()
}

// TestBrowserTutorialRestarts: the cycles of T_0 = 10, T_mult = 2 over 150
// steps; Play runs the scrubber and Pause stops it.
func TestBrowserTutorialRestarts(t *testing.T) {
	tb := openTutorial(t)
	// By hand: cycles of 10, 10·2 = 20 and 20·2 = 40 steps end at 10, 30 and 70; the next, of 80, runs to step 150, the end.
	if got := tb.binds("#restarts")["cycles"][0]; got != "10, 20, 40, 80 (to the end of the run)" {
		t.Errorf("cycles %q", got)
	}
	sameCurve(t, "SGDR", tb.curves("restarts", "s")[0], `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`, 150)
	// T_mult 3: 10, 30, 90 end at 130; 20 steps are left.
	tb.setInput("restarts-T_mult", "3")
	if got := tb.binds("#restarts")["cycles"][0]; got != "10, 30, 90, 20 (to the end of the run)" {
		t.Errorf("T_mult 3: cycles %q", got)
	}
	tb.setInput("restarts-T_mult", "2")

	type run struct {
		StartLabel, Label, Pressed string
		Seen                       []float64
		Stopped, Still             float64
		After, AfterPressed        string
		Step, TCur                 string
	}
	r := eval[run](tb, `(async () => {
		const play = document.getElementById('restarts-play'), scrub = document.getElementById('restarts-scrub');
		const frame = () => new Promise(r => requestAnimationFrame(r));
		const startLabel = play.textContent;
		play.click();
		const Label = play.textContent, Pressed = play.getAttribute('aria-pressed');
		const Seen = [];
		for (let i = 0; i < 8; i++) { await frame(); Seen.push(scrub.valueAsNumber); }
		play.click();
		await frame(); await frame();
		const Stopped = scrub.valueAsNumber;
		for (let i = 0; i < 8; i++) await frame();
		const b = k => document.querySelector('#restarts [data-bind="' + k + '"]').textContent;
		return {Label, Pressed, Seen, Stopped, Still: scrub.valueAsNumber, After: play.textContent,
			AfterPressed: play.getAttribute('aria-pressed'), Step: b('step'), TCur: b('T_cur'), StartLabel: startLabel};
	})()`)
	if r.StartLabel != "Play" || r.Label != "Pause" || r.Pressed != "true" {
		t.Errorf("the button reads %q, then %q (aria-pressed %s) once pressed", r.StartLabel, r.Label, r.Pressed)
	}
	if len(r.Seen) == 0 || !slices.IsSorted(r.Seen) || r.Seen[len(r.Seen)-1] <= r.Seen[0] {
		t.Errorf("while playing the scrubber reads %v over 8 frames: it does not advance", r.Seen)
	}
	if r.Still != r.Stopped || r.After != "Play" || r.AfterPressed != "false" {
		t.Errorf("after Pause: scrubber %v then %v, button %q (aria-pressed %s)", r.Stopped, r.Still, r.After, r.AfterPressed)
	}
	step := int(r.Still)
	if r.Step != strconv.Itoa(step) {
		t.Errorf("paused at %d, the prose says step %s", step, r.Step)
	}
	last := 0 // the restart at or before the step
	for _, s := range []int{10, 30, 70} {
		if s <= step {
			last = s
		}
	}
	if r.TCur != strconv.Itoa(step-last) {
		t.Errorf("at step %d T_cur shows %s, want %d", step, r.TCur, step-last)
	}
	tb.noConsoleErrors()
}

// TestBrowserTutorialReducedMotion: a reader who prefers reduced motion
// gets "Next cycle", which jumps from restart to restart.
func TestBrowserTutorialReducedMotion(t *testing.T) {
	tb := openTutorial(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	}))
	if got := tb.text("restarts-play"); got != "Next cycle" {
		t.Fatalf("with reduced motion the button reads %q", got)
	}
	for _, want := range []int{10, 30, 70, 0} { // the restarts of T_0 10, T_mult 2, then back to the start
		eval[bool](tb, `(document.getElementById('restarts-play').click(), true)`)
		eval[bool](tb, nextFrames)
		eval[bool](tb, nextFrames) // nothing animates in between
		b := tb.binds("#restarts")
		if b["step"][0] != strconv.Itoa(want) || b["T_cur"][0] != "0" {
			t.Errorf("Next cycle: step %s, T_cur %s, want step %d, T_cur 0", b["step"][0], b["T_cur"][0], want)
		}
		if got := tb.value("restarts-scrub"); got != strconv.Itoa(want) {
			t.Errorf("Next cycle: the scrubber is at %s, want %d", got, want)
		}
		if got := tb.text("restarts-play"); got != "Next cycle" {
			t.Errorf("after a press the button reads %q", got)
		}
	}
	tb.noConsoleErrors()
}

// TestBrowserTutorialWarmup: the warmup fraction moves the peak, and T_max
// counts from the end of warmup, as the prose says.
func TestBrowserTutorialWarmup(t *testing.T) {
	tb := openTutorial(t)
	spec := func(warmup float64, start float64, tMax int) string {
		return fmt.Sprintf(`{"kind":"playground","lr":0.1,"eta_min":0,"T_max":%d,"restarts":false,"warmup":%v,"warmup_start":%v}`, tMax, warmup, start)
	}
	check := func(warmup, start float64, tMax int) []float64 {
		t.Helper()
		c := tb.curves("warmup", "s")[0]
		sameCurve(t, "warmup", c, spec(warmup, start, tMax), 1000)
		if w, peak := int(math.Round(warmup*1000)), argmax(c.Y); peak != w || c.Y[0] != start {
			t.Errorf("warmup %v from %v: the lr starts at %v and peaks at step %d, want %v and round(warmup × 1000) = %d", warmup, start, c.Y[0], peak, start, w)
		}
		return c.Y
	}
	// 10% warmup and T_max 900: the cosine ends with the run, at eta_min on step 1000.
	v := check(0.1, 0, 900)
	if after := evaluate(t, spec(0.1, 0, 900), 1001); v[999] <= 0 || after[1000] != 0 {
		t.Errorf("warmup 0.1, T_max 900: steps 999 and 1000 are %v and %v, want just above 0 and 0", v[999], after[1000])
	}
	tb.setInput("warmup-warmup-slider", "0.25")
	if got := tb.value("warmup-warmup"); got != "0.25" {
		t.Errorf("the warmup slider at 0.25 shows %q", got)
	}
	// A longer warmup with the same T_max: the run stops high on the cosine.
	if v := check(0.25, 0, 900); v[999] < 0.005 { // 749 of 900 steps down: 6.8% of the peak
		t.Errorf("warmup 0.25, T_max 900: the last step is %v, want above 5%% of the peak", v[999])
	}
	tb.setInput("warmup-T_max", "750")
	if v := check(0.25, 0, 750); v[999] > 1e-5 {
		t.Errorf("warmup 0.25, T_max 750: the last step is %v, want next to the bottom", v[999])
	}
	tb.setInput("warmup-warmup_start", "0.02")
	check(0.25, 0.02, 750)
	tb.noConsoleErrors()
}

// TestBrowserTutorialMeans: each curve's mean lr is the plain average of
// core.Evaluate's values; Pin adds a dotted curve and Clear pins removes it.
func TestBrowserTutorialMeans(t *testing.T) {
	tb := openTutorial(t)
	restarts := func(t0 int) string {
		return fmt.Sprintf(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"eta_min":0,"T_0":%d,"T_mult":2}`, t0)
	}
	const annealing = `{"kind":"torch.CosineAnnealingLR","lr":0.1,"eta_min":0,"T_max":150}`
	mean := func(spec string) string {
		sum := 0.0
		v := evaluate(t, spec, 150)
		for _, x := range v {
			sum += x
		}
		return sig6(sum / float64(len(v)))
	}
	means := func() []string {
		return eval[[]string](tb, `[...document.querySelectorAll('#compare-means li .mean')].map(e => e.textContent)`)
	}
	check := func(specs ...string) {
		t.Helper()
		var want []string
		for _, s := range specs {
			want = append(want, "mean lr "+mean(s))
		}
		if got := means(); !slices.Equal(got, want) {
			t.Errorf("means %q, want %q", got, want)
		}
	}
	c := tb.curves("compare", "s")
	sameCurve(t, "restarts", c[0], restarts(10), 150)
	sameCurve(t, "annealing", c[1], annealing, 150)
	check(restarts(10), annealing)
	// The prose: a whole cosine of L steps averages (η_max + η_min)/2 + (η_max − η_min)/(2L),
	// so the cycles 10, 20, 40, 80 and one cosine of 150 give means 2% apart.
	byFormula := func(cycles ...int) float64 {
		sum, steps := 0.0, 0
		for _, l := range cycles {
			sum += float64(l) * (0.1/2 + 0.1/(2*float64(l)))
			steps += l
		}
		return sum / float64(steps)
	}
	f0, f1 := byFormula(10, 20, 40, 80), byFormula(150)
	if m0, m1 := mean(restarts(10)), mean(annealing); m0 != sig6(f0) || m1 != sig6(f1) || math.Round(100*(f0/f1-1)) != 2 {
		t.Errorf("means %s and %s; by the prose's formula %s and %s, which should be 2%% apart", m0, m1, sig6(f0), sig6(f1))
	}

	eval[bool](tb, `(document.getElementById('compare-pin').click(), true)`)
	eval[bool](tb, nextFrames)
	pins := tb.curves("compare", "p")
	if len(pins) != 1 || pins[0].Style != "dotted" || pins[0].Name != "pinned: restarts (T_0=10, lr=0.1, eta_min=0)" {
		t.Fatalf("after Pin: %d pins %+v", len(pins), pins)
	}
	tb.setInput("compare-T_0", "30")
	sameCurve(t, "restarts, T_0 30", tb.curves("compare", "s")[0], restarts(30), 150)
	sameCurve(t, "the pin", tb.curves("compare", "p")[0], restarts(10), 150)
	check(restarts(30), annealing, restarts(10))
	// The run ends mid-cycle: a larger mean, as the prose says.
	if m := mean(restarts(30)); m <= mean(restarts(10)) {
		t.Errorf("T_0 30: mean %s, not larger", m)
	}
	eval[bool](tb, `(document.getElementById('compare-unpin').click(), true)`)
	eval[bool](tb, nextFrames)
	if n := len(tb.curves("compare", "p")); n != 0 {
		t.Errorf("after Clear pins %d pins are left", n)
	}
	check(restarts(30), annealing)
	tb.noConsoleErrors()
}

// frameworkSpecs are section 6's curves for lr η, warmup W and N steps, in the chart's order.
func frameworkSpecs(lr float64, w, n int) []string {
	return []string{
		fmt.Sprintf(`{"kind":"torch.CosineAnnealingLR","lr":%v,"T_max":%d}`, lr, n),
		fmt.Sprintf(`{"kind":"timm.CosineLRScheduler","lr":%v,"t_initial":%d,"warmup_t":%d}`, lr, n, w),
		fmt.Sprintf(`{"kind":"hf.cosine_schedule_with_warmup","lr":%v,"num_warmup_steps":%d,"num_training_steps":%d}`, lr, w, n),
		fmt.Sprintf(`{"kind":"keras.CosineDecay","initial_learning_rate":0,"warmup_target":%v,"warmup_steps":%d,"decay_steps":%d}`, lr, w, n),
		fmt.Sprintf(`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":%v,"warmup_steps":%d,"decay_steps":%d,"end_value":0}`, lr, w, n),
		fmt.Sprintf(`{"kind":"ignite.CosineAnnealingScheduler","start_value":%v,"end_value":0,"cycle_size":%d}`, lr, n),
	}
}

// frameworkColumns is the table's column order and frameworkSpecs'; the
// chart draws Hugging Face before timm, so that the warmup variable takes
// its slider from num_warmup_steps (up to 1000) rather than warmup_t (100).
var (
	frameworkColumns = []string{"PyTorch", "timm", "Hugging Face", "Keras", "optax", "ignite"}
	frameworkSeries  = []string{"PyTorch", "Hugging Face", "timm", "Keras", "optax", "ignite"}
)

// TestBrowserTutorialFrameworks: each framework's curve is core.Evaluate of
// the call the table names, and the table's numerical claims hold.
func TestBrowserTutorialFrameworks(t *testing.T) {
	tb := openTutorial(t)
	check := func(lr float64, w, n int) {
		t.Helper()
		if cols := eval[int](tb, `Number(document.getElementById('frameworks-chart').dataset.columns)`); n > 4*cols {
			t.Fatalf("the chart has %d columns, too few to hold every one of %d steps", cols, n)
		}
		specs := frameworkSpecs(lr, w, n)
		c := tb.curves("frameworks", "s")
		if len(c) != len(frameworkSeries) {
			t.Fatalf("%d curves", len(c))
		}
		for i, name := range frameworkSeries {
			if c[i].Name != name {
				t.Errorf("curve %d is %q, want %q", i, c[i].Name, name)
			}
			sameCurve(t, name, c[i], specs[slices.Index(frameworkColumns, name)], n)
		}
	}
	check(0.1, 100, 1000)
	checkFrameworkTable(t, tb, 0.1, 100, 1000)
	tb.setInput("frameworks-warmup", "250")
	tb.setInput("frameworks-steps", "600")
	tb.setInput("frameworks-lr", "0.003")
	check(0.003, 250, 600)
	checkFrameworkTable(t, tb, 0.003, 250, 600)
	tb.noConsoleErrors()
}

// checkFrameworkTable reads the table's rows and checks what they say of
// each framework against core, over a run long enough to see past the end.
func checkFrameworkTable(t *testing.T, tb *tab, lr float64, w, n int) {
	t.Helper()
	rows := eval[map[string][]string](tb, `Object.fromEntries([...document.querySelectorAll('#frameworks table tbody tr')].map(tr =>
		[tr.querySelector('th').textContent.trim(), [...tr.querySelectorAll('td')].map(td => td.textContent.replace(/\s+/g, ' ').trim())]))`)
	head := eval[[]string](tb, `[...document.querySelectorAll('#frameworks table thead th')].slice(1).map(th => th.textContent)`)
	if !slices.Equal(head, frameworkColumns) {
		t.Fatalf("the table's columns are %q, want %q", head, frameworkColumns)
	}
	for _, row := range []string{"The call drawn", "Warmup", "Floor reached at step", "Past the end", "Arithmetic"} {
		if len(rows[row]) != len(frameworkColumns) {
			t.Fatalf("the table's row %q has %d cells: %q", row, len(rows[row]), rows[row])
		}
	}
	long := 3 * (n + w) // past every end, and past PyTorch's 2N and Hugging Face's W + 2(N − W)
	specs := frameworkSpecs(lr, w, n)
	for i, fw := range frameworkColumns {
		v := evaluate(t, specs[i], long)

		// "The call drawn" names the parameters the curve was given, but for
		// those it passes by position or leaves at their default.
		call := rows["The call drawn"][i]
		for _, name := range specParams(specs[i]) {
			if !slices.Contains([]string{"lr", "initial_learning_rate", "init_value", "end_value"}, name) && !strings.Contains(call, name+"=") {
				t.Errorf("%s: the call %q does not name %s", fw, call, name)
			}
		}

		// "Floor reached at step": N, W + N, or never.
		floor := -1
		switch cell := rows["Floor reached at step"][i]; {
		case cell == "N":
			floor = n
		case cell == "W + N":
			floor = w + n
		case strings.HasPrefix(cell, "never"):
			if m := slices.Min(v); m <= 0 {
				t.Errorf("%s: the table says the floor is never reached, but the lr is %v", fw, m)
			}
			// "the last step of a cycle, N − 1, is one short; then it restarts"
			if v[n] != lr || v[n-1] <= 0 {
				t.Errorf("%s: steps N−1, N are %v, %v: want above 0, then the restart at %v", fw, v[n-1], v[n], lr)
			}
		default:
			t.Errorf("%s: cannot read the floor step %q", fw, cell)
		}
		if floor >= 0 {
			if v[floor] != 0 || v[floor-1] <= 0 {
				t.Errorf("%s: the table says the floor 0 is reached at step %d; steps %d, %d have %v, %v", fw, floor, floor-1, floor, v[floor-1], v[floor])
			}
			if n-1 < floor && v[n-1] <= 0 {
				t.Errorf("%s: the run's last step is already at the floor", fw)
			}
		}

		// "Past the end": rises again (to η at a given step), stays, or restarts.
		switch cell := rows["Past the end"][i]; {
		case strings.HasPrefix(cell, "rises again"):
			back := map[string]int{"η at step 2N": 2 * n, "η at step W + 2(N − W)": w + 2*(n-w)}[strings.TrimPrefix(cell, "rises again: ")]
			if back == 0 {
				t.Fatalf("%s: cannot read %q", fw, cell)
			}
			for s := floor + 1; s <= back; s++ {
				if !(v[s] > v[s-1]) {
					t.Errorf("%s: the table says the lr rises after step %d, but step %d has %v after %v", fw, floor, s, v[s], v[s-1])
					break
				}
			}
			if math.Abs(v[back]-lr) > 1e-15*lr {
				t.Errorf("%s: the table says η = %v again at step %d: %v", fw, lr, back, v[back])
			}
		case strings.HasPrefix(cell, "stays at"):
			for s := floor; s < long; s++ {
				if v[s] != v[floor] {
					t.Errorf("%s: the table says the lr stays put after step %d, but step %d has %v", fw, floor, s, v[s])
					break
				}
			}
		case strings.HasPrefix(cell, "restarts"):
			if v[n] != lr || v[2*n] != lr {
				t.Errorf("%s: restarts at steps %d and %d have %v and %v, want %v", fw, n, 2*n, v[n], v[2*n], lr)
			}
		default:
			t.Errorf("%s: cannot read past the end %q", fw, cell)
		}

		// "Arithmetic": float32 values are float32 numbers; float64 ones are not all.
		f32 := true
		for _, x := range v {
			f32 = f32 && float64(float32(x)) == x
		}
		switch cell := rows["Arithmetic"][i]; {
		case strings.HasPrefix(cell, "float32"):
			if !f32 {
				t.Errorf("%s: the table says float32, but some values are not float32 numbers", fw)
			}
		case strings.HasPrefix(cell, "float64"):
			if f32 {
				t.Errorf("%s: the table says float64, but every value is a float32 number", fw)
			}
		default:
			t.Errorf("%s: cannot read the arithmetic %q", fw, cell)
		}

		// "Warmup": where the peak is.
		warm := rows["Warmup"][i]
		switch {
		case strings.HasPrefix(warm, "none"):
			if v[0] != lr {
				t.Errorf("%s: no warmup, but step 0 has %v", fw, v[0])
			}
		case strings.Contains(warm, "η at step W"):
			peak := lr
			if strings.HasPrefix(rows["Arithmetic"][i], "float32") {
				peak = float64(float32(lr))
			}
			if v[0] != 0 || v[w] != peak || slices.Max(v) != peak {
				t.Errorf("%s: the table says the warmup goes from 0 to η at step %d: steps 0 and %d have %v and %v, the peak is %v", fw, w, w, v[0], v[w], slices.Max(v))
			}
		case strings.Contains(warm, "never reaches η"):
			// timm without warmup_prefix: the peak is η·(W − 1)/W on step W − 1, then the lr drops.
			if m := slices.Max(v); m >= lr || argmax(v) != w-1 || math.Abs(v[w-1]-lr*float64(w-1)/float64(w)) > 1e-15*lr || !(v[w] < v[w-1]) {
				t.Errorf("%s: the peak is %v at step %d (steps W−1, W: %v, %v), want η·(W − 1)/W = %v at W − 1, then lower", fw, m, argmax(v), v[w-1], v[w], lr*float64(w-1)/float64(w))
			}
		default:
			t.Errorf("%s: cannot read the warmup %q", fw, warm)
		}
	}

	// The paragraph under the table: Hugging Face's curve in timm (t_initial = N − W, warmup_prefix)
	// to rounding, in Keras (decay_steps = N − W) and optax (as drawn) to float32 rounding.
	hf := evaluate(t, specs[2], n)
	for _, tr := range []struct {
		spec string
		tol  float64 // of η
	}{
		{fmt.Sprintf(`{"kind":"timm.CosineLRScheduler","lr":%v,"t_initial":%d,"warmup_t":%d,"warmup_prefix":true}`, lr, n-w, w), 1e-15},
		{fmt.Sprintf(`{"kind":"keras.CosineDecay","initial_learning_rate":0,"warmup_target":%v,"warmup_steps":%d,"decay_steps":%d}`, lr, w, n-w), 0x1p-22},
		{specs[4], 0x1p-22},
	} {
		got := evaluate(t, tr.spec, n)
		for s := range hf {
			if math.Abs(got[s]-hf[s]) > tr.tol*lr {
				t.Errorf("%s differs from Hugging Face's curve at step %d: %v, %v", tr.spec, s, got[s], hf[s])
				break
			}
		}
	}
}

// specParams are the parameter names of a spec written as frameworkSpecs writes them.
func specParams(spec string) []string {
	var names []string
	for _, part := range strings.Split(strings.Trim(spec, "{}"), ",") {
		if name := strings.Trim(strings.SplitN(part, ":", 2)[0], `"`); name != "kind" {
			names = append(names, name)
		}
	}
	return names
}

// TestBrowserTutorialKeyboard: Tab reaches the scrubber, the play button
// and every control; arrow keys move them and the chart redraws.
func TestBrowserTutorialKeyboard(t *testing.T) {
	tb := openTutorial(t)
	// From the last link of the table of contents, the next stop is section 1's scrubber.
	eval[bool](tb, `(document.querySelector('nav.toc li:last-child a').focus(), true)`)
	tb.press(kb.Tab)
	if got := tb.focused(); got != "cosine-scrub" {
		t.Fatalf("Tab from the contents reaches #%s (%s), want #cosine-scrub", got, eval[string](tb, `document.activeElement.outerHTML.slice(0, 200)`))
	}
	tb.press(kb.ArrowRight, kb.ArrowRight)
	checkFormula(t, tb, 32, 100, 0.1, 0.001)
	var order []string
	for range 6 {
		tb.press(kb.Tab)
		order = append(order, tb.focused())
	}
	want := []string{"cosine-T_max-slider", "cosine-T_max", "cosine-eta_min-slider", "cosine-eta_min", "cosine-eta_max-slider", "cosine-eta_max"}
	if !slices.Equal(order, want) {
		t.Errorf("Tab goes through %q, want %q", order, want)
	}
	// Back to the T_max slider: two steps right.
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.ID("cosine-T_max-slider"))); err != nil {
		t.Fatal(err)
	}
	tb.press(kb.ArrowRight, kb.ArrowRight)
	if got := tb.value("cosine-T_max"); got != "102" {
		t.Errorf("two ArrowRight presses on the T_max slider give %q, want 102", got)
	}
	sameCurve(t, "T_max 102", tb.curves("cosine", "s")[0], fmt.Sprintf(cosineSpec, 0.1, 102, 0.001), 101)
	checkFormula(t, tb, 32, 102, 0.1, 0.001)

	// Section 3: the scrubber, then Play, then the controls.
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.ID("restarts-scrub"))); err != nil {
		t.Fatal(err)
	}
	tb.press(kb.End)
	if got := tb.binds("#restarts")["T_cur"][0]; got != "79" {
		t.Errorf("End on the restarts' scrubber: T_cur %s, want 79 (step 149 of the cycle that starts at 70)", got)
	}
	tb.press(kb.Tab)
	if got := tb.focused(); got != "restarts-play" {
		t.Errorf("Tab from the scrubber reaches #%s, want #restarts-play", got)
	}
	tb.press(kb.Tab)
	if got := tb.focused(); got != "restarts-T_0-slider" {
		t.Errorf("Tab from Play reaches #%s, want #restarts-T_0-slider", got)
	}
	tb.press(kb.ArrowRight)
	sameCurve(t, "T_0 11", tb.curves("restarts", "s")[0], `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":11,"T_mult":2}`, 150)
	// The table scrolls inside its own box, reachable by keyboard.
	if got := eval[string](tb, `document.querySelector('#frameworks .table-wrap').getAttribute('tabindex')`); got != "0" {
		t.Errorf("the table's scroll box has tabindex %q", got)
	}
	tb.noConsoleErrors()
}
