//go:build !wasm

package xmath

import "math"

// twoProd returns p = fl(a·b) and e with p + e = a·b exactly.
func twoProd(a, b float64) (p, e float64) {
	p = a * b
	e = math.FMA(a, b, -p)
	return p, e
}

// mulSubExact returns x − k·c for callers that know it to be a float64 and
// fl(k·c) to be within a factor 2 of x, or k = 0 (see nofma.go).
func mulSubExact(x, k, c float64) float64 { return math.FMA(-k, c, x) }
