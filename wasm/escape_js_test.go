//go:build js && wasm

package main

import (
	"strings"
	"testing"
)

// TestHTMLEscape checks htmlEscape's loop against the strings.Replacer it
// replaces (which the wasm no longer links, for its size).
func TestHTMLEscape(t *testing.T) {
	want := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
	for _, s := range []string{"", "plain", `<b>"T_max" & 'eta_min'</b>`, "&&<<>>", "é → ≥ 1e-3", "'", "a&b<c>d\"e'f"} {
		if got := htmlEscape(s); got != want.Replace(s) {
			t.Errorf("htmlEscape(%q) = %q, want %q", s, got, want.Replace(s))
		}
	}
}
