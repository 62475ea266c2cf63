//go:build browser

// Hostile and broken inputs (issue 7): through the playground's URL and
// controls, embed.html's query, data-lrplay attributes and lrplay.mount.
// Whatever comes in, the page stays responsive, says what is wrong in an
// inline alert, keeps a chart, and runs nothing it was given: text reaches
// the DOM only as textContent, and the CSP forbids inline script anyway.
//
// Expected console errors: none on the pages under test. Only
// TestHostileCSP, which injects inline script on purpose, expects the
// browser's CSP violation reports (and a 404 for the injected image).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lrplay/lrplay/core"
)

// Payloads that would run script if any text reached the DOM as HTML.
const (
	xssScript = `<script>window.__pwned=1</script>`
	xssImg    = `<img src=x onerror="window.__pwned=1">`
	xssSVG    = `"><svg onload=window.__pwned=1>`
	xssJS     = `javascript:window.__pwned=1`
	xssQuotes = `'";\` + "`" + `\\"\'`
)

var xssPayloads = []string{xssScript, xssImg, xssSVG, xssJS, xssQuotes}

// hostileTexts are what a person may type, or a link carry, into a number
// box: garbage, numbers JavaScript or Go would read but a person does not
// mean (hex, underscores, Infinity), out-of-range and overflowing
// numbers, blanks, control and bidi characters, and script.
var hostileTexts = append([]string{
	"abc", "1e400", "-1e400", "1e-400", "-0", "0", "-1", "", "NaN", "Infinity", "-Infinity",
	"0x10", "0x1p4", "1_000", " ", "\t ", " 50 ", "1,5", "１００", "٣", "\u202e05", "5\u200b0",
	"🔥", "\x00", "5\x00", "\ufeff5", "+", "1e", ".", strings.Repeat("9", 400),
}, xssPayloads...)

// quoteOf is how a message quotes a text it cannot read (strs.Shorten and strconv.Quote).
func quoteOf(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strconv.Quote(s)
}

// hostileJS is a helper installed in each page under test: it sets
// controls as a person would, reads what the page shows, and compares the
// first curve with values computed by core and uploaded beforehand.
const hostileJS = `window.__hostile = (() => {
	const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));
	const want = {};
	const data = (chartID) => {
		const el = document.getElementById(chartID);
		const c = el && window.echarts && echarts.getInstanceByDom(el);
		const s = c && c.getOption().series.find(s => s.id === 's0');
		return s ? s.data : null;
	};
	const same = (chartID, key) => {
		const d = data(chartID), w = want[key];
		if (!d || !w || d.length !== 2 * w.length) return false;
		for (let i = 0; i < w.length; i++) if (d[2*i] !== i || !Object.is(d[2*i+1], w[i])) return false;
		return true;
	};
	// What a payload would have made, were it parsed as HTML.
	const BAD = 'img, svg, object, embed, iframe:not([data-hostile]), script:not([src]), [onerror], [onload], [onclick], [onmouseover], [onfocus], a[href^="javascript" i]';
	const docs = () => {
		const out = [[window, document]];
		for (const f of document.querySelectorAll('iframe')) {
			try { if (f.contentDocument) out.push([f.contentWindow, f.contentDocument]); } catch (e) {}
		}
		return out;
	};
	const probe = (prefix, control) => {
		const t = id => { const el = document.getElementById(id); return el ? el.textContent : ''; };
		const injected = [], pwned = [];
		for (const [w, d] of docs()) {
			if (w.__pwned !== undefined) pwned.push(String(w.__pwned));
			for (const el of d.querySelectorAll(BAD)) injected.push(el.outerHTML.slice(0, 120));
		}
		const input = control ? document.getElementById(prefix + control) : null;
		const chart = document.getElementById(prefix + 'chart');
		return {
			alert: control ? t(prefix + control + '-error') : '',
			invalid: input ? (input.getAttribute('aria-invalid') || '') : '',
			general: t(prefix + 'error'),
			pwned, injected,
			canvas: Boolean(chart && chart.querySelector('canvas')),
		};
	};
	// set puts a value in a control as a person would (a select gets the
	// option first, as a tampered page would have it) and waits for the redraw.
	const set = async (id, value) => {
		const el = document.getElementById(id);
		if (el.tagName === 'SELECT' && ![...el.options].some(o => o.value === value)) el.append(new Option(value, value));
		if (el.type === 'checkbox') el.checked = value === 'true'; else el.value = value;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		await frames();
		return el.value;
	};
	return {frames, want, data, same, probe, set};
})(), true`

// hpage is a tab under test with the helper installed and the curves it
// has been given to compare with.
type hpage struct {
	*tab
	t        *testing.T
	uploaded map[string]bool
}

// install puts the helper into the page: after every navigation.
func (hp *hpage) install() {
	hp.t.Helper()
	hp.uploaded = map[string]bool{}
	eval[bool](hp.tab, hostileJS)
}

// responsive fails unless the page answers a trivial expression at once.
func (hp *hpage) responsive(what string) {
	hp.t.Helper()
	ctx, cancel := context.WithTimeout(hp.ctx, 3*time.Second)
	defer cancel()
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[int](`6 * 7`)); err != nil || v != 42 {
		hp.t.Fatalf("%s: the page does not answer within 3 s (%v)", what, err)
	}
}

// want uploads core.Evaluate(spec, steps) as the curve key and returns key.
func (hp *hpage) want(spec string, steps int64) string {
	hp.t.Helper()
	key := fmt.Sprintf("%s@%d", spec, steps)
	if hp.uploaded[key] {
		return key
	}
	vals, err := core.Evaluate([]byte(spec), int(steps))
	if err != nil {
		hp.t.Fatalf("the test's own spec %s over %d steps: %v", spec, steps, err)
	}
	b, err := json.Marshal(vals)
	if err != nil {
		hp.t.Fatal(err)
	}
	eval[bool](hp.tab, fmt.Sprintf(`(window.__hostile.want[%s] = %s, true)`, jsString(key), b))
	hp.uploaded[key] = true
	return key
}

// jsString writes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// probeResult is what a page shows after a hostile input.
type probeResult struct {
	Alert    string   // beside the control
	Invalid  string   // the control's aria-invalid
	General  string   // the view's general alert
	Pwned    []string // window.__pwned in the page or a frame
	Injected []string // elements a payload made
	Canvas   bool
	Value    string // what the control holds
	Kept     bool   // the chart shows what it should after the input
	Fixed    bool   // a valid value afterwards redraws the chart
	After    string // the control's alert after the valid value
}

func (hp *hpage) probe(prefix, control string) probeResult {
	hp.t.Helper()
	return eval[probeResult](hp.tab, fmt.Sprintf(`window.__hostile.probe(%s, %s)`, jsString(prefix), jsString(control)))
}

// typeCase types text into the control id, checks the chart shows nowKey,
// then types fix and checks it shows fixKey.
func (hp *hpage) typeCase(prefix, control, text, nowKey, fix, fixKey string) probeResult {
	hp.t.Helper()
	id := prefix + control
	chart := prefix + "chart"
	js := fmt.Sprintf(`(async () => {
		const H = window.__hostile;
		const value = await H.set(%[1]s, %[2]s);
		const p = H.probe(%[3]s, %[4]s);
		p.value = value;
		p.kept = H.same(%[5]s, %[6]s);
		await H.set(%[1]s, %[7]s);
		p.fixed = H.same(%[5]s, %[8]s);
		p.after = H.probe(%[3]s, %[4]s).alert;
		return p;
	})()`, jsString(id), jsString(text), jsString(prefix), jsString(control), jsString(chart), jsString(nowKey), jsString(fix), jsString(fixKey))
	return eval[probeResult](hp.tab, js)
}

// clean checks that nothing of a payload ran or became an element, and
// that a chart is there.
func (p probeResult) clean(t *testing.T, what string) {
	t.Helper()
	p.harmless(t, what)
	if !p.Canvas {
		t.Errorf("%s: no chart canvas", what)
	}
}

// harmless checks that nothing of a payload ran or became an element, in
// the page or its frames.
func (p probeResult) harmless(t *testing.T, what string) {
	t.Helper()
	if len(p.Pwned) > 0 {
		t.Errorf("%s: injected script ran: window.__pwned = %v", what, p.Pwned)
	}
	if len(p.Injected) > 0 {
		t.Errorf("%s: elements from the payload are in the DOM: %q", what, p.Injected)
	}
}

// checkChart checks the first curve of chartID is spec over steps as the
// page draws it: every step when the chart has room, else core's
// Downsample to the chart's pixel columns.
func checkChart(t *testing.T, tb *tab, chartID, spec string, steps int64) {
	t.Helper()
	cols := eval[int](tb, fmt.Sprintf(`Number(document.getElementById(%q).dataset.columns)`, chartID))
	pairs := eval[[]float64](tb, seriesJS("document", "window", chartID, "s0"))
	if steps <= 4*int64(cols) {
		sameSeries(t, pairs, spec, int(steps))
		return
	}
	s, err := core.Parse([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Downsample(steps, cols)
	want := core.Points(c)
	if len(pairs) != 2*len(want) {
		t.Fatalf("%s over %d steps: %d points drawn, want %d", spec, steps, len(pairs)/2, len(want))
	}
	for i, w := range want {
		if pairs[2*i] != float64(w.Step) || pairs[2*i+1] != w.LR {
			t.Fatalf("%s over %d steps: point %d = (%v, %v), want (%d, %v)", spec, steps, i, pairs[2*i], pairs[2*i+1], w.Step, w.LR)
		}
	}
}

// exampleText is the text a kind's control holds at first: the example's value, else the default.
func exampleText(k *core.Kind, name string) string {
	s, err := core.Parse([]byte(k.Example))
	if err != nil {
		panic(err)
	}
	p := k.Param(name)
	v, ok := s.Args()[name]
	if !ok {
		v = p.Default
	}
	return p.FormatValue(v)
}

// alternative is a second valid value of a numeric parameter, near its example.
func alternative(k *core.Kind, name string) string {
	p := k.Param(name)
	x, err := strconv.ParseFloat(exampleText(k, name), 64)
	if err != nil {
		x = p.Range.Min
	}
	var next float64
	switch {
	case p.Type == core.Int:
		next = x + 1
	case x == 0:
		next = 0.001
	default:
		next = x / 2
	}
	return strconv.FormatFloat(next, 'g', -1, 64)
}

// specWith is the kind's example with parameters given as text.
func specWith(t *testing.T, k *core.Kind, texts map[string]string) string {
	t.Helper()
	over := map[string]any{}
	for name, text := range texts {
		v, err := k.Param(name).ParseText(text)
		if err != nil {
			t.Fatalf("the test's own value %s=%q: %v", name, text, err)
		}
		over[name] = v
	}
	b, err := json.Marshal(over)
	if err != nil {
		t.Fatal(err)
	}
	return exampleSpec(t, k.Name, string(b))
}

// periodParams are the whole-number parameters a run cannot have zero of:
// cycle lengths, decay lengths, epochs. Zero and negative values must be
// refused in words, never divided by.
func periodParams() map[*core.Kind][]string {
	out := map[*core.Kind][]string{}
	for _, k := range core.Kinds() {
		for _, p := range k.Params {
			if p.Type == core.Int && p.Range.Min >= 1 {
				out[k] = append(out[k], p.Name)
			}
		}
	}
	return out
}

// stepsValid says whether the page takes text as a run length: a plain
// decimal whole number in [1, core.MaxSteps], blanks around it allowed.
func stepsValid(text string) (int64, bool) {
	p := core.Param{Name: "steps", Type: core.Int, Range: core.Range{Min: 1, Max: float64(core.MaxSteps)}}
	v, err := p.ParseText(text)
	if err != nil {
		return 0, false
	}
	return v.(int64), true
}

// TestHostileCSP: the server's policy forbids inline script, and the
// browser enforces it on our pages.
func TestHostileCSP(t *testing.T) {
	for _, path := range []string{"/", "/embed.html", "/examples/docs.html", "/nope"} {
		resp, err := http.Get(testSiteURL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		directives := map[string]string{}
		for _, d := range strings.Split(csp, ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
			directives[name] = value
		}
		// Script only from our files (and the wasm compiled): no inline script or handlers, no eval.
		if got := directives["script-src"]; got != "'self' 'wasm-unsafe-eval'" {
			t.Errorf("%s: script-src %q, want 'self' 'wasm-unsafe-eval' (policy %q)", path, got, csp)
		}
		for _, name := range []string{"script-src-elem", "script-src-attr"} {
			if got, ok := directives[name]; ok {
				t.Errorf("%s: %s %q loosens script-src", path, name, got)
			}
		}
		if directives["default-src"] != "'self'" || directives["object-src"] != "'none'" || directives["base-uri"] != "'none'" {
			t.Errorf("%s: policy %q: want default-src 'self', object-src 'none', base-uri 'none'", path, csp)
		}
	}
	for _, page := range []string{"/", "/embed.html"} {
		tb := openPage(t, testSiteURL+page, `[data-ready="true"] canvas`)
		got := eval[[]string](tb, `(async () => {
			const violations = [];
			document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
			document.head.append(Object.assign(document.createElement('script'), {textContent: 'window.__inline = 1'}));
			const b = document.createElement('button');
			b.setAttribute('onclick', 'window.__handler = 1');
			document.body.append(b);
			b.click();
			const d = document.createElement('div');
			d.innerHTML = '<img src="x-hostile" onerror="window.__onerror = 1">';
			document.body.append(d);
			const a = Object.assign(document.createElement('a'), {href: 'javascript:window.__href = 1'});
			document.body.append(a);
			a.click();
			await new Promise(r => setTimeout(r, 300));
			b.remove(); d.remove(); a.remove();
			return [String(window.__inline), String(window.__handler), String(window.__onerror), String(window.__href), ...violations.sort()];
		})()`)
		if strings.Join(got[:4], " ") != "undefined undefined undefined undefined" {
			t.Errorf("%s: inline script ran despite the CSP: __inline, __handler, __onerror, __href = %q", page, got[:4])
		}
		// One refusal each: the handler and the onerror (attributes), the
		// script element and the javascript: link (elements, for Chromium).
		if v := strings.Join(got[4:], " "); v != "script-src-attr script-src-attr script-src-elem script-src-elem" {
			t.Errorf("%s: CSP violations %q, want the script element's, the two handlers' and the javascript: link's", page, v)
		}
		// The browser reports each refusal, and the image's 404: those and nothing else.
		for _, e := range tb.errors() {
			if !strings.Contains(e, "Content Security Policy") && !strings.Contains(e, "404") {
				t.Errorf("%s: unexpected console error %q", page, e)
			}
		}
	}
}

// TestHostileServerQueryLimit: the real server (newServer's limits, not
// the test server's) serves every query the page reads, up to the page's
// 16 KB; a 100 kB link is refused by the server itself with 431, before
// any page could show it (browsers and proxies have such limits too).
func TestHostileServerQueryLimit(t *testing.T) {
	srv := newServer(siteFS(t))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"
	for _, tt := range []struct {
		n    int
		want int
	}{{16 << 10, 200}, {16<<10 + 1, 200}, {100 << 10, 431}} {
		q := "T_max=50&pad=" + strings.Repeat("a", tt.n-len("T_max=50&pad="))
		req, _ := http.NewRequest("GET", base+"?"+q, nil)
		// What a browser sends besides the request line.
		req.Header.Set("User-Agent", strings.Repeat("u", 200))
		req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
		req.Header.Set("Accept-Language", "en-US,en;q=0.9")
		req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("a query of %d bytes: status %d, want %d", tt.n, resp.StatusCode, tt.want)
		}
	}
}

// urlCase is a link to the playground: a kind and texts for parameters,
// and what the page must say besides what core says of each value.
type urlCase struct {
	name      string
	kind      string            // "" leaves it out
	values    map[string]string // parameter (or unknown key) → text, escaped by the test
	steps     string            // the run length's text, when withSteps
	withSteps bool
	raw       string   // appended to the query as is
	general   []string // the general alert must contain each
}

func (c urlCase) query() string {
	var parts []string
	if c.kind != "" {
		parts = append(parts, "kind="+url.QueryEscape(c.kind))
	}
	for name, text := range c.values {
		parts = append(parts, url.QueryEscape(name)+"="+url.QueryEscape(text))
	}
	if c.withSteps {
		parts = append(parts, "steps="+url.QueryEscape(c.steps))
	}
	if c.raw != "" {
		parts = append(parts, c.raw)
	}
	return "?" + strings.Join(parts, "&")
}

// hostileSteps are run lengths: refused (0, negative, over core.MaxSteps,
// not decimal, not whole, script) and accepted (the maximum, blanks around).
var hostileSteps = []string{"0", "-1", "1e13", "1e12", "NaN", "Infinity", "1_000", "0x10", "0x1p4", " 500 ", "", "1.5", "-0", xssImg}

// hostileURLCases are links that, together, carry every hostile text in a
// playground parameter, every payload as a kind and as a key, every
// hostile run length, bad escapes, and 0 and a negative number in every
// period parameter of every kind. Orthogonal things share a link: each
// link costs a page load.
func hostileURLCases() []urlCase {
	var cases []urlCase
	pg := core.LookupKind("playground")
	var numeric []string
	for _, p := range pg.Params {
		if p.Type != core.Bool {
			numeric = append(numeric, p.Name)
		}
	}
	kinds := append(append([]string{}, xssPayloads...), "torch.CosineAnealingLR", "\x00", "torch.\u202eRLgnilaennAenisoC🔥")
	raws := []string{"eta_min=%zz", "eta_min=0.01;x=1", "log=" + url.QueryEscape(xssScript)}
	rawSays := []string{`malformed (invalid URL escape "%zz")`, "invalid semicolon separator", "log: " + quoteOf(xssScript)}
	for r, kind := range kinds {
		c := urlCase{name: fmt.Sprintf("kind %q", kind), kind: kind, values: map[string]string{"restarts": xssPayloads[r%len(xssPayloads)]},
			steps: hostileSteps[r], withSteps: true}
		for i, name := range numeric {
			c.values[name] = hostileTexts[(r*len(numeric)+i)%len(hostileTexts)]
		}
		c.general = []string{"unknown kind " + quoteOf(kind)}
		if r < len(xssPayloads) { // a payload as a key, too
			c.values[xssPayloads[(r+1)%len(xssPayloads)]] = "1"
		}
		if r < len(raws) {
			c.raw = raws[r]
			c.general = append(c.general, rawSays[r])
		}
		cases = append(cases, c)
	}
	cases[len(xssPayloads)].general = append(cases[len(xssPayloads)].general, "did you mean torch.CosineAnnealingLR?")
	cases = append(cases,
		urlCase{name: "near-miss parameter", values: map[string]string{"t_max": "5"}, general: []string{"did you mean T_max?"}},
		urlCase{name: "OneCycleLR without a length", kind: "torch.OneCycleLR", values: map[string]string{"total_steps": ""}},
		urlCase{name: "OneCycleLR shorter than the run", kind: "torch.OneCycleLR", values: map[string]string{"total_steps": "10"},
			general: []string{"more than total_steps + 1 = 11"}},
	)
	more := hostileSteps[len(kinds):]
	for _, k := range core.Kinds() {
		names := periodParams()[k]
		for _, v := range []string{"0", "-3"} {
			if len(names) == 0 {
				continue
			}
			c := urlCase{name: k.Name + " at " + v, kind: k.Name, values: map[string]string{}}
			for _, n := range names {
				c.values[n] = v
			}
			if len(more) > 0 {
				c.steps, c.withSteps, more = more[0], true, more[1:]
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// hostileTab opens a tab that may live for limit (open's tabs live 60 s)
// and loads url, waiting until ready selects something.
func hostileTab(t *testing.T, limit time.Duration, url, ready string) *hpage {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(cancelTimeout)
	tb := &tab{t: t, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	tb.listen()
	hp := &hpage{tab: tb, t: t}
	hp.goTo(url, ready)
	return hp
}

// goTo loads url in the tab, waits (at most 15 s) until ready selects
// something, and installs the helper.
func (hp *hpage) goTo(url, ready string) {
	hp.t.Helper()
	ctx, cancel := context.WithTimeout(hp.ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(ready))); err != nil {
		hp.t.Fatalf("open %.120s: no %s: %v (console: %v)", url, ready, err, hp.errors())
	}
	hp.install()
}

const playgroundReady = `body[data-ready="true"] #chart canvas`

// TestHostilePlaygroundURL opens the playground with each hostile link.
func TestHostilePlaygroundURL(t *testing.T) {
	hp := hostileTab(t, 2*time.Minute, testSiteURL+"/", playgroundReady)
	for _, c := range hostileURLCases() {
		q := c.query()
		hp.goTo(testSiteURL+"/"+q, playgroundReady)
		hp.responsive(c.name)
		what := fmt.Sprintf("%s (%.80s)", c.name, q)
		k := core.LookupKind(c.kind)
		if k == nil {
			k = core.LookupKind("playground")
		}
		general := hp.probe("", "")
		general.clean(t, what)
		for _, w := range c.general {
			if !strings.Contains(general.General, w) {
				t.Errorf("%s: the page's alert %q does not say %q", what, general.General, w)
			}
		}
		// What the page must make of each value: core decides what is valid.
		valid := map[string]string{}
		for name, text := range c.values {
			p := k.Param(name)
			if p == nil {
				if want := "the link names " + quoteOf(name); !strings.Contains(general.General, want) {
					t.Errorf("%s: the page's alert %q does not say %q", what, general.General, want)
				}
				continue
			}
			got := hp.probe("", name)
			if _, err := p.ParseText(text); err == nil {
				valid[name] = text
			} else if msg := err.(*core.Error).Msg + "; using " + orNoneText(exampleText(k, name)); !strings.Contains(got.Alert, msg) || got.Invalid != "true" {
				t.Errorf("%s: %s=%q: the alert says %q (aria-invalid %q), want %q", what, name, text, got.Alert, got.Invalid, msg)
			}
		}
		steps := k.ExampleSteps
		if c.withSteps {
			if n, ok := stepsValid(c.steps); ok {
				steps = n
			} else if msg := hp.probe("", "steps").Alert; !strings.Contains(msg, quoteOf(c.steps)+" is not a whole number") {
				t.Errorf("%s: steps=%q: the alert says %q", what, c.steps, msg)
			}
		}
		// Values fine one by one but not together: the example, and why.
		spec := specWith(t, k, valid)
		sched, err := core.Parse([]byte(spec))
		if err == nil {
			err = sched.CheckSteps(steps)
		}
		if err != nil {
			if want := "showing the example of " + k.Name; !strings.Contains(general.General, want) {
				t.Errorf("%s: %v, and the page's alert %q does not say %q", what, err, general.General, want)
			}
			spec, steps, valid = k.Example, k.ExampleSteps, map[string]string{}
		}
		for name, text := range valid {
			if got := hp.probe("", name); got.Alert != "" || got.Invalid != "false" {
				t.Errorf("%s: %s=%q is valid, yet the alert says %q (aria-invalid %q)", what, name, text, got.Alert, got.Invalid)
			}
		}
		checkChart(t, hp.tab, "chart", spec, steps)
		if st := eval[string](hp.tab, `document.getElementById('status').hidden ? '' : document.getElementById('status').textContent`); st != "" {
			t.Errorf("%s: the loading status still says %q", what, st)
		}
		// A valid value afterwards redraws.
		prm, alt := "steps", "1000"
		if steps <= 100000 {
			prm = firstNumber(k)
			alt = alternative(k, prm)
			valid[prm] = alt
		} else {
			steps = 1000
		}
		key := hp.want(specWith(t, k, valid), steps)
		if r := hp.typeCase("", prm, alt, key, alt, key); !r.Fixed || r.After != "" {
			t.Errorf("%s: typing %s=%s afterwards: redrawn %v, alert %q", what, prm, alt, r.Fixed, r.After)
		}
	}
	// Exactly at the page's limit the query is read; one byte over, and 100 kB, it is refused whole.
	for _, n := range []int{16 << 10, 16<<10 + 1, 100 << 10} {
		q := "T_max=50&pad=" + strings.Repeat("a", n-len("T_max=50&pad="))
		hp.goTo(testSiteURL+"/?"+q, playgroundReady)
		hp.responsive(fmt.Sprintf("a query of %d bytes", n))
		p := hp.probe("", "")
		p.clean(t, fmt.Sprintf("a query of %d bytes", n))
		if n <= 16<<10 {
			if !strings.Contains(p.General, `the link names "pad`) {
				t.Errorf("a query of %d bytes: the page says %q", n, p.General)
			}
			checkChart(t, hp.tab, "chart", exampleSpec(t, "playground", `{"T_max":50}`), 1000)
		} else {
			if want := fmt.Sprintf("the link's query is %d bytes, more than the 16384 read", n); !strings.Contains(p.General, want) {
				t.Errorf("a query of %d bytes: the page says %q, want %q", n, p.General, want)
			}
			checkChart(t, hp.tab, "chart", defaultPlaygroundSpec(), 1000)
		}
	}
	hp.noConsoleErrors()
}

// firstNumber is the kind's first parameter with a number box that cannot be None.
func firstNumber(k *core.Kind) string {
	for _, p := range k.Params {
		if (p.Type == core.Float || p.Type == core.Int) && !p.Nullable {
			return p.Name
		}
	}
	panic(k.Name + " has no number parameter")
}

func siteFS(t *testing.T) fs.FS {
	t.Helper()
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func orNoneText(s string) string {
	if s == "" {
		return "None"
	}
	return s
}

// typedView follows what a view's controls hold, to know what it must draw.
type typedView struct {
	hp     *hpage
	prefix string
	kind   *core.Kind
	values map[string]string // the last good text of each parameter
	steps  int64
	turn   int // alternates the valid value typed after each case
}

func newTypedView(hp *hpage, prefix string, k *core.Kind) *typedView {
	return &typedView{hp: hp, prefix: prefix, kind: k, values: map[string]string{}, steps: k.ExampleSteps}
}

func (tv *typedView) key(values map[string]string, steps int64) string {
	return tv.hp.want(specWith(tv.hp.t, tv.kind, values), steps)
}

// try types text into control, then a valid value, and checks what the
// page shows after each: core decides whether text is valid, and says why not.
func (tv *typedView) try(control, text string) {
	t := tv.hp.t
	t.Helper()
	what := fmt.Sprintf("%s: %s%s = %q", tv.kind.Name, tv.prefix, control, text)
	now := maps.Clone(tv.values)
	nowSteps := tv.steps
	var msg string // what the alert must say, "" when text is valid
	if control == "steps" {
		if n, ok := stepsValid(text); ok {
			nowSteps = n
		} else {
			msg = quoteOf(text) + " is not a whole number in [1, 1000000000000]"
		}
	} else if _, err := tv.kind.Param(control).ParseText(text); err != nil {
		msg = err.(*core.Error).Msg
	} else {
		now[control] = text
	}
	if msg == "" { // valid by itself: it may still fail with the others
		if s, err := core.Parse([]byte(specWith(t, tv.kind, now))); err != nil {
			msg = err.(*core.Error).Msg
		} else if err := s.CheckSteps(nowSteps); err != nil {
			msg = err.(*core.Error).Msg
		}
		if msg != "" {
			now, nowSteps = tv.values, tv.steps // the last good chart stays
		}
	}
	// Then a valid value: the kind's example, or one near it.
	tv.turn++
	fix := ""
	fixValues, fixSteps := maps.Clone(now), nowSteps
	if control == "steps" {
		fixSteps = tv.kind.ExampleSteps - int64(tv.turn%2)
		fix = strconv.FormatInt(fixSteps, 10)
	} else {
		fix = exampleText(tv.kind, control)
		if tv.turn%2 == 1 {
			fix = alternative(tv.kind, control)
		}
		fixValues[control] = fix
	}
	tv.hp.responsive(what)
	r := tv.hp.typeCase(tv.prefix, control, text, tv.key(now, nowSteps), fix, tv.key(fixValues, fixSteps))
	tv.hp.responsive(what)
	r.clean(t, what)
	if r.Value != text {
		t.Errorf("%s: the box holds %q", what, r.Value)
	}
	switch {
	case msg != "" && (!strings.Contains(r.Alert, msg) || r.Invalid != "true"):
		t.Errorf("%s: the alert says %q (aria-invalid %q), want %q", what, r.Alert, r.Invalid, msg)
	case msg == "" && r.Alert != "":
		t.Errorf("%s is valid, yet the alert says %q", what, r.Alert)
	}
	if !r.Kept {
		t.Errorf("%s: the chart is not the last good one (%s over %d steps)", what, specWith(t, tv.kind, now), nowSteps)
	}
	if !r.Fixed || r.After != "" {
		t.Errorf("%s: typing %s afterwards: redrawn %v, alert %q", what, fix, r.Fixed, r.After)
	}
	tv.values, tv.steps = fixValues, fixSteps
}

// TestHostilePlaygroundTyped types every hostile text into the
// playground's boxes, script into the kind selector and an option list,
// and 0 and negative numbers into every period parameter of every kind.
func TestHostilePlaygroundTyped(t *testing.T) {
	hp := hostileTab(t, 2*time.Minute, testSiteURL+"/", playgroundReady)
	pg := core.LookupKind("playground")
	tv := newTypedView(hp, "", pg)
	for _, text := range hostileTexts {
		for _, control := range []string{"T_max", "lr", "steps"} {
			tv.try(control, text)
		}
	}
	for _, p := range pg.Params {
		if p.Type == core.Bool || p.Name == "T_max" || p.Name == "lr" {
			continue
		}
		for _, text := range append(xssPayloads, "1e400", "") {
			tv.try(p.Name, text)
		}
	}

	// The kind selector, given options that are no kind (a tampered page).
	checkKind := func(name string) {
		t.Helper()
		r := hp.typeCase("", "kind", name, tv.key(tv.values, tv.steps), "playground", hp.want(pg.Example, pg.ExampleSteps))
		r.clean(t, "kind "+name)
		if want := "unknown kind " + quoteOf(name); !strings.Contains(r.General, want) {
			t.Errorf("kind %q: the page says %q, want %q", name, r.General, want)
		}
		if !r.Kept || !r.Fixed {
			t.Errorf("kind %q: the chart kept %v, redrawn for playground %v", name, r.Kept, r.Fixed)
		}
		tv.values, tv.steps = map[string]string{}, pg.ExampleSteps
	}
	for _, name := range append(xssPayloads, "torch.CosineAnealingLR", "") {
		checkKind(name)
	}

	// Every kind: script into its option lists, 0 and below into its periods.
	periods := periodParams()
	for _, k := range core.Kinds() {
		names := periods[k]
		var enums []string
		for _, p := range k.Params {
			if p.Type == core.Enum {
				enums = append(enums, p.Name)
			}
		}
		if len(names) == 0 && len(enums) == 0 {
			continue
		}
		eval[bool](hp.tab, fmt.Sprintf(`window.__hostile.set('kind', %s).then(() => true)`, jsString(k.Name)))
		tv = newTypedView(hp, "", k)
		for _, n := range names {
			for _, text := range []string{"0", "-1"} {
				tv.try(n, text)
			}
		}
		for _, n := range enums {
			for _, text := range append(xssPayloads, "") {
				tv.tryOption(n, text)
			}
		}
	}
	hp.noConsoleErrors()
}

// tryOption picks an option that is none of the parameter's (a tampered
// page), then the example's.
func (tv *typedView) tryOption(control, text string) {
	t := tv.hp.t
	t.Helper()
	what := fmt.Sprintf("%s: %s = %q", tv.kind.Name, control, text)
	_, err := tv.kind.Param(control).ParseText(text)
	if err == nil {
		t.Fatalf("%s is an option", what)
	}
	key := tv.key(tv.values, tv.steps)
	r := tv.hp.typeCase(tv.prefix, control, text, key, exampleText(tv.kind, control), key)
	r.clean(t, what)
	if msg := err.(*core.Error).Msg; !strings.Contains(r.Alert, msg) {
		t.Errorf("%s: the alert says %q, want %q", what, r.Alert, msg)
	}
	if !r.Kept || !r.Fixed || r.After != "" {
		t.Errorf("%s: chart kept %v, redrawn %v, alert after %q", what, r.Kept, r.Fixed, r.After)
	}
}

const embedReady = `#lrplay[data-ready="true"] canvas`

// embedCase is a query for embed.html: fields in order (escaped by the
// test), and what the page must say besides what core says of each
// parameter's value.
type embedCase struct {
	name    string
	fields  [][2]string
	raw     string
	general []string
	means   string // the list of mean lrs must show this label
}

func (c embedCase) query() string {
	var parts []string
	for _, f := range c.fields {
		parts = append(parts, url.QueryEscape(f[0])+"="+url.QueryEscape(f[1]))
	}
	if c.raw != "" {
		parts = append(parts, c.raw)
	}
	return strings.Join(parts, "&")
}

// hostileEmbedCases spread the hostile texts over a kind's controls and run
// length, and payloads over every key that carries text: kind, controls,
// label, series, vars, the switches, and unknown keys.
func hostileEmbedCases() []embedCase {
	const kind = "torch.CosineAnnealingWarmRestarts"
	names := []string{"lr", "T_0", "T_mult", "eta_min", "steps"}
	extras := []struct {
		key, value, says string
		means            string
	}{
		{xssScript, "1", "has no parameter " + quoteOf(xssScript), ""},
		{"log", xssImg, "log must be true or false", ""},
		{"scrub", xssSVG, "scrub must be true", ""},
		{"pin", xssJS, "pin must be true or false", ""},
		{"mean", xssQuotes, "mean must be true or false", ""},
		{"vars", xssScript, "vars is only for a configuration with series", ""},
		{"label", xssImg, "", xssImg},
	}
	var cases []embedCase
	for r := 0; r*len(names) < len(hostileTexts); r++ {
		c := embedCase{name: fmt.Sprintf("texts %d", r), fields: [][2]string{{"kind", kind}, {"controls", "all"}}}
		for i, n := range names {
			c.fields = append(c.fields, [2]string{n, hostileTexts[(r*len(names)+i)%len(hostileTexts)]})
		}
		e := extras[r%len(extras)]
		c.fields = append(c.fields, [2]string{e.key, e.value})
		if e.means != "" {
			c.fields = append(c.fields, [2]string{"mean", "true"})
			c.means = e.means
		}
		if e.says != "" {
			c.general = []string{e.says}
		}
		cases = append(cases, c)
	}
	kinds := append(append([]string{}, xssPayloads...), "torch.CosineAnealingLR")
	for i, k := range kinds {
		ctl := xssPayloads[(i+2)%len(xssPayloads)]
		c := embedCase{name: "kind " + k, fields: [][2]string{{"kind", k}, {"controls", ctl + ",steps"}, {"steps", hostileSteps[i]}},
			general: []string{"unknown kind " + quoteOf(k), "no control named " + quoteOf(ctl) + " for playground"}}
		if i == 0 {
			c.fields = append(c.fields, [2]string{"series", xssSVG})
			c.general = append(c.general, "series must be a non-empty list")
			c.general = c.general[:1] // series replaces the kind's controls
			c.fields[1][1] = "steps"
		}
		if i == 1 {
			c.raw = "eta_min=%zz"
			c.general = append(c.general, `the query is malformed (invalid URL escape "%zz")`)
		}
		cases = append(cases, c)
	}
	cases[len(cases)-1].general = append(cases[len(cases)-1].general, "did you mean torch.CosineAnnealingLR?")
	cases = append(cases,
		embedCase{name: "OneCycleLR periods", fields: [][2]string{{"kind", "torch.OneCycleLR"}, {"controls", "all"}, {"total_steps", "0"}, {"epochs", "-1"}, {"steps_per_epoch", "0"}}},
		embedCase{name: "OneCycleLR shorter than the run", fields: [][2]string{{"kind", "torch.OneCycleLR"}, {"controls", "all"}, {"total_steps", "10"}},
			general: []string{"more than total_steps + 1 = 11", "showing the example of torch.OneCycleLR"}},
	)
	return cases
}

// TestHostileEmbedQuery opens embed.html with each hostile query.
func TestHostileEmbedQuery(t *testing.T) {
	hp := hostileTab(t, 2*time.Minute, testSiteURL+"/embed.html", embedReady)
	for _, c := range hostileEmbedCases() {
		q := c.query()
		what := fmt.Sprintf("%s (%.80s)", c.name, q)
		hp.goTo(testSiteURL+"/embed.html?"+q, embedReady)
		hp.responsive(what)
		general := hp.probe("lrplay-", "")
		general.clean(t, what)
		for _, w := range c.general {
			if !strings.Contains(general.General, w) {
				t.Errorf("%s: the embed's alert %q does not say %q", what, general.General, w)
			}
		}
		// What the view must make of each value: core decides.
		fields := map[string]string{}
		for _, f := range c.fields {
			fields[f[0]] = f[1]
		}
		k := core.LookupKind(fields["kind"])
		if k == nil || fields["series"] != "" {
			k = core.LookupKind("playground")
		}
		valid := map[string]string{}
		steps := k.ExampleSteps
		for name, text := range fields {
			p := k.Param(name)
			var msg string
			switch {
			case name == "steps":
				if n, ok := stepsValid(text); ok {
					steps = n
					continue
				}
				msg = quoteOf(text) + " is not a whole number in [1, 1000000000000]; using " + strconv.FormatInt(k.ExampleSteps, 10)
			case p == nil:
				continue
			default:
				_, err := p.ParseText(text)
				if err == nil {
					valid[name] = text
					continue
				}
				msg = err.(*core.Error).Msg + "; using " + orNoneText(exampleText(k, name))
			}
			if got := hp.probe("lrplay-", name); !strings.Contains(got.Alert, msg) || got.Invalid != "true" {
				t.Errorf("%s: %s=%q: the alert beside it says %q (aria-invalid %q), want %q", what, name, text, got.Alert, got.Invalid, msg)
			}
		}
		spec := specWith(t, k, valid)
		if s, err := core.Parse([]byte(spec)); err != nil || s.CheckSteps(steps) != nil {
			spec, steps, valid = k.Example, k.ExampleSteps, map[string]string{}
		}
		checkChart(t, hp.tab, "lrplay-chart", spec, steps)
		if c.means != "" {
			got := eval[string](hp.tab, `document.querySelector('#lrplay-means .series-label').textContent`)
			if got != c.means {
				t.Errorf("%s: the mean's label reads %q, want %q as text", what, got, c.means)
			}
		}
		// The run length typed afterwards redraws.
		alt := min(steps, 1000) - 1 // every step drawn: compared in the page
		key := hp.want(specWith(t, k, valid), alt)
		if r := hp.typeCase("lrplay-", "steps", strconv.FormatInt(alt, 10), key, strconv.FormatInt(alt, 10), key); !r.Fixed || r.After != "" {
			t.Errorf("%s: typing steps=%d afterwards: redrawn %v, alert %q", what, alt, r.Fixed, r.After)
		}
	}
	for _, n := range []int{16 << 10, 16<<10 + 1, 100 << 10} {
		q := "controls=steps&kind=torch.LinearLR&pad=" + strings.Repeat("a", n-len("controls=steps&kind=torch.LinearLR&pad="))
		what := fmt.Sprintf("a query of %d bytes", n)
		hp.goTo(testSiteURL+"/embed.html?"+q, embedReady)
		hp.responsive(what)
		p := hp.probe("lrplay-", "")
		p.clean(t, what)
		if n <= 16<<10 {
			if !strings.Contains(p.General, `has no parameter "pad`) {
				t.Errorf("%s: the embed says %q", what, p.General)
			}
			checkChart(t, hp.tab, "lrplay-chart", core.LookupKind("torch.LinearLR").Example, 100)
		} else {
			if want := fmt.Sprintf("the query is %d bytes, more than the 16384 read", n); !strings.Contains(p.General, want) {
				t.Errorf("%s: the embed says %q, want %q", what, p.General, want)
			}
			checkChart(t, hp.tab, "lrplay-chart", defaultPlaygroundSpec(), 1000)
		}
	}
	hp.noConsoleErrors()
}

// mountCase is a chart added to a page: by a data-lrplay attribute or by
// lrplay.mount, with what it must say and draw.
type mountCase struct {
	name   string
	attr   string              // the data-lrplay attribute's text, or
	js     string              // a JS expression: lrplay.mount's configuration
	alerts map[string][]string // control name, or "" for the view's general alert → what it must say
	kind   string              // what it draws: the kind's example ("" = the playground's)
	over   string              // with these parameters (JSON)
	steps  int64               // over this many steps (0 = the example's)
}

func hostileMountCases() []mountCase {
	const cos = "torch.CosineAnnealingLR"
	var cases []mountCase
	general := func(want ...string) map[string][]string { return map[string][]string{"": want} }
	beside := func(name string, want ...string) map[string][]string { return map[string][]string{name: want} }
	for _, p := range xssPayloads {
		q := jsString(p)
		cases = append(cases,
			mountCase{name: "kind " + p, attr: `{"kind": ` + q + `}`, alerts: general("unknown kind " + quoteOf(p))},
			mountCase{name: "T_max " + p, attr: `{"kind": "` + cos + `", "T_max": ` + q + `, "controls": ["T_max"]}`, kind: cos,
				alerts: beside("T_max", quoteOf(p)+" is not a number")},
			mountCase{name: "key " + p, attr: `{"kind": "` + cos + `", ` + q + `: 1}`, kind: cos, alerts: general("has no parameter " + quoteOf(p))},
			mountCase{name: "controls " + p, attr: `{"kind": "` + cos + `", "controls": [` + q + `, "T_max"]}`, kind: cos,
				alerts: general("no control named " + quoteOf(p))},
			mountCase{name: "series " + p, attr: `{"series": [{"kind": ` + q + `}, {"kind": "` + cos + `", "label": ` + q + `, "T_max": ` + jsString("$"+p[1:]) + `}], "vars": {` + jsString(p[1:]) + `: ` + q + `}}`,
				alerts: general("series 1: unknown kind "+quoteOf(p), "vars: "+p[1:]+": "+quoteOf(p)+" is not a number")},
		)
	}
	cases = append(cases,
		mountCase{name: "near-miss kind", attr: `{"kind": "torch.CosineAnealingLR"}`, alerts: general("did you mean torch.CosineAnnealingLR?")},
		mountCase{name: "kind NUL and bidi", attr: `{"kind": "\u0000\u202e"}`, alerts: general(`unknown kind "\x00\u202e"`)},
		mountCase{name: "kind a number", attr: `{"kind": 42}`, alerts: general("kind must be a string")},
		mountCase{name: "switches", attr: `{"log": "<b>", "scrub": "<i>", "play": [], "pin": 1, "mean": {}}`,
			alerts: general("log must be true or false", "scrub must be true or false", "play must be true or false", "pin must be true or false", "mean must be true or false")},
		mountCase{name: "scrub below 0", attr: `{"scrub": -5}`, alerts: general("scrub must be true, false or the step it starts at")},
		mountCase{name: "series not a list", attr: `{"series": "<script>window.__pwned=1</script>"}`, alerts: general("series must be a non-empty list")},
		mountCase{name: "vars without series", attr: `{"vars": {"x": 1}}`, alerts: general("vars is only for a configuration with series")},
		mountCase{name: "controls a number", attr: `{"controls": 42}`, alerts: general("controls must be a list of parameter names")},
		// Numbers JSON cannot hold arrive as Infinity; and values of every other type.
		mountCase{name: "T_max 1e400", attr: `{"kind": "` + cos + `", "T_max": 1e400, "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", `"+Inf" is not a number`)},
		mountCase{name: "T_max -1e400", attr: `{"kind": "` + cos + `", "T_max": -1e400, "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", `"-Inf" is not a number`)},
		// -0 reaches Go as 0: wasm_exec.js keeps one id for both.
		mountCase{name: "T_max -0", attr: `{"kind": "` + cos + `", "T_max": -0, "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", "0 is out of range")},
		mountCase{name: "T_max 1e-400", attr: `{"kind": "` + cos + `", "T_max": 1e-400, "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", "0 is out of range")},
		mountCase{name: "T_max true", attr: `{"kind": "` + cos + `", "T_max": true, "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", `"true" is not a number`)},
		mountCase{name: "T_max null", attr: `{"kind": "` + cos + `", "T_max": null, "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", "empty")},
		mountCase{name: "T_max empty", attr: `{"kind": "` + cos + `", "T_max": "", "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", "empty")},
		mountCase{name: "T_max object", attr: `{"kind": "` + cos + `", "T_max": {"a": 1}, "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", "must be a number, a string, true, false or null")},
		mountCase{name: "T_max list", attr: `{"kind": "` + cos + `", "T_max": [1], "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", "must be a number, a string, true, false or null")},
		mountCase{name: "T_max hex", attr: `{"kind": "` + cos + `", "T_max": "0x10", "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", `"0x10" is not a number`)},
		mountCase{name: "T_max underscores", attr: `{"kind": "` + cos + `", "T_max": "1_000", "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", `"1_000" is not a number`)},
		mountCase{name: "T_max NaN", attr: `{"kind": "` + cos + `", "T_max": "NaN", "controls": ["T_max"]}`, kind: cos, alerts: beside("T_max", `"NaN" is not a number`)},
		mountCase{name: "T_max blanks", attr: `{"kind": "` + cos + `", "T_max": " 50 ", "controls": ["T_max"]}`, kind: cos, over: `{"T_max": 50}`},
		mountCase{name: "steps 0", attr: `{"steps": 0}`, alerts: general(`steps: "0" is not a whole number`)},
		mountCase{name: "steps -1", attr: `{"steps": -1}`, alerts: general(`steps: "-1" is not a whole number`)},
		mountCase{name: "steps 1e13", attr: `{"steps": 1e13}`, alerts: general(`steps: "10000000000000" is not a whole number`)},
		mountCase{name: "steps 1e12", attr: `{"steps": 1e12}`, steps: core.MaxSteps},
		mountCase{name: "steps text 1e12", attr: `{"steps": "1e12", "kind": "` + cos + `"}`, kind: cos, steps: core.MaxSteps},
		mountCase{name: "steps underscores", attr: `{"steps": "1_000"}`, alerts: general(`steps: "1_000" is not a whole number`)},
		mountCase{name: "steps script", attr: `{"steps": ` + jsString(xssImg) + `}`, alerts: general("steps: " + quoteOf(xssImg) + " is not a whole number")},
		mountCase{name: "values fail together", attr: `{"kind": "torch.OneCycleLR", "total_steps": 10}`, kind: "torch.OneCycleLR",
			alerts: general("more than total_steps + 1 = 11", "showing the example of torch.OneCycleLR")},
		// What is not a configuration at all.
		mountCase{name: "not JSON", attr: `{kind: nope`, alerts: general("data-lrplay is not valid JSON")},
		mountCase{name: "HTML", attr: xssImg, alerts: general("data-lrplay is not valid JSON")},
		mountCase{name: "a string", attr: `"string"`, alerts: general("the configuration must be an object")},
		mountCase{name: "a number", attr: `42`, alerts: general("the configuration must be an object")},
		mountCase{name: "a list", attr: `[]`, alerts: general("the configuration must be an object")},
		mountCase{name: "true", attr: `true`, alerts: general("the configuration must be an object")},
		mountCase{name: "null", attr: `null`},
		mountCase{name: "empty", attr: ``},
		mountCase{name: "nested 8 deep", attr: `{"kind": "` + cos + `", "a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": 1}}}}}}}}`, alerts: general("nested too deeply")},
		mountCase{name: "10000 keys", attr: `{` + manyKeys(10000) + `}`, alerts: general("more than 64 items")},
		mountCase{name: "1 MB value", attr: `{"kind": "` + cos + `", "T_max": "` + strings.Repeat("9", 1<<20) + `x", "controls": ["T_max"]}`, kind: cos,
			alerts: beside("T_max", `"`+strings.Repeat("9", 40)+`…" is not a number`)},
		mountCase{name: "1 MB kind", attr: `{"kind": "` + strings.Repeat("k", 1<<20) + `"}`, alerts: general(`unknown kind "` + strings.Repeat("k", 40) + `…"`)},
		mountCase{name: "1 MB key", attr: `{"` + strings.Repeat("k", 1<<20) + `": 1}`, alerts: general(`has no parameter "` + strings.Repeat("k", 40) + `…"`)},
		mountCase{name: "1 MB of controls", attr: `{"controls": "` + strings.Repeat("a,", 1<<19) + `"}`, alerts: general(`no control named "a"`)},
		// lrplay.mount's argument: JS values JSON has no words for.
		mountCase{name: "mount: a string", js: `"string"`, alerts: general("the configuration must be an object")},
		mountCase{name: "mount: a number", js: `42`, alerts: general("the configuration must be an object")},
		mountCase{name: "mount: a list", js: `[]`, alerts: general("the configuration must be an object")},
		mountCase{name: "mount: a function", js: `() => ({kind: 'torch.CosineAnnealingLR'})`, alerts: general("strings, numbers, booleans, null, lists and objects")},
		mountCase{name: "mount: null", js: `null`},
		mountCase{name: "mount: undefined", js: `undefined`},
		mountCase{name: "mount: NaN", js: `{kind: '` + cos + `', T_max: NaN, controls: ['T_max']}`, kind: cos, alerts: beside("T_max", `"NaN" is not a number`)},
		mountCase{name: "mount: Infinity", js: `{kind: '` + cos + `', T_max: Infinity, controls: ['T_max']}`, kind: cos, alerts: beside("T_max", `"+Inf" is not a number`)},
		mountCase{name: "mount: a symbol", js: `{kind: '` + cos + `', T_max: Symbol('x')}`, alerts: general("strings, numbers, booleans, null, lists and objects")},
		mountCase{name: "mount: a BigInt", js: `{kind: '` + cos + `', T_max: 10n, controls: ['T_max']}`, alerts: general("strings, numbers, booleans, null, lists and objects")},
		mountCase{name: "mount: a BigInt configuration", js: `10n`, alerts: general("strings, numbers, booleans, null, lists and objects")},
		mountCase{name: "mount: a Date", js: `{kind: '` + cos + `', T_max: new Date(0), controls: ['T_max']}`, kind: cos, alerts: beside("T_max", "must be a number, a string, true, false or null")},
		mountCase{name: "mount: a cycle", js: `(() => { const o = {kind: '` + cos + `'}; o.self = o; return o; })()`, alerts: general("nested too deeply")},
		mountCase{name: "mount: a throwing getter", js: `{get kind() { throw new Error('boom') }}`, alerts: general("boom")},
		mountCase{name: "mount: a throwing proxy", js: `new Proxy({}, {ownKeys() { throw new Error('no keys') }})`, alerts: general("no keys")},
		mountCase{name: "mount: 10000 keys", js: `Object.fromEntries(Array.from({length: 10000}, (_, i) => ['k' + i, i]))`, alerts: general("more than 64 items")},
		mountCase{name: "mount: a long list", js: `{controls: new Array(1e7)}`, alerts: general("more than 64 items")},
		mountCase{name: "mount: 1 MB label", js: `{kind: '` + cos + `', label: '<img src=x onerror=window.__pwned=1>'.repeat(30000), mean: true}`, kind: cos},
		mountCase{name: "mount: toString", js: `{kind: {toString() { window.__pwned = 1; return 'playground'; }}}`, alerts: general("strings, numbers, booleans, null, lists and objects")},
	)
	for _, k := range core.Kinds() {
		names := periodParams()[k]
		for _, v := range []string{"0", "-1"} {
			if len(names) == 0 {
				continue
			}
			cfg := map[string]any{"kind": k.Name, "controls": names}
			alerts := map[string][]string{}
			for _, n := range names {
				cfg[n], _ = strconv.Atoi(v)
				alerts[n] = []string{v + " is out of range", "; using " + exampleText(k, n)}
			}
			b, _ := json.Marshal(cfg)
			cases = append(cases, mountCase{name: k.Name + " periods at " + v, attr: string(b), kind: k.Name, alerts: alerts})
		}
	}
	return cases
}

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"k%d": %d`, i, i)
	}
	return b.String()
}

// TestHostileMount adds charts to a documentation page by data-lrplay
// attributes and lrplay.mount, with hostile configurations; and mount with
// first arguments that are no element.
func TestHostileMount(t *testing.T) {
	hp := hostileTab(t, 2*time.Minute, testSiteURL+"/examples/docs.html", `[data-lrplay][data-ready="true"] canvas`)
	// A canary chart with a control: it must redraw after every case.
	eval[bool](hp.tab, `lrplay.ready.then(l => {
		const el = Object.assign(document.createElement('div'), {id: 'canary'});
		document.body.prepend(el);
		l.mount(el, {kind: 'torch.ExponentialLR', gamma: 0.9, steps: 50, controls: ['gamma']});
		return true;
	})`)
	waitFor(hp.tab, `document.querySelector('#canary[data-ready="true"] canvas')`)
	canary := newTypedView(hp, "canary-", core.LookupKind("torch.ExponentialLR"))
	canary.values["gamma"], canary.steps = "0.9", 50

	for i, c := range hostileMountCases() {
		id := fmt.Sprintf("h%d", i)
		what := fmt.Sprintf("%s (#%s)", c.name, id)
		var add string
		if c.js == "" {
			add = fmt.Sprintf(`(() => {
				const el = Object.assign(document.createElement('div'), {id: %s});
				el.setAttribute('data-lrplay', %s);
				document.body.append(el);
				return '';
			})()`, jsString(id), jsString(c.attr))
		} else {
			add = fmt.Sprintf(`(() => {
				const el = Object.assign(document.createElement('div'), {id: %s});
				document.body.append(el);
				try { lrplay.mount(el, %s); } catch (e) { return 'threw ' + e.message; }
				return '';
			})()`, jsString(id), c.js)
		}
		if threw := eval[string](hp.tab, add); threw != "" {
			t.Errorf("%s: lrplay.mount %s; a bad configuration should be shown in the element", what, threw)
			continue
		}
		if !waitWithin(hp.tab, fmt.Sprintf(`document.querySelector('#%s[data-ready="true"] canvas')`, id), 10*time.Second) {
			t.Errorf("%s: no chart within 10 s (says %q; console %q)", what, eval[string](hp.tab, fmt.Sprintf(`document.getElementById(%q).textContent.slice(0, 300)`, id)), hp.errors())
			continue
		}
		hp.responsive(what)
		got := hp.probe(id+"-", "")
		got.clean(t, what)
		for control, wants := range c.alerts {
			text := got.General
			if control != "" {
				text = hp.probe(id+"-", control).Alert
			}
			for _, w := range wants {
				if !strings.Contains(text, w) {
					t.Errorf("%s: %s alert %.300q does not say %q", what, orNoneText(control), text, w)
				}
			}
		}
		if _, ok := c.alerts[""]; !ok && got.General != "" {
			t.Errorf("%s: unexpected alert %.300q", what, got.General)
		}
		kind := c.kind
		if kind == "" {
			kind = "playground"
		}
		over := c.over
		if over == "" {
			over = "{}"
		}
		steps := c.steps
		if steps == 0 {
			steps = core.LookupKind(kind).ExampleSteps
		}
		checkChart(t, hp.tab, id+"-chart", exampleSpec(t, kind, over), steps)
		// A valid value typed beside the problem redraws and clears it;
		// without such a control, the canary shows the page still redraws.
		k := core.LookupKind(kind)
		retyped := false
		for _, p := range k.Params {
			if _, ok := c.alerts[p.Name]; !ok {
				continue
			}
			alt := alternative(k, p.Name)
			key := hp.want(specWith(t, k, map[string]string{p.Name: alt}), steps)
			if r := hp.typeCase(id+"-", p.Name, alt, key, alt, key); !r.Fixed || r.After != "" {
				t.Errorf("%s: typing %s=%s afterwards: redrawn %v, alert %q", what, p.Name, alt, r.Fixed, r.After)
			}
			retyped = true
			break
		}
		eval[bool](hp.tab, fmt.Sprintf(`(document.getElementById(%q).remove(), true)`, id))
		if !retyped {
			canary.try("gamma", xssImg)
		}
	}

	// mount's first argument must be an element: anything else throws, and
	// nothing is added to the page.
	for _, arg := range []string{``, `undefined`, `null`, `42`, `'#canary'`, `{}`, `[]`, `document`, `window`, `document.createTextNode('x')`,
		`() => document.body`, `10n`, `Symbol('x')`, `{nodeType: 3}`, `document.getElementById('canary')`} {
		got := eval[string](hp.tab, fmt.Sprintf(`(() => {
			const before = document.querySelectorAll('*').length;
			let msg = 'no error';
			try { lrplay.mount(%s); } catch (e) { msg = (e instanceof Error) + ' ' + e.message; }
			return msg + ' | ' + (document.querySelectorAll('*').length - before);
		})()`, arg))
		want := "true lrplay.mount(element, config) takes an element and a configuration object | 0"
		if strings.HasPrefix(arg, "document.getElementById") {
			want = "true this element already holds a chart | 0"
		}
		if got != want {
			t.Errorf("lrplay.mount(%s): %q, want %q", arg, got, want)
		}
		hp.responsive("lrplay.mount(" + arg + ")")
	}
	// A mounted element that leaves the page and comes back keeps its chart.
	eval[bool](hp.tab, `(() => {
		const el = Object.assign(document.createElement('div'), {id: 'detached'});
		lrplay.mount(el, {kind: 'torch.LinearLR', steps: 20});
		document.body.append(el);
		return true;
	})()`)
	if !waitWithin(hp.tab, `document.querySelector('#detached[data-ready="true"] canvas')`, 10*time.Second) {
		t.Errorf("a chart mounted on an element before it joined the page: none drawn")
	} else {
		checkChart(t, hp.tab, "detached-chart", core.LookupKind("torch.LinearLR").Example, 20)
	}

	// Labels reach the means list, the legend and the tooltip as text.
	eval[bool](hp.tab, fmt.Sprintf(`(() => {
		const el = Object.assign(document.createElement('div'), {id: 'labels'});
		document.body.append(el);
		lrplay.mount(el, {kind: 'torch.CosineAnnealingLR', label: %s, mean: true, pin: true});
		return true;
	})()`, jsString(xssImg)))
	waitFor(hp.tab, `document.querySelector('#labels[data-ready="true"] canvas')`)
	tip := eval[[]string](hp.tab, `(async () => {
		document.getElementById('labels-pin').click();
		await window.__hostile.frames();
		const chart = echarts.getInstanceByDom(document.getElementById('labels-chart'));
		const [x, y] = chart.convertToPixel({seriesIndex: 0}, [10, 0]);
		chart.dispatchAction({type: 'showTip', x, y: 100});
		await window.__hostile.frames();
		const tip = [...document.querySelectorAll('#labels-chart div')].find(d => d.textContent.startsWith('step '));
		return [tip ? tip.textContent : '', ...[...document.querySelectorAll('#labels-means .series-label')].map(e => e.textContent)];
	})()`)
	if len(tip) != 3 || !strings.Contains(tip[0], xssImg) || tip[1] != xssImg || tip[2] != "pinned: "+xssImg+" (steps=150)" {
		t.Errorf("a label with markup: tooltip and means read %q, want %q as text", tip, xssImg)
	}
	hp.probe("labels-", "").clean(t, "a label with markup")

	// embed.html in a frame, given script everywhere it takes text.
	q := url.Values{"kind": {xssScript}, "label": {xssImg}, "mean": {"true"}, "controls": {xssSVG + ",steps"}, xssJS: {"1"}}
	eval[bool](hp.tab, fmt.Sprintf(`(() => {
		const f = Object.assign(document.createElement('iframe'), {src: %s, id: 'frame'});
		f.dataset.hostile = '';
		document.body.append(f);
		return true;
	})()`, jsString("/embed.html?"+q.Encode())))
	waitFor(hp.tab, `document.getElementById('frame').contentDocument.querySelector('#lrplay[data-ready="true"] canvas')`)
	hp.probe("", "").harmless(t, "embed.html in a frame")
	says := eval[string](hp.tab, `document.getElementById('frame').contentDocument.getElementById('lrplay-error').textContent`)
	for _, w := range []string{"unknown kind " + quoteOf(xssScript), "no control named " + quoteOf(xssSVG), "has no parameter " + quoteOf(xssJS)} {
		if !strings.Contains(says, w) {
			t.Errorf("embed.html in a frame says %q, want %q", says, w)
		}
	}
	hp.noConsoleErrors()
}

// waitWithin polls the JS condition cond for up to d.
func waitWithin(tb *tab, cond string, d time.Duration) bool {
	tb.t.Helper()
	return eval[bool](tb, fmt.Sprintf(`new Promise(resolve => {
		const t0 = performance.now();
		const poll = () => {
			let v = false;
			try { v = Boolean(%s); } catch (e) {}
			if (v) resolve(true); else if (performance.now() - t0 > %d) resolve(false); else setTimeout(poll, 20);
		};
		poll();
	})`, cond, d.Milliseconds()))
}
