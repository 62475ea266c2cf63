package strs

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestShorten(t *testing.T) {
	forty := strings.Repeat("a", 40)
	tests := []struct{ in, want string }{
		{"", ""},
		{"T_max", "T_max"},
		{forty, forty},
		{forty + "b", forty + "…"},
		{strings.Repeat("é", 41), strings.Repeat("é", 40) + "…"}, // runes, not bytes
		{strings.Repeat("🔥", 40), strings.Repeat("🔥", 40)},
		{"\xff" + forty, "\ufffd" + strings.Repeat("a", 39) + "…"}, // a cut string holds valid UTF-8
	}
	for _, tt := range tests {
		if got := Shorten(tt.in); got != tt.want {
			t.Errorf("Shorten(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, s := range []string{"", "lr", `a"b`, "a\nb", "é", "\xff"} {
		if got, want := Quote(s), strconv.Quote(s); got != want {
			t.Errorf("Quote(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestSort checks Sort against slices.Sort on lists of every length up to
// 40, with repeats.
func TestSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 40; n++ {
		for range 20 {
			a := make([]string, n)
			for i := range a {
				a[i] = string(rune('a' + r.IntN(6)))
			}
			want := slices.Clone(a)
			slices.Sort(want)
			if Sort(a); !slices.Equal(a, want) {
				t.Fatalf("Sort gives %q, want %q", a, want)
			}
		}
	}
}
