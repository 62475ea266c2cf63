package core

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestKindSpec(t *testing.T) {
	k := LookupKind("playground")
	got, err := k.Spec(map[string]any{"T_max": int64(7), "lr": 1e-7, "restarts": false, "nonsense": 1})
	if want := `{"kind":"playground","lr":1e-7,"T_max":7,"restarts":false}`; err != nil || string(got) != want {
		t.Errorf("Spec = %s, %v; want %s", got, err, want)
	}
	if _, err := k.Spec(map[string]any{"lr": math.Inf(1)}); err == nil || !strings.Contains(err.Error(), "lr") {
		t.Errorf("Spec of an infinite lr: err = %v", err)
	}
	// The canonical spec of every example is what encoding/json writes.
	for _, k := range Kinds() {
		s := mustParse(t, k.Example)
		got, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		want := []byte(`{"kind":"` + k.Name + `"`)
		for _, p := range k.Params {
			b, _ := json.Marshal(s.Args()[p.Name])
			want = append(append(append(append(want, ',', '"'), p.Name...), '"', ':'), b...)
		}
		if want = append(want, '}'); string(got) != string(want) {
			t.Errorf("%s: MarshalJSON = %s\nwant %s", k.Name, got, want)
		}
	}
}
