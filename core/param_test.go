package core

import (
	"encoding/json"
	"math"
	"testing"
)

// stdRange is Range.MarshalJSON as it was written with encoding/json.
func stdRange(r Range) ([]byte, error) {
	bound := func(x float64) any {
		if math.IsInf(x, 0) {
			return nil
		}
		return x
	}
	return json.Marshal(struct {
		Min     any    `json:"min"`
		Max     any    `json:"max"`
		MinOpen bool   `json:"min_open,omitempty"`
		MaxOpen bool   `json:"max_open,omitempty"`
		Text    string `json:"text"`
	}{bound(r.Min), bound(r.Max), r.MinOpen, r.MaxOpen, r.String()})
}

func TestRangeMarshalJSON(t *testing.T) {
	ranges := []Range{anyFinite, atLeast(0), atLeast(1), above(0), between(0, 1), between(0, 0.5), {Min: 1e-7, Max: 1e21, MinOpen: true},
		{Min: math.Inf(-1), Max: 0, MaxOpen: true}, {Min: math.Inf(-1), Max: -1}, {Min: -3, Max: 2e-7, MinOpen: true, MaxOpen: true}}
	for _, k := range Kinds() {
		for _, p := range k.Params {
			ranges = append(ranges, p.Range)
		}
	}
	for _, r := range ranges {
		got, err := r.MarshalJSON()
		want, wantErr := stdRange(r)
		if err != nil || wantErr != nil || string(got) != string(want) {
			t.Errorf("%+v: MarshalJSON = %s, %v; want %s, %v", r, got, err, want, wantErr)
		}
		// Inside a struct, encoding/json compacts and HTML-escapes it: no change either.
		if b, _ := json.Marshal(struct{ R Range }{r}); string(b) != `{"R":`+string(want)+`}` {
			t.Errorf("%+v: in a struct %s", r, b)
		}
	}
	if _, err := (Range{Min: math.NaN()}).MarshalJSON(); err == nil {
		t.Error("a NaN bound marshals")
	}
}
