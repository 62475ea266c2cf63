package specjson

import (
	"encoding/json"
	"math"
	"testing"
)

func TestAppendValueMatchesEncodingJSON(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99999e-7, 1e-7, 1.5e-7, 1e20, 1e21, 1.5e21, 123456789,
		1e-300, 5e-324, math.MaxFloat64, -2.5e-8, 0.05, 1 << 53, 1e100, -1e-100}
	var values []any
	for _, x := range floats {
		values = append(values, x)
	}
	values = append(values, nil, true, false, int64(0), int64(-7), int64(1)<<53, "", "playground", "a\"b\\c",
		"<script>&amp;</script>", "\x00\x01\b\f\n\r\t\x1f\x7f", "≥ 1 — é", "\u2028\u2029", "\xff\xfe", "a\xc3", "\U0001F600")
	for _, v := range values {
		got, ok := AppendValue(nil, v)
		want, err := json.Marshal(v)
		if !ok || err != nil || string(got) != string(want) {
			t.Errorf("AppendValue(%#v) = %s, %v; encoding/json writes %s, %v", v, got, ok, want, err)
		}
	}
	for _, v := range []any{math.NaN(), math.Inf(1), math.Inf(-1), 3, float32(1), []int{1}} {
		if b, ok := AppendValue(nil, v); ok {
			t.Errorf("AppendValue(%#v) = %s, want a refusal", v, b)
		}
	}
}
