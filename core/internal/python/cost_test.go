package python

import "testing"

// TestCost: the model's sums, written out by node.
func TestCost(t *testing.T) {
	tests := []struct {
		src  string
		want float64
	}{
		{"lambda e: 0.95", 4},
		{"lambda e: 0.95 ** e", 130 + 4 + 4}, // ** of two leaves
		{"lambda e: min(1.0, (e + 1) / 500)", 15 + 4 + (15 + (10 + 4 + 4) + 4)}, // the call, 1.0, / of + and 500
		{"lambda e: math.cos(e)", 15 + 300 + 4},
		{"lambda e: 1 if e < 5 else math.exp(-e)", 10 + (10 + 4 + 4) + 4 + (15 + 120 + (10 + 4))},
	}
	for _, tt := range tests {
		l, err := CompileLambda(tt.src, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Cost(); got != tt.want {
			t.Errorf("%s: Cost() = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// BenchmarkCost measures Eval against the model: ns/op beside the model's
// estimate, natively or under GOOS=js (go test -bench Cost; with GOOS=js
// GOARCH=wasm and -exec go_js_wasm_exec for the browser's).
func BenchmarkCost(b *testing.B) {
	for _, src := range []string{
		"lambda e: 0.95 ** e",
		"lambda e: min(1.0, (e + 1) / 500)",
		"lambda s: s / 100 if s < 100 else 0.5 * (1 + math.cos(math.pi * (s - 100) / 900))",
		"lambda e: math.exp(-e / 300) + math.log(e + 1) / 100",
		"lambda e: round(e / 16, 2)",
	} {
		l, err := CompileLambda(src, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(src, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				l.Eval(int64(i % 100000))
			}
			b.ReportMetric(l.Cost(), "model-ns")
		})
	}
}
