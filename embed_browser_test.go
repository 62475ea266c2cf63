//go:build browser

// Browser tests of embedding: embed.html in an iframe (same origin and
// another), the script API with several charts on one page, the
// documentation generators' snippets, and the site under a sub-path.
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

// seriesJS returns the JS expression for the step, lr pairs of a chart's
// series, for a chart element reached by the expression doc (a document).
func seriesJS(doc, win, chartID, seriesID string) string {
	return fmt.Sprintf(`(() => {
		const c = %s.echarts.getInstanceByDom(%s.getElementById(%q));
		const s = c.getOption().series.find(s => s.id === %q);
		return Array.from(s.data);
	})()`, win, doc, chartID, seriesID)
}

// sameSeries checks pairs (step, lr interleaved) against core.Evaluate of spec, bit for bit.
func sameSeries(t *testing.T, pairs []float64, spec string, steps int) {
	t.Helper()
	want, err := core.Evaluate([]byte(spec), steps)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2*len(want) {
		t.Fatalf("%s: %d points drawn, want %d", spec, len(pairs)/2, len(want))
	}
	for i, w := range want {
		if pairs[2*i] != float64(i) || pairs[2*i+1] != w {
			t.Fatalf("%s: point %d = (%v, %v), want (%d, %v)", spec, i, pairs[2*i], pairs[2*i+1], i, w)
		}
	}
}

// waitFor polls the JS condition cond for up to 20 s.
func waitFor(tb *tab, cond string) {
	tb.t.Helper()
	ok := eval[bool](tb, fmt.Sprintf(`new Promise(resolve => {
		const t0 = performance.now();
		const poll = () => {
			let v = false;
			try { v = Boolean(%s); } catch (e) {}
			if (v) resolve(true); else if (performance.now() - t0 > 20000) resolve(false); else setTimeout(poll, 20);
		};
		poll();
	})`, cond))
	if !ok {
		tb.t.Fatalf("timed out waiting for %s (console: %v)", cond, tb.errors())
	}
}

const sgdrSpec = `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`

// exampleSpec is what a view draws for a configuration: the kind's example
// with the configured parameters over it.
func exampleSpec(t *testing.T, kind, overrides string) string {
	t.Helper()
	k := core.LookupKind(kind)
	if k == nil {
		t.Fatalf("no kind %s", kind)
	}
	var spec, over map[string]any
	if err := json.Unmarshal([]byte(k.Example), &spec); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(overrides), &over); err != nil {
		t.Fatal(err)
	}
	maps.Copy(spec, over)
	b, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEmbedIframe(t *testing.T) {
	tb := openPage(t, testSiteURL+"/examples/iframe.html", "iframe")
	const frame = `document.querySelector('iframe')`
	const doc = frame + `.contentDocument`
	waitFor(tb, doc+`.querySelector('#lrplay[data-ready="true"] canvas')`)
	// The page that frames it learns its height: no scrollbars.
	waitFor(tb, frame+`.style.height !== ''`)
	eval[bool](tb, nextFrames)
	got := eval[[]float64](tb, fmt.Sprintf(`[parseFloat(%s.style.height), %s.documentElement.scrollHeight, %s.documentElement.clientHeight]`, frame, doc, doc))
	if got[0] != got[1] || got[1] > got[2] {
		t.Errorf("iframe height %v px, document scrollHeight %v, clientHeight %v: want equal, no scrolling", got[0], got[1], got[2])
	}
	if got[0] < 300 {
		t.Errorf("iframe height %v px: too short for a chart and two controls", got[0])
	}
	// Only the controls the query names.
	params := eval[[]string](tb, `Array.from(`+doc+`.querySelectorAll('.control')).map(el => el.dataset.param)`)
	if strings.Join(params, ",") != "T_0,T_mult" {
		t.Errorf("controls %v, want T_0, T_mult", params)
	}
	sameSeries(t, eval[[]float64](tb, seriesJS(doc, frame+".contentWindow", "lrplay-chart", "s0")), exampleSpec(t, "torch.CosineAnnealingWarmRestarts", sgdrSpec), 150)
	// An embed offers its downloads.
	if n := eval[int](tb, doc+`.querySelectorAll('[data-download]').length`); n != 5 {
		t.Errorf("%d download buttons in the embed, want 5", n)
	}
	// A control in the frame redraws the chart.
	eval[bool](tb, `(() => { const el = `+doc+`.getElementById('lrplay-T_0'); el.value = '25'; el.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	waitFor(tb, seriesJS(doc, frame+".contentWindow", "lrplay-chart", "s0")+`[2*25+1] === 0.1`)
	sameSeries(t, eval[[]float64](tb, seriesJS(doc, frame+".contentWindow", "lrplay-chart", "s0")),
		exampleSpec(t, "torch.CosineAnnealingWarmRestarts", `{"lr":0.1,"T_0":25,"T_mult":2}`), 150)
	tb.noConsoleErrors()
}

// TestEmbedOtherOrigin frames embed.html from a page on another origin,
// which is the README's iframe snippet as written, inline script and all.
func TestEmbedOtherOrigin(t *testing.T) {
	snippet := readmeSnippets(t)["iframe"]
	if snippet == "" {
		t.Fatal("the README has no iframe snippet")
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>docs</title><h1>Docs on another origin</h1>\n%s<p>after</p>",
			strings.ReplaceAll(snippet, `src="/lrplay/`, `src="`+testSiteURL+`/`))
	}))
	defer host.Close()
	// 127.0.0.1 and localhost are different origins.
	url := strings.Replace(host.URL, "127.0.0.1", "localhost", 1)
	tb := openPage(t, url, "iframe")
	waitFor(tb, `parseFloat(document.querySelector('iframe').style.height) > 300`)
	tb.noConsoleErrors()
}

func TestEmbedScript(t *testing.T) {
	tb := openPage(t, testSiteURL+"/examples/script.html", `#warmup[data-ready="true"] canvas`)
	waitFor(tb, `document.querySelectorAll('[data-lrplay][data-ready="true"]').length === 1`)
	// One runtime for both charts.
	if n := eval[int](tb, `performance.getEntriesByType('resource').filter(r => r.name.endsWith('/lrplay.wasm')).length`); n != 1 {
		t.Errorf("lrplay.wasm fetched %d times, want once", n)
	}
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "lrplay1-chart", "s0")),
		exampleSpec(t, "torch.CosineAnnealingLR", `{"lr":0.1,"T_max":100}`), 100)
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "warmup-chart", "s0")),
		exampleSpec(t, "hf.cosine_schedule_with_warmup", `{"lr":0.001,"num_warmup_steps":100,"num_training_steps":1000}`), 1000)
	// Each chart's controls are its own.
	eval[bool](tb, `(() => { const el = document.getElementById('lrplay1-T_max'); el.value = '50'; el.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	eval[bool](tb, nextFrames)
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "lrplay1-chart", "s0")),
		exampleSpec(t, "torch.CosineAnnealingLR", `{"lr":0.1,"T_max":50}`), 100)
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "warmup-chart", "s0")),
		exampleSpec(t, "hf.cosine_schedule_with_warmup", `{"lr":0.001,"num_warmup_steps":100,"num_training_steps":1000}`), 1000)
	// Mounting twice on one element is an error the caller sees.
	if msg := eval[string](tb, `(() => { try { lrplay.mount(document.getElementById('warmup'), {}); return 'no error'; } catch (e) { return e.message; } })()`); !strings.Contains(msg, "already holds a chart") {
		t.Errorf("mounting twice: %q", msg)
	}
	tb.noConsoleErrors()
}

// TestEmbedDocs checks what the documentation generators' snippets produce,
// and an element added after the page loaded, as single-page sites do.
func TestEmbedDocs(t *testing.T) {
	tb := openPage(t, testSiteURL+"/examples/docs.html", `body`)
	waitFor(tb, `document.querySelectorAll('[data-lrplay][data-ready="true"] canvas').length === 3`)
	for i, want := range []string{"T_max", "warmup_t,warmup_prefix", "t_mul,m_mul"} {
		got := eval[[]string](tb, fmt.Sprintf(`Array.from(document.querySelectorAll('[data-lrplay]')[%d].querySelectorAll('.control')).map(el => el.dataset.param)`, i))
		if strings.Join(got, ",") != want {
			t.Errorf("chart %d: controls %v, want %s", i+1, got, want)
		}
	}
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "lrplay3-chart", "s0")),
		exampleSpec(t, "keras.CosineDecayRestarts", `{"first_decay_steps":20,"t_mul":2}`), 140)
	eval[bool](tb, `(() => {
		const el = document.createElement('div');
		el.id = 'later';
		el.dataset.lrplay = '{"kind": "torch.ExponentialLR", "gamma": 0.9, "steps": 50}';
		document.body.append(el);
		return true;
	})()`)
	waitFor(tb, `document.querySelector('#later[data-ready="true"] canvas')`)
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "later-chart", "s0")), exampleSpec(t, "torch.ExponentialLR", `{"gamma":0.9}`), 50)
	tb.noConsoleErrors()
}

// TestEmbedBadConfig: a configuration that is not JSON, or names a kind
// that does not exist, is said in the element, and the page carries on.
func TestEmbedBadConfig(t *testing.T) {
	tb := openPage(t, testSiteURL+"/examples/docs.html", `body`)
	waitFor(tb, `document.querySelectorAll('[data-lrplay][data-ready="true"]').length === 3`)
	eval[bool](tb, `(() => {
		for (const [id, cfg] of [['notjson', '{kind: nope'], ['nokind', '{"kind": "torch.CosineAnealingLR", "T_max": 5}']]) {
			const el = document.createElement('div');
			el.id = id;
			el.setAttribute('data-lrplay', cfg);
			document.body.append(el);
		}
		return true;
	})()`)
	waitFor(tb, `document.querySelector('#nokind[data-ready="true"]') && document.querySelector('#notjson[data-ready="true"]')`)
	if msg := tb.text("notjson-error"); !strings.Contains(msg, "not valid JSON") {
		t.Errorf("bad JSON: the element says %q", msg)
	}
	if msg := tb.text("nokind-error"); !strings.Contains(msg, "did you mean torch.CosineAnnealingLR?") {
		t.Errorf("unknown kind: the element says %q", msg)
	}
}

// TestEmbedSubPath serves the site under /docs/lrplay/, as a docs site's
// static folder would: every URL in it is relative.
func TestEmbedSubPath(t *testing.T) {
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/docs/lrplay/", http.StripPrefix("/docs/lrplay", newHandler(site)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tb := openPage(t, srv.URL+"/docs/lrplay/examples/script.html", `#warmup[data-ready="true"] canvas`)
	waitFor(tb, `document.querySelector('[data-lrplay][data-ready="true"] canvas')`)
	tb2 := openPage(t, srv.URL+"/docs/lrplay/embed.html?kind=torch.LinearLR&steps=20", `#lrplay[data-ready="true"] canvas`)
	sameSeries(t, eval[[]float64](tb2, seriesJS("document", "window", "lrplay-chart", "s0")), exampleSpec(t, "torch.LinearLR", `{}`), 20)
	tb.noConsoleErrors()
	tb2.noConsoleErrors()
}
