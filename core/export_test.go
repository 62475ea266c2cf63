package core

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"
)

func TestAppendCSVRow(t *testing.T) {
	for _, tt := range []struct {
		step int64
		lr   float64
		want string
	}{
		{0, 0.1, "0,0.1\n"},
		{41, 0.030153689607045803, "41,0.030153689607045803\n"},
		{999999999999, 1e-300, "999999999999,1e-300\n"},
		{7, 0, "7,0\n"},
	} {
		if got := string(AppendCSVRow(nil, tt.step, tt.lr)); got != tt.want {
			t.Errorf("AppendCSVRow(%d, %v) = %q, want %q", tt.step, tt.lr, got, tt.want)
		}
	}
}

// TestAppendJSONNumber compares with encoding/json across magnitudes,
// including both sides of the switches to exponent notation.
func TestAppendJSONNumber(t *testing.T) {
	xs := []float64{0, 1, -1, 0.1, 1e-6, 9.999999999999999e-7, 1e-7, 1e20, 1e21, 123456789012345680000, 5e-324, math.MaxFloat64, 0.030153689607045803}
	for e := -320; e <= 300; e += 7 {
		xs = append(xs, 1.2345678901234567*math.Pow(10, float64(e)))
	}
	for _, x := range xs {
		want, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendJSONNumber(nil, x); string(got) != string(want) {
			t.Errorf("AppendJSONNumber(%s) = %s, want %s", strconv.FormatFloat(x, 'g', -1, 64), got, want)
		}
	}
}
