// Package xmath provides correctly rounded Cos, Log, Exp and Pow: each
// returns the float64 nearest to the exact mathematical value (ties to even,
// which only Pow can meet), with the special cases of the math package.
//
// The schedules of package core port Python code, whose math.cos, math.log,
// math.exp and float ** float call glibc's libm. glibc is not correctly
// rounded either, but nearly: on our golden files (testdata, about 25,000
// arguments per function) it misrounds 78 of 99,114 results, always by one
// ulp, and xmath agrees with it on all the others. The math package differs
// from glibc far more often (about a quarter of the cosines, most powers).
//
// # How
//
// Each function computes its result in double-double arithmetic (pairs
// of float64s, error-free sums and products with FMA) with an error bound,
// usually below 2^−77 relative, and returns the rounded value when
// the bound shows it is certain (Ziv's strategy; roundDD). Otherwise, about
// once in ten million calls, it recomputes the value in multiple precision,
// growing until the rounding is decided (slow.go, on the small floating
// point of mp.go, which keeps the WebAssembly binary small; the tests check
// both against math/big); that path also handles the results of Pow that
// are exactly halfway between two float64s. Cosines
// of |x| ≥ 2^30 are reduced by Payne and Hanek's method, with 1280 bits of
// 2/π in integer arithmetic (reduceLarge), then go the same way. Cosines
// of smaller arguments first try a cheaper float64 evaluation, exact in
// its leading part only, with a relative error bound of 2^−63 (cosFast);
// Ziv's test rejects about one in 500, which go on to the double-double.
// The tables of tables.go are generated and checked from math/big by
// TestTables.
//
// Costs on amd64 (GOAMD64=v1, AMD EPYC): Cos 16 ns, Log 21 ns, Exp 21 ns,
// Pow 51 ns, against 8, 9, 8 and 57 ns for the math package; Cos of
// arguments up to 10^12·π 35 ns, against 14; the slow path takes 5 to
// 15 µs. On wasm, where math.FMA is emulated, nofma.go
// replaces it with Dekker's product.
package xmath
