package main

import (
	"math"
	"net/url"
	"reflect"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

var querySeeds = []string{
	"", "a=1", "a=1&b=2&a=3", "a", "a=", "=1", "&&a=1&&", "a=1=2",
	"a=x+y", "a=%41%42%43", "a=%e2%89%a5", "a=%zz", "%zz=1", "a=%4", "a=%", "a=%%41",
	"a=1;b=2", "a=1&b=%2&c=3", "a=%zz&b=%yy", "k%20ey=v%2Bw", "a=%00%ff", "a=\xff",
	"kind=playground&T_max=40&T_mult=1.5&warmup=0&steps=300&log=1",
	"kind=torch.CosineAnnealingLR&T_max=10&units.steps_per_epoch=5&units.stepping=epoch&x=epoch&steps=100",
	"kind=torch.OneCycleLR&steps_per_epoch=7&units.steps_per_epoch=3&units.accumulation=4&units.stepping=micro_batch",
	"units.stepping=nope&units.accumulation=0&units.bogus=1",
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

// FuzzParseQuery: for any link, the query reader agrees with net/url, and
// ParseQuery (the page's URL state) never panics, stays within its memory
// budget, reports problems only about the kind's own controls, and gives a
// state that Query writes as a link reopening exactly that state.
func FuzzParseQuery(f *testing.F) {
	for _, q := range querySeeds {
		f.Add(q)
	}
	for _, k := range core.Kinds() {
		f.Add(defaultState(k).Query())
		// Every parameter named, at the framework's default (not the example's).
		link := "kind=" + queryEscape(k.Name) + "&log=1"
		for _, p := range k.Params {
			link += "&" + queryEscape(p.Name) + "=" + queryEscape(p.FormatValue(p.Default))
		}
		f.Add(link)
	}
	f.Fuzz(func(t *testing.T, q string) {
		checkQuery(t, q)
		if got, want := queryEscape(q), url.QueryEscape(q); got != want {
			t.Errorf("queryEscape(%q) = %q, want %q", q, got, want)
		}
		var st State
		var problems []Problem
		checkAlloc(t, "ParseQuery", 64*int64(len(q)), func() { st, problems = ParseQuery(q) })
		checkState(t, q, st, problems)
	})
}

// checkState checks what ParseQuery(q) returned: see FuzzParseQuery.
func checkState(t *testing.T, q string, st State, problems []Problem) {
	t.Helper()
	leaves := 0
	if st.Kind != nil {
		for _, p := range st.Params() {
			if p.Type != core.Schedules {
				leaves++
			}
		}
	}
	if st.Kind == nil || len(st.Values) != leaves+len(unitsParams) {
		t.Fatalf("ParseQuery(%q) = kind %v with values %q", q, st.Kind, st.Values)
	}
	for _, p := range problems {
		if p.Msg == "" || p.Param != "" && p.Param != "kind" && !st.hasControl(p.Param) {
			t.Errorf("ParseQuery(%q): problem %+v is about no control of %s", q, p, st.Kind.Name)
		}
	}

	link := st.Query()
	back, again := ParseQuery(link)
	if len(again) > 0 {
		t.Fatalf("ParseQuery(%q) → %q, which reads with problems %v", q, link, again)
	}
	if back.Kind != st.Kind || back.Steps != st.Steps || back.LogY != st.LogY {
		t.Fatalf("ParseQuery(%q) → %q reopens as %s, %s steps, log %v; want %s, %s, %v",
			q, link, back.Kind.Name, back.Steps, back.LogY, st.Kind.Name, st.Steps, st.LogY)
	}
	for _, p := range st.Params() {
		if p.Type == core.Schedules {
			continue // its children are the paths that follow
		}
		v1, err1 := p.ParseText(st.Values[p.Name])
		v2, err2 := p.ParseText(back.Values[p.Name])
		if err1 != nil || err2 != nil || p.FormatValue(v1) != p.FormatValue(v2) {
			t.Fatalf("ParseQuery(%q) → %q: %s %q reopens as %q", q, link, p.Name, st.Values[p.Name], back.Values[p.Name])
		}
	}
	if got := back.Query(); got != link {
		t.Fatalf("ParseQuery(%q) → %q → %q: not a fixed point", q, link, got)
	}

	s, steps, p1 := st.Spec()
	s2, steps2, p2 := back.Spec()
	if !reflect.DeepEqual(p1, p2) {
		t.Fatalf("ParseQuery(%q): spec problems %v, after the round trip %v", q, p1, p2)
	}
	if p1 != nil {
		return
	}
	j1, _ := s.MarshalJSON()
	j2, _ := s2.MarshalJSON()
	if string(j1) != string(j2) || steps != steps2 {
		t.Fatalf("ParseQuery(%q) draws %s over %d steps, its link %q draws %s over %d", q, j1, steps, link, j2, steps2)
	}
	for _, i := range []int64{0, steps / 2, steps - 1} {
		if v := s.At(i, steps); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("ParseQuery(%q) draws %s: At(%d, %d) = %v", q, j1, i, steps, v)
		}
	}
}

// allocSlack is what one call may allocate beyond its share: the runtime
// counts small objects a span at a time (as in core's fuzzers).
const allocSlack = 16 << 20

// checkAlloc fails t if f allocates more than allocSlack plus share bytes.
func checkAlloc(t *testing.T, what string, share int64, f func()) {
	t.Helper()
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	before := s[0].Value.Uint64()
	f()
	metrics.Read(s)
	if got, limit := s[0].Value.Uint64()-before, uint64(allocSlack+share); got > limit {
		t.Fatalf("%s allocated %d bytes, more than its budget of %d", what, got, limit)
	}
}
