package main

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

var querySeeds = []string{
	"", "a=1", "a=1&b=2&a=3", "a", "a=", "=1", "&&a=1&&", "a=1=2",
	"a=x+y", "a=%41%42%43", "a=%e2%89%a5", "a=%zz", "%zz=1", "a=%4", "a=%", "a=%%41",
	"a=1;b=2", "a=1&b=%2&c=3", "a=%zz&b=%yy", "k%20ey=v%2Bw", "a=%00%ff", "a=\xff",
	"kind=playground&T_max=40&T_mult=1.5&warmup=0&steps=300&log=1",
	strings.Repeat("&", maxQueryParams-1) + "a=1", strings.Repeat("&", maxQueryParams) + "a=1",
}

// TestParseQueryMatchesNetURL: parseQuery reads what url.ParseQuery reads
// and fails where and how it fails.
func TestParseQueryMatchesNetURL(t *testing.T) {
	for _, q := range querySeeds {
		checkQuery(t, q)
	}
}

func checkQuery(t *testing.T, q string) {
	t.Helper()
	got, err := parseQuery(q)
	want, wantErr := url.ParseQuery(q)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Errorf("parseQuery(%.60q) error = %v, net/url says %v", q, err, wantErr)
	}
	if !reflect.DeepEqual(got, map[string][]string(want)) {
		t.Errorf("parseQuery(%.60q) = %q, net/url reads %q", q, got, want)
	}
}

func TestQueryEscapeMatchesNetURL(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	for _, s := range []string{"", "playground", "torch.CosineAnnealingLR", "a b&c=d+e%f", "≥ 1", string(all)} {
		if got, want := queryEscape(s), url.QueryEscape(s); got != want {
			t.Errorf("queryEscape(%q) = %q, want %q", s, got, want)
		}
		if back, err := queryUnescape(queryEscape(s)); err != nil || back != s {
			t.Errorf("queryUnescape(queryEscape(%q)) = %q, %v", s, back, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range querySeeds {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		checkQuery(t, q)
		if got, want := queryEscape(q), url.QueryEscape(q); got != want {
			t.Errorf("queryEscape(%q) = %q, want %q", q, got, want)
		}
	})
}
