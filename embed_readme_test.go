package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeSnippets returns the README's code blocks that follow a
// "<!-- snippet: NAME -->" marker, by name. A block fenced with four
// backticks may hold a fence of three (a Markdown example).
func readmeSnippets(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, fence := range []string{"```", "````"} {
		re := regexp.MustCompile("(?s)<!-- snippet: (\\w+) -->\n" + fence + "\\w*\n(.*?)" + fence + "\n")
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = m[2]
		}
	}
	return out
}

// TestReadmeSnippets keeps each embedding snippet in the README the same as
// the example page the browser tests drive (web/examples/), but for where
// the site is: /lrplay/ in the README, one folder up in the examples.
func TestReadmeSnippets(t *testing.T) {
	snippets := readmeSnippets(t)
	read := func(name string) string {
		b, err := os.ReadFile("web/examples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sameConfig := func(s, page string) bool {
		a := regexp.MustCompile(`data-lrplay='[^']*'`).FindString(s)
		return a != "" && strings.Contains(page, a)
	}
	for _, tt := range []struct {
		snippet, page string
		check         func(snippet, page string) bool
	}{
		// The iframe as written, and its script as resize.js holds it.
		{"iframe", "iframe.html", func(s, page string) bool {
			frame, script, ok := strings.Cut(s, "<script>\n")
			return ok && strings.Contains(page, strings.ReplaceAll(frame, `src="/lrplay/`, `src="../`)) &&
				strings.TrimSuffix(script, "</script>\n") == read("resize.js")
		}},
		{"script", "script.html", func(s, page string) bool {
			tag, div, ok := strings.Cut(s, "\n")
			return ok && tag == `<script src="/lrplay/lrplay.js" defer></script>` && strings.Contains(page, div)
		}},
		// The generators' snippets: the same configuration in docs.html.
		{"sphinx", "docs.html", sameConfig},
		{"mkdocs", "docs.html", sameConfig},
		{"docusaurus", "docs.html", sameConfig},
	} {
		s, ok := snippets[tt.snippet]
		if !ok {
			t.Errorf("the README has no %s snippet", tt.snippet)
			continue
		}
		if !tt.check(s, read(tt.page)) {
			t.Errorf("the README's %s snippet and web/examples/%s differ:\n%s", tt.snippet, tt.page, s)
		}
	}
}
