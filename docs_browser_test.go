//go:build docs

// Tests of the documentation hosts: the Sphinx extension (integrations/sphinx)
// installed from its wheel, the MkDocs hook (integrations/mkdocs), and the
// README's routes by hand, each built by the real Sphinx or MkDocs, served as
// a static host serves it (under a sub-path, on 127.0.0.1) and driven in
// Debian's Chromium with chromedp. Run them with `make test-docs`, which
// installs what they need (or `make build && go test -tags docs -run
// '^TestDocs$' -count=1 .` with Debian's python3-sphinx, mkdocs,
// python3-setuptools, python3-wheel, python3-venv and python3-pip).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/lrplay/lrplay/core"
)

// hosts is what the tests share: the venv holding the wheel, the server the
// built docs are served from, and the browser.
type hosts struct {
	repo    string          // this repository
	tmp     string          // where the projects are built
	wheel   string          // the wheel build_wheel.py wrote
	bin     string          // the venv's bin folder
	mux     *http.ServeMux  // each output under its own sub-path
	url     string          // the server's base URL
	browser context.Context // the first tab; each page opens its own
	pip     sync.Mutex      // one pip at a time in the venv
}

// TestDocs builds the wheel as make dist does and makes a venv that sees the
// system's Sphinx and MkDocs, then builds and checks the four routes the
// README gives, and how the extension and the hook report a bad configuration.
func TestDocs(t *testing.T) {
	h := newHosts(t)
	for _, route := range []struct {
		name string
		test func(*testing.T)
	}{
		{"SphinxExtension", h.sphinxExtension},
		{"MkDocsHook", h.mkdocsHook},
		{"ReadmeSphinx", h.readmeSphinx},
		{"ReadmeMkDocs", h.readmeMkDocs},
		{"Errors", h.errors},
	} {
		t.Run(route.name, func(t *testing.T) {
			t.Parallel()
			route.test(t)
		})
	}
}

func newHosts(t *testing.T) *hosts {
	repo, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("site/lrplay.wasm"); err != nil {
		t.Fatal("the site is not built: run make build first")
	}
	python := os.Getenv("LRPLAY_DOCS_PYTHON")
	if python == "" {
		python = "/usr/bin/python3"
	}
	if out, err := exec.Command(python, "-c", "import sphinx, mkdocs, setuptools, wheel, pip, ensurepip").CombinedOutput(); err != nil {
		t.Fatalf("%s lacks what the docs tests need (%v: %s): run 'sudo apt-get install python3-sphinx mkdocs python3-setuptools python3-wheel python3-venv python3-pip' (make test-docs does this when run as root), or set LRPLAY_DOCS_PYTHON to a Python that has them", python, err, out)
	}
	h := &hosts{repo: repo, tmp: t.TempDir(), mux: http.NewServeMux()}

	// The wheel, built as make dist builds it, then installed from the file
	// alone into a venv that sees the system's Sphinx and MkDocs.
	h.run(t, repo, nil, python, "integrations/sphinx/build_wheel.py", "site", filepath.Join(h.tmp, "wheel"))
	wheels, _ := filepath.Glob(filepath.Join(h.tmp, "wheel", "sphinx_lrplay-*-py3-none-any.whl"))
	if len(wheels) != 1 {
		t.Fatalf("build_wheel.py wrote %v, want one sphinx_lrplay-VERSION-py3-none-any.whl", wheels)
	}
	h.wheel = wheels[0]
	h.run(t, h.tmp, nil, python, "-m", "venv", "--system-site-packages", filepath.Join(h.tmp, "venv"))
	h.bin = filepath.Join(h.tmp, "venv", "bin")

	// Browsers ask the host for its icon; docs sites have none.
	h.mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(h.mux)
	t.Cleanup(srv.Close)
	h.url = srv.URL
	h.browser = startHostBrowser(t)
	return h
}

// sphinxExtension: the README's lines install the wheel and enable the
// extension; the directive in its JSON and option forms, at two depths,
// under html and dirhtml, and a page without a chart.
func (h *hosts) sphinxExtension(t *testing.T) {
	snippets := readmeSnippets(t)
	src := filepath.Join(h.tmp, "sphinx-ext")
	sgdr := `{"kind": "torch.CosineAnnealingWarmRestarts", "lr": 0.1, "T_0": 10, "T_mult": 2, "eta_min": 0, "steps": 150, "controls": ["T_0", "T_mult"]}`
	label := `it's <gamma> & "co"`
	labelJSON, _ := json.Marshal(label)
	writeFiles(t, src, map[string]string{
		"conf.py": "project = \"lrplay\"\n",
		"index.rst": "Home\n====\n\n.. toctree::\n\n   sub/page\n   plain\n   dark\n\n" +
			".. lrplay::\n   :name: sgdr\n   :controls: T_0, T_mult\n\n" +
			"   {\"kind\": \"torch.CosineAnnealingWarmRestarts\", \"lr\": 0.1, \"T_0\": 10,\n    \"T_mult\": 2, \"eta_min\": 0, \"steps\": 150}\n",
		"sub/page.rst": "Sub\n===\n\n" + snippets["sphinx_directive"] +
			"\n.. lrplay::\n   :kind: torch.ExponentialLR\n   :steps: 50\n   :log:\n\n" +
			".. lrplay::\n\n   {\"kind\": \"torch.ExponentialLR\", \"gamma\": 0.95, \"steps\": 50, \"label\": " + string(labelJSON) + "}\n" +
			"\n.. lrplay::\n   :kind: torch.LinearLR\n   :theme: dark\n",
		// A page in a dark theme of its own: its figures are dark, but one told to be light.
		"dark.rst": "Dark\n====\n\n" + sphinxDarkPage + "\n.. lrplay::\n   :kind: torch.LinearLR\n   :controls: total_iters\n\n" +
			".. lrplay::\n   :kind: torch.LinearLR\n   :theme: light\n",
		// A page that shows the directive as code has no chart.
		"plain.rst": "Plain\n=====\n\n.. code-block:: rst\n\n   .. lrplay::\n\n      {\"kind\": \"torch.LinearLR\"}\n",
	})
	h.readmeShell(t, src, snippets["sphinx_ext"])
	readmeDirective := configOf(t, snippets["sphinx_directive"])
	for _, builder := range []string{"html", "dirhtml"} {
		base := h.serve(t, "sphinx-ext-"+builder, h.sphinx(t, src, builder))
		paths := map[string][]string{"html": {"index.html", "sub/page.html", "plain.html", "dark.html"}, "dirhtml": {"", "sub/page/", "plain/", "dark/"}}[builder]
		// Alabaster is light: its figures are light for a reader whose system prefers dark too.
		scheme := map[string]string{"html": "light", "dirhtml": "dark"}[builder]
		h.checkPages(t, base, []hostPage{
			{path: paths[0], charts: 1, scheme: scheme, themes: "light", control: &hostControl{chart: 0, param: "T_0", value: "25", config: sgdr}},
			{path: paths[1], charts: 4, label: label, scheme: scheme, themes: "light light light dark",
				control: &hostControl{chart: 0, param: "T_max", value: "50", config: readmeDirective}},
			{path: paths[2]},
			{path: paths[3], charts: 2, scheme: scheme, themes: "dark light"},
		})
	}
}

// mkdocsHook: the README's lines install the wheel and the hook; fences at
// two depths, with use_directory_urls true and false, and a page that shows
// a fence inside a longer one, as code, with no chart.
func (h *hosts) mkdocsHook(t *testing.T) {
	snippets := readmeSnippets(t)
	dir := filepath.Join(h.tmp, "mkdocs-hook")
	onecycle := `{"kind": "torch.OneCycleLR", "max_lr": 0.1, "total_steps": 200, "steps": 200, "controls": ["pct_start"]}`
	label := `it's <gamma> & "co"`
	labelJSON, _ := json.Marshal(label)
	writeFiles(t, dir, map[string]string{
		"mkdocs.yml": "site_name: lrplay\n" + mkdocsTheme,
		"docs/index.md": "# Home\n\n```lrplay\n" + onecycle + "\n```\n\n" +
			"~~~ lrplay\n{\"kind\": \"torch.ExponentialLR\", \"gamma\": 0.95,\n \"steps\": 50, \"label\": " + string(labelJSON) + "}\n~~~\n",
		"docs/sub/page.md": "# Sub\n\n" + snippets["mkdocs_fence"],
		"docs/plain.md":    "# Plain\n\n````markdown\n" + snippets["mkdocs_fence"] + "````\n",
		"docs/dark.md": "# Dark\n\n" + mkdocsDarkPage + "\n```lrplay\n{\"kind\": \"torch.LinearLR\", \"controls\": [\"total_iters\"]}\n```\n\n" +
			"```lrplay\n{\"kind\": \"torch.LinearLR\", \"theme\": \"light\"}\n```\n",
	})
	// The README's "cp lrplay/integrations/..." runs in a folder beside a clone named lrplay.
	if err := os.Symlink(h.repo, filepath.Join(dir, "lrplay")); err != nil {
		t.Fatal(err)
	}
	h.readmeShell(t, dir, snippets["mkdocs_hook"])
	fence := configOf(t, snippets["mkdocs_fence"])
	for _, dirURLs := range []bool{true, false} {
		base := h.serve(t, fmt.Sprintf("mkdocs-hook-%t", dirURLs), h.mkdocs(t, dir, dirURLs))
		paths := map[bool][]string{true: {"", "sub/page/", "plain/", "dark/"}, false: {"index.html", "sub/page.html", "plain.html", "dark.html"}}[dirURLs]
		scheme := "light"
		if !dirURLs {
			scheme = "dark" // MkDocs' theme is light, and so are its figures, whatever the reader's system prefers
		}
		h.checkPages(t, base, []hostPage{
			{path: paths[0], charts: 2, label: label, scheme: scheme, themes: "light light", control: &hostControl{chart: 0, param: "pct_start", value: "0.5", config: onecycle}},
			{path: paths[1], charts: 1, scheme: scheme, themes: "light", control: &hostControl{chart: 0, param: "warmup_t", value: "30", config: fence}},
			{path: paths[2], scheme: scheme},
			{path: paths[3], charts: 2, scheme: scheme, themes: "dark light"},
		})
	}
}

// sphinxDarkPage and mkdocsDarkPage give one page a dark theme of its own,
// as a page's raw HTML may.
const (
	sphinxDarkPage = ".. raw:: html\n\n   <style>body, div.document, div.documentwrapper, div.bodywrapper, div.body { background: #1b1b1d !important; color: #e3e3e3 !important; }</style>\n"
	mkdocsDarkPage = "<style>body { background: #1b1b1d !important; color: #e3e3e3 !important; }</style>\n"
)

// mkdocsTheme is MkDocs' own theme without highlight.js, which it fetches
// from a CDN: the tests run offline.
const mkdocsTheme = "theme:\n  name: mkdocs\n  highlightjs: false\n"

// readmeSphinx: the README's Sphinx route by hand: the site copied to
// _static/lrplay/, its conf.py lines, its raw block at two depths.
func (h *hosts) readmeSphinx(t *testing.T) {
	snippets := readmeSnippets(t)
	src := filepath.Join(h.tmp, "sphinx-readme")
	writeFiles(t, src, map[string]string{
		"conf.py":      "project = \"lrplay\"\n" + snippets["sphinx_conf"],
		"index.rst":    "Home\n====\n\n.. toctree::\n\n   sub/page\n   nochart\n\n" + snippets["sphinx"] + "\n" + hostFrame("_static/lrplay/"),
		"sub/page.rst": "Sub\n===\n\n" + snippets["sphinx"],
		"nochart.rst":  "No chart\n========\n\nText only.\n",
	})
	copySite(t, filepath.Join(src, "_static", "lrplay"))
	config := configOf(t, snippets["sphinx"])
	for _, builder := range []string{"html", "dirhtml"} {
		base := h.serve(t, "sphinx-readme-"+builder, h.sphinx(t, src, builder))
		sub := map[string]string{"html": "sub/page.html", "dirhtml": "sub/page/"}[builder]
		for _, p := range []string{"", sub} {
			h.checkPages(t, base, []hostPage{{path: p, charts: 1, control: &hostControl{chart: 0, param: "T_max", value: "50", config: config}}})
		}
		if builder == "html" {
			h.checkFrameFits(t, base)
			h.checkChartless(t, base+"nochart.html")
		}
	}
}

// hostFrame is a raw block with embed.html in an iframe, site being the
// site's folder relative to the page; the page's lrplay.js sizes it.
func hostFrame(site string) string {
	return ".. raw:: html\n\n   <iframe src=\"" + site + "embed.html?kind=torch.CosineAnnealingWarmRestarts&amp;T_0=10&amp;T_mult=2&amp;steps=150&amp;controls=T_0,T_mult\"\n" +
		"     title=\"SGDR\" style=\"width: 100%; border: 0;\"></iframe>\n"
}

// readmeMkDocs: the README's MkDocs route by hand: the site copied to
// docs/lrplay/, its mkdocs.yml lines, its element at two depths.
func (h *hosts) readmeMkDocs(t *testing.T) {
	snippets := readmeSnippets(t)
	dir := filepath.Join(h.tmp, "mkdocs-readme")
	writeFiles(t, dir, map[string]string{
		"mkdocs.yml": "site_name: lrplay\n" + mkdocsTheme + snippets["mkdocs_yml"],
		"docs/index.md": "# Home\n\n" + snippets["mkdocs"] + "\n<iframe src=\"lrplay/embed.html?kind=torch.CosineAnnealingWarmRestarts&amp;T_0=10&amp;T_mult=2&amp;steps=150&amp;controls=T_0,T_mult\"\n" +
			"  title=\"SGDR\" style=\"width: 100%; border: 0;\"></iframe>\n",
		"docs/sub/page.md": "# Sub\n\n" + snippets["mkdocs"],
		"docs/nochart.md":  "# No chart\n\nText only.\n",
	})
	copySite(t, filepath.Join(dir, "docs", "lrplay"))
	config := configOf(t, snippets["mkdocs"])
	for _, dirURLs := range []bool{true, false} {
		base := h.serve(t, fmt.Sprintf("mkdocs-readme-%t", dirURLs), h.mkdocs(t, dir, dirURLs))
		sub := map[bool]string{true: "sub/page/", false: "sub/page.html"}[dirURLs]
		for _, p := range []string{"", sub} {
			h.checkPages(t, base, []hostPage{{path: p, charts: 1, control: &hostControl{chart: 0, param: "warmup_t", value: "30", config: config}}})
		}
		if dirURLs {
			h.checkFrameFits(t, base)
			h.checkChartless(t, base+"nochart/")
		}
	}
}

// errors: a configuration that is not one JSON object is reported on its
// line and fails a strict build, in Sphinx and in MkDocs. The extension runs
// from this repository, the site named by LRPLAY_SITE.
func (h *hosts) errors(t *testing.T) {
	env := []string{"PYTHONDONTWRITEBYTECODE=1", "PYTHONPATH=" + filepath.Join(h.repo, "integrations", "sphinx"),
		"LRPLAY_SITE=" + filepath.Join(h.repo, "site")}
	src := filepath.Join(h.tmp, "sphinx-errors")
	writeFiles(t, src, map[string]string{
		"conf.py": "extensions = [\"sphinx_lrplay\"]\n",
		"index.rst": "Errors\n======\n\n.. lrplay::\n\n   {\"kind\": \"torch.LinearLR\",\n    \"steps\": }\n\n" +
			".. lrplay::\n   :steps: 10\n\n   {\"kind\": \"torch.LinearLR\", \"steps\": 20}\n\n" +
			".. lrplay::\n\n   {\"steps\": 1, \"steps\": 2}\n",
	})
	out := h.fails(t, src, env, filepath.Join(h.bin, "python"), "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "html", ".", "_build/html")
	for _, want := range []string{
		"index.rst:4: ERROR: lrplay: the configuration is not JSON: Expecting value: line 2 column 11",
		`index.rst:9: ERROR: lrplay: "steps" is given twice, as :steps: and in the JSON`,
		`index.rst:14: ERROR: lrplay: the configuration gives "steps" twice`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("sphinx-build says\n%s\nwant %s", out, want)
		}
	}
	// The build went on (--keep-going) and copied the site LRPLAY_SITE names.
	if _, err := os.Stat(filepath.Join(src, "_build", "html", "_static", "lrplay", "lrplay.wasm")); err != nil {
		t.Errorf("the site named by LRPLAY_SITE was not copied: %v", err)
	}
	dir := filepath.Join(h.tmp, "mkdocs-errors")
	hook, err := os.ReadFile("integrations/mkdocs/lrplay_hook.py")
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		"lrplay_hook.py": string(hook),
		"mkdocs.yml":     "site_name: errors\n" + mkdocsTheme + "hooks: [lrplay_hook.py]\n",
		"docs/index.md":  "# Errors\n\n```lrplay\n[\"not an object\"]\n```\n",
	})
	out = h.fails(t, dir, env, filepath.Join(h.bin, "python"), "-m", "mkdocs", "build", "--strict")
	if want := "index.md, line 3: lrplay: the configuration must be a JSON object"; !strings.Contains(out, want) {
		t.Errorf("mkdocs build says\n%s\nwant %s", out, want)
	}
}

// run runs a command in dir, failing the test with its output.
func (h *hosts) run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// fails runs a command in dir that must fail, and returns its output.
func (h *hosts) fails(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Errorf("%s %s succeeded:\n%s", name, strings.Join(args, " "), out)
	}
	return string(out)
}

// readmeShell runs a README snippet's shell lines in dir as an author would,
// with the venv first on PATH and the wheel in dir, offline: pip may use no
// index, and the snippet must name the wheel that was built.
func (h *hosts) readmeShell(t *testing.T, dir, snippet string) {
	t.Helper()
	name := filepath.Base(h.wheel)
	if !strings.Contains(snippet, " "+name+"\n") {
		t.Fatalf("the README's snippet does not install %s, the wheel build_wheel.py writes:\n%s", name, snippet)
	}
	if err := copyFile(h.wheel, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	h.pip.Lock()
	defer h.pip.Unlock()
	h.run(t, dir, []string{"PATH=" + h.bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"PIP_NO_INDEX=1", "PIP_DISABLE_PIP_VERSION_CHECK=1", "PIP_NO_CACHE_DIR=1"}, "sh", "-ec", snippet)
}

// sphinx builds the project in src with builder, warnings as errors, and
// returns the output folder.
func (h *hosts) sphinx(t *testing.T, src, builder string) string {
	t.Helper()
	out := filepath.Join(src, "_build", builder)
	h.run(t, src, nil, filepath.Join(h.bin, "python"), "-m", "sphinx", "-W", "-q", "-b", builder, ".", out)
	return out
}

// mkdocs builds the project in dir with use_directory_urls set, strictly,
// and returns the output folder.
func (h *hosts) mkdocs(t *testing.T, dir string, dirURLs bool) string {
	t.Helper()
	yml, err := os.ReadFile(filepath.Join(dir, "mkdocs.yml"))
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("mkdocs-%t.yml", dirURLs)
	writeFiles(t, dir, map[string]string{name: fmt.Sprintf("%suse_directory_urls: %t\n", yml, dirURLs)})
	out := filepath.Join(dir, fmt.Sprintf("site-%t", dirURLs))
	h.run(t, dir, nil, filepath.Join(h.bin, "python"), "-m", "mkdocs", "build", "--strict", "-f", name, "-d", out)
	return out
}

// serve serves folder under /name/, as a static host serves a site under a
// sub-path, and returns its URL.
func (h *hosts) serve(t *testing.T, name, folder string) string {
	t.Helper()
	h.mux.Handle("/"+name+"/", http.StripPrefix("/"+name, http.FileServer(http.Dir(folder))))
	return h.url + "/" + name + "/"
}

// hostPage is a page of a built docs site, and what it must show.
type hostPage struct {
	path    string       // below the site's URL
	charts  int          // its data-lrplay elements; 0: it must not load lrplay.js at all
	label   string       // a label one chart's configuration holds: its attribute was escaped right
	control *hostControl // a control to move
	scheme  string       // the color scheme the reader's system prefers; "" is light
	themes  string       // each chart's theme, "light" or "dark", separated by spaces; "" is light for all
}

// hostControl is a control of a chart and a value to type in it.
type hostControl struct {
	chart        int    // the chart's place among the page's data-lrplay elements
	param, value string // the parameter and its new value
	config       string // the chart's configuration, as the page was given it
}

// checkPages loads each page and checks its charts (or that it has none).
func (h *hosts) checkPages(t *testing.T, base string, pages []hostPage) {
	t.Helper()
	for _, p := range pages {
		url := base + p.path
		tb := h.open(t, url, p.scheme)
		if p.charts == 0 {
			waitHost(tb, `document.readyState === 'complete'`)
			if n := hostEval[int](tb, `document.querySelectorAll('[data-lrplay], script[src*="lrplay.js"]').length`); n != 0 {
				t.Errorf("%s has no chart, but %d data-lrplay elements and lrplay.js scripts", url, n)
			}
			if hostEval[bool](tb, `'lrplay' in window || performance.getEntriesByType('resource').some(r => r.name.includes('lrplay'))`) {
				t.Errorf("%s has no chart, but loaded LR Playground", url)
			}
			tb.noErrors()
			continue
		}
		// Every chart draws: an ECharts instance in its element, with data.
		waitHost(tb, fmt.Sprintf(`document.querySelectorAll('[data-lrplay]').length === %d &&
			Array.from(document.querySelectorAll('[data-lrplay]')).every(el => (%s)(el).length > 0)`, p.charts, curveJS))
		if n := hostEval[int](tb, `document.querySelectorAll('script[src$="lrplay.js"]').length`); n != 1 {
			t.Errorf("%s loads lrplay.js %d times, want once", url, n)
		}
		if alerts := hostEval[[]string](tb, `Array.from(document.querySelectorAll('[data-lrplay] [role=alert]')).map(a => a.textContent).filter(Boolean)`); len(alerts) > 0 {
			t.Errorf("%s: the charts say %q", url, alerts)
		}
		labels := hostEval[[]string](tb, `Array.from(document.querySelectorAll('[data-lrplay]')).map(el => {
			try { return JSON.parse(el.getAttribute('data-lrplay')).label || ''; } catch (e) { return 'not JSON: ' + e.message; }
		})`)
		for _, l := range labels {
			if strings.HasPrefix(l, "not JSON") {
				t.Errorf("%s: a data-lrplay attribute is %s", url, l)
			}
		}
		if p.label != "" && !slices.Contains(labels, p.label) {
			t.Errorf("%s: the charts' labels are %q, want one to be %q", url, labels, p.label)
		}
		checkThemes(t, tb, url, p.charts, p.themes)
		if c := p.control; c != nil {
			h.moveControl(t, tb, url, c)
		}
		tb.noErrors()
	}
}

// hostFigureJS is a data-lrplay element's theme as its parts show it: the
// root's data-lrplay-theme, the chart's axis labels (light in ECharts' dark
// theme), and its controls' labels (light on dark).
const hostFigureJS = `((el) => {
	const lum = (c) => { const m = String(c).match(/[\d.]+/g).map(Number); return (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255; };
	let chart = null;
	for (const node of el.querySelectorAll('*')) chart = chart || echarts.getInstanceByDom(node);
	const label = el.querySelector('.control-head label');
	const dark = (b) => b ? 'dark' : 'light';
	return [el.getAttribute('data-lrplay-theme') || 'none',
		chart ? dark(lum(chart.getModel().getComponent('yAxis').get('axisLabel.color')) > 0.5) : 'no chart',
		label ? dark(lum(getComputedStyle(label).color) > 0.5) : el.getAttribute('data-lrplay-theme')].join(' ');
})`

// checkThemes checks each chart of a page is light or dark throughout, as
// themes says ("" is light for all).
func checkThemes(t *testing.T, tb *hostTab, url string, charts int, themes string) {
	t.Helper()
	want := strings.Fields(themes)
	for len(want) < charts {
		want = append(want, "light")
	}
	for i, w := range want {
		got := hostEval[string](tb, fmt.Sprintf(`%s(document.querySelectorAll('[data-lrplay]')[%d])`, hostFigureJS, i))
		if got != strings.TrimSpace(strings.Repeat(w+" ", 3)) {
			t.Errorf("%s: chart %d is %q (root, chart, labels), want %s throughout", url, i+1, got, w)
		}
	}
}

// checkFrameFits opens the page at base that holds an iframe of embed.html,
// narrows the window from 1280 to 560 px and widens it back, and checks that
// the frame's height follows its content both ways.
func (h *hosts) checkFrameFits(t *testing.T, base string) {
	t.Helper()
	tb := h.open(t, base, "")
	const frame = `document.querySelector('iframe')`
	waitHost(tb, frame+`.contentDocument.querySelector('#lrplay[data-ready="true"] canvas')`)
	var heights []float64
	for _, width := range []int64{1280, 560, 1280} {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		fits := fmt.Sprintf(`(() => {
			const f = %s, doc = f.contentDocument;
			const bottom = doc.getElementById('lrplay').getBoundingClientRect().bottom + doc.defaultView.scrollY;
			const h = f.getBoundingClientRect().height;
			return h - bottom <= 3 && h - bottom >= -0.5 && f.contentWindow.innerWidth < %d;
		})()`, frame, width)
		waitHost(tb, fits)
		hostEval[bool](tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
		if !hostEval[bool](tb, fits) {
			t.Errorf("%s at %d px: the frame no longer fits its content", base, width)
		}
		heights = append(heights, hostEval[float64](tb, frame+`.getBoundingClientRect().height`))
	}
	t.Logf("%s: the frame is %v px high at 1280, 560 and 1280 px", base, heights)
	if heights[0] == heights[1] || heights[2] != heights[0] {
		t.Errorf("%s: the frame is %v px high at 1280, 560 and 1280 px: it does not follow both ways", base, heights)
	}
	tb.noErrors()
}

// checkChartless opens a page that loads lrplay.js and has no chart: it
// must fetch no wasm, no ECharts and none of the modules; it logs the
// bytes the page transferred.
func (h *hosts) checkChartless(t *testing.T, url string) {
	t.Helper()
	tb := h.open(t, url, "")
	// Bytes as a first visit transfers them: again, without the cache.
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	}), chromedp.Reload())
	if err != nil {
		t.Fatal(err)
	}
	waitHost(tb, `document.readyState === 'complete' && new Promise(r => setTimeout(() => r(true), 1000))`)
	if n := hostEval[int](tb, `document.querySelectorAll('script[src$="lrplay.js"]').length`); n != 1 {
		t.Errorf("%s loads lrplay.js %d times, want once (the README's route lists it on every page)", url, n)
	}
	got := hostEval[[]string](tb, `performance.getEntriesByType('resource').map(r => r.name).filter(n => /\.wasm|echarts|wasm_exec|lrplay\/js\/|lrplay\.css/.test(n))`)
	if len(got) > 0 {
		t.Errorf("%s has no chart but fetched %q", url, got)
	}
	all := hostEval[[]float64](tb, `[performance.getEntriesByType('resource').filter(r => r.name.includes('/lrplay/')).reduce((s, r) => s + r.transferSize, 0),
		performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, 0) + performance.getEntriesByType('navigation')[0].transferSize]`)
	t.Logf("%s: lrplay's files %.0f bytes transferred, the whole page %.0f", url, all[0], all[1])
	if all[0] > 16000 {
		t.Errorf("%s has no chart, but lrplay's files cost it %.0f bytes", url, all[0])
	}
	tb.noErrors()
}

// curveJS is a function of a data-lrplay element: the step, lr pairs of its
// chart's first series, from the ECharts instance on it or inside it.
const curveJS = `(el) => {
	for (const node of [el, ...el.querySelectorAll('*')]) {
		const chart = echarts.getInstanceByDom(node);
		if (chart) return Array.from(chart.getOption().series[0].data);
	}
	return [];
}`

// moveControl checks the chart draws its configuration, types a value in
// one of its controls, and checks it then draws the configuration with that
// value. A mounted view's controls have the parameter's name as their id,
// prefixed with the element's id, or with lrplayN for the Nth element
// mounted without one.
func (h *hosts) moveControl(t *testing.T, tb *hostTab, url string, c *hostControl) {
	t.Helper()
	curve := fmt.Sprintf(`(%s)(document.querySelectorAll('[data-lrplay]')[%d])`, curveJS, c.chart)
	before := hostEval[[]float64](tb, curve)
	spec, steps := drawnSpec(t, c.config, nil)
	sameHostCurve(t, url, before, spec, steps)
	ok := hostEval[bool](tb, fmt.Sprintf(`(() => {
		const el = document.querySelectorAll('[data-lrplay]')[%d];
		const input = document.getElementById((el.id || 'lrplay%d') + '-' + %q);
		if (!input) return false;
		input.value = %q;
		input.dispatchEvent(new Event('input', {bubbles: true}));
		return true;
	})()`, c.chart, c.chart+1, c.param, c.value))
	if !ok {
		t.Fatalf("%s: chart %d has no control for %s", url, c.chart, c.param)
	}
	waitHost(tb, fmt.Sprintf(`JSON.stringify(%s) !== %q`, curve, mustJSON(t, before)))
	spec, steps = drawnSpec(t, c.config, map[string]string{c.param: c.value})
	sameHostCurve(t, url, hostEval[[]float64](tb, curve), spec, steps)
}

// drawnSpec is the spec and run length a view draws for a configuration:
// the kind's example, with the configuration's parameters and set over it.
func drawnSpec(t *testing.T, config string, set map[string]string) (string, int) {
	t.Helper()
	var cfg map[string]any
	if err := json.Unmarshal([]byte(config), &cfg); err != nil {
		t.Fatalf("%s: %v", config, err)
	}
	kind, _ := cfg["kind"].(string)
	k := core.LookupKind(kind)
	if k == nil {
		t.Fatalf("%s: no kind %q", config, kind)
	}
	spec := map[string]any{}
	if err := json.Unmarshal([]byte(k.Example), &spec); err != nil {
		t.Fatal(err)
	}
	for _, p := range k.Params {
		if v, ok := cfg[p.Name]; ok {
			spec[p.Name] = v
		}
	}
	for name, v := range set {
		spec[name] = json.RawMessage(v)
	}
	steps, _ := cfg["steps"].(float64)
	return mustJSON(t, spec), int(steps)
}

// sameHostCurve checks pairs (step, lr interleaved) against core.Evaluate, bit for bit.
func sameHostCurve(t *testing.T, url string, pairs []float64, spec string, steps int) {
	t.Helper()
	want, err := core.Evaluate([]byte(spec), steps)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2*len(want) {
		t.Fatalf("%s: %s: %d points drawn, want %d", url, spec, len(pairs)/2, len(want))
	}
	for i, w := range want {
		if pairs[2*i] != float64(i) || pairs[2*i+1] != w {
			t.Fatalf("%s: %s: point %d = (%v, %v), want (%d, %v)", url, spec, i, pairs[2*i], pairs[2*i+1], i, w)
		}
	}
}

// configOf is the data-lrplay configuration a README snippet writes: the
// JSON in its attribute, or the JSON of its directive or fence.
func configOf(t *testing.T, snippet string) string {
	t.Helper()
	if m := regexp.MustCompile(`data-lrplay='([^']*)'`).FindStringSubmatch(snippet); m != nil {
		return m[1]
	}
	if m := regexp.MustCompile(`(?s)(\{.*\})`).FindStringSubmatch(snippet); m != nil {
		cfg := map[string]any{}
		if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
			t.Fatalf("%s: %v", snippet, err)
		}
		// A directive's :controls: option.
		if c := regexp.MustCompile(`(?m)^\s*:controls:\s*(.+)$`).FindStringSubmatch(snippet); c != nil {
			cfg["controls"] = strings.Fields(strings.ReplaceAll(c[1], ",", " "))
		}
		return mustJSON(t, cfg)
	}
	t.Fatalf("no configuration in the snippet\n%s", snippet)
	return ""
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// writeFiles writes files (path: content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copySite copies the built site to dest, as an author copies what make dist wrote.
func copySite(t *testing.T, dest string) {
	t.Helper()
	err := filepath.WalkDir("site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, _ := filepath.Rel("site", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dest, rel), 0o755)
		}
		return copyFile(p, filepath.Join(dest, rel))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// startHostBrowser starts headless Chromium as the browser tests do.
func startHostBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Fatal("Chromium is missing: run 'sudo apt-get install chromium' (make test does this when run as root)")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("cannot start Chromium: %v", err)
	}
	return ctx
}

// hostTab is one page of a docs site, with what it wrote to the console.
type hostTab struct {
	t   *testing.T
	url string
	ctx context.Context
	mu  sync.Mutex
	log []chromedp.ConsoleMessage
}

// open loads url in a new tab, as a reader whose system prefers the color
// scheme scheme ("light" or "dark"; "" is light), and returns once the page
// has loaded. Checks of a theme load the same page in both.
func (h *hosts) open(t *testing.T, url, scheme string) *hostTab {
	t.Helper()
	if scheme == "" {
		scheme = "light"
	}
	ctx, cancel := chromedp.NewContext(h.browser)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	tb := &hostTab{t: t, url: url, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.log = append(tb.log, m)
			tb.mu.Unlock()
		}
	}()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if got := hostEval[bool](tb, fmt.Sprintf(`matchMedia('(prefers-color-scheme: %s)').matches`, scheme)); !got {
		t.Fatalf("%s: the page does not see the color scheme %s", url, scheme)
	}
	return tb
}

// errors returns what the page logged as an error or threw.
func (tb *hostTab) errors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, m := range tb.log {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, m.String())
		}
	}
	return out
}

// noErrors fails the test if the page logged an error or threw.
func (tb *hostTab) noErrors() {
	tb.t.Helper()
	for _, e := range tb.errors() {
		tb.t.Errorf("%s: console: %s", tb.url, e)
	}
}

func hostEval[T any](tb *hostTab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: evaluate %.80s: %v", tb.url, js, err)
	}
	return v
}

// waitHost polls the JS condition cond for up to 20 s.
func waitHost(tb *hostTab, cond string) {
	tb.t.Helper()
	ok := hostEval[bool](tb, `new Promise(resolve => {
		const t0 = performance.now();
		const poll = () => {
			let v = false;
			try { v = Boolean(`+cond+`); } catch (e) {}
			if (v) resolve(true); else if (performance.now() - t0 > 20000) resolve(false); else setTimeout(poll, 20);
		};
		poll();
	})`)
	if !ok {
		tb.t.Fatalf("%s: timed out waiting for %s (console: %q)", tb.url, cond, tb.errors())
	}
}
