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

// TestIsDecimal: what a person types as a number, and what strconv would
// take but a person does not mean.
func TestIsDecimal(t *testing.T) {
	yes := []string{"0", "-0", "+1", "10", "1.5", ".5", "5.", "-.5", "1e6", "1E-6", "1.5e+3", "007", "1e007", "123456789012345678901234567890"}
	no := []string{"", "+", "-", ".", "-.", "e5", ".e5", "1e", "1e+", "1e-", "1.5.2", "1..5", "1_000", "0x10", "0x1p4", "inf", "-Inf",
		"NaN", " 1", "1 ", "1,5", "１", "1e5.5", "1e5e5", "++1", "1-", "1d"}
	for _, s := range yes {
		if !IsDecimal(s) {
			t.Errorf("IsDecimal(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if IsDecimal(s) {
			t.Errorf("IsDecimal(%q) = true, want false", s)
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
