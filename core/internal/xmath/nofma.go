//go:build wasm

package xmath

// WebAssembly has no fused multiply-add, and math.FMA falls back to integer
// arithmetic there (about 70 ns a call, which made Cos seven times slower
// than math.Cos in the browser). These versions, used on wasm only, are
// exact without it.

// twoProd returns p = fl(a·b) and e with p + e = a·b exactly, by Dekker's
// product: each factor is split into two 26-bit halves (Veltkamp), whose
// products are exact. Valid for |a|, |b| < 2^995.
func twoProd(a, b float64) (p, e float64) {
	p = a * b
	ah, al := veltkamp(a)
	bh, bl := veltkamp(b)
	e = ((ah*bh - p) + ah*bl + al*bh) + al*bl
	return p, e
}

// veltkamp splits a into hi + lo, each with at most 26 significant bits.
func veltkamp(a float64) (hi, lo float64) {
	t := 0x1.0000002p27 * a // 2^27 + 1
	hi = t - (t - a)
	return hi, a - hi
}

// mulSubExact returns x − k·c for callers that know it to be a float64 and
// p = fl(k·c) to be within a factor 2 of x, or k = 0: then x − p is exact
// (Sterbenz), and subtracting the rest of k·c rounds a representable value.
func mulSubExact(x, k, c float64) float64 {
	p, pe := twoProd(k, c)
	return (x - p) - pe
}
