package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The page's JavaScript, checked as text: the modules each page preloads
// are the ones it imports, every import names a module that exists, and
// nothing puts text into the page as HTML.

// webModules are the names of web/js's modules, without ".js".
func webModules(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("web/js/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no modules in web/js (%v)", err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".js"))
	}
	return names
}

// imports are the modules a module imports, statically or not.
func imports(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile("web/js/" + name + ".js")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?:from|import\()\s*'\./([a-z]+)\.js'`).FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return out
}

// reachable are the modules main.js reaches, all of them or those not
// behind a dynamic import (what a page other than the playground loads).
func reachable(t *testing.T, dynamic bool) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(string)
	walk = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		b, _ := os.ReadFile("web/js/" + name + ".js")
		re := `from\s*'\./([a-z]+)\.js'`
		if dynamic {
			re = `(?:from|import\()\s*'\./([a-z]+)\.js'`
		}
		for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(string(b), -1) {
			walk(m[1])
		}
	}
	walk("main")
	var out []string
	for name := range seen {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

func TestWebModules(t *testing.T) {
	all := webModules(t)
	for _, name := range all {
		for _, imp := range imports(t, name) {
			if !slices.Contains(all, imp) {
				t.Errorf("web/js/%s.js imports ./%s.js, which does not exist", name, imp)
			}
		}
	}
	if got := reachable(t, true); !slices.Equal(got, all) {
		t.Errorf("main.js reaches %v, but web/js holds %v", got, all)
	}
	loader, err := os.ReadFile("web/lrplay.js")
	if err != nil {
		t.Fatal(err)
	}
	list := func(name string) []string {
		m := regexp.MustCompile(`const ` + name + ` = \[([^\]]*)\]`).FindSubmatch(loader)
		if m == nil {
			t.Fatalf("lrplay.js has no list %s", name)
		}
		var out []string
		for _, q := range regexp.MustCompile(`'([a-z]+)'`).FindAllSubmatch(m[1], -1) {
			out = append(out, string(q[1]))
		}
		slices.Sort(out)
		return out
	}
	lean, pg := list("modules"), list("playgroundModules")
	if want := reachable(t, false); !slices.Equal(lean, want) {
		t.Errorf("lrplay.js preloads %v on every page; main.js imports %v", lean, want)
	}
	if got := slices.Sorted(slices.Values(append(slices.Clone(lean), pg...))); !slices.Equal(got, all) {
		t.Errorf("lrplay.js preloads %v on the playground; it imports %v", got, all)
	}
	// Our pages preload the same modules in their heads, and carry no inline script.
	for page, want := range map[string][]string{"index.html": all, "embed.html": lean, "tutorial.html": lean} {
		b, err := os.ReadFile("web/" + page)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range regexp.MustCompile(`<link rel="modulepreload" href="js/([a-z]+)\.js">`).FindAllSubmatch(b, -1) {
			got = append(got, string(m[1]))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s preloads %v, want %v", page, got, want)
		}
		if regexp.MustCompile(`<script(\s[^>]*)?>\s*[^<\s]`).Match(b) || !regexp.MustCompile(`<script src="lrplay.js" defer>`).Match(b) {
			t.Errorf("%s: want no inline script, and lrplay.js deferred", page)
		}
	}
}

// TestWebTextOnly: the modules put text into the page only as text.
func TestWebTextOnly(t *testing.T) {
	bad := regexp.MustCompile(`\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|\beval\(|new Function`)
	for _, name := range webModules(t) {
		b, err := os.ReadFile("web/js/" + name + ".js")
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if bad.MatchString(line) {
				t.Errorf("web/js/%s.js:%d: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}
