// Package python reads the little Python that core's ImportCode needs: the
// statements of a pasted snippet (imports, constant assignments, an
// optimizer, one scheduler call), with literal values and the arithmetic
// between them folded as Python would. Nothing is executed: a name is known
// only if the snippet assigns it a constant, and anything else is kept as
// source text so that a message can quote it.
//
// Parse lexes (lex.go), reads statements and expressions (parse.go) and
// folds constants with Python's int and float semantics (fold.go). An
// expression that cannot be folded is still a Value, of kind Other, Name or
// Call, that says what it is. A list literal is a List of folded elements;
// a lambda is a LambdaExpr kept as source, with the numbers assigned before
// it written in, for CompileLambda.
//
// CompileLambda reads a lambda of one argument, such as torch's LambdaLR
// takes, into a tree (lambda.go) that Eval computes for each step with
// CPython's numeric semantics (num.go) and functions (builtins.go).
//
// # Where a lambda's value differs from Python's
//
//   - Ints are int64: where Python's exact ints would go beyond 64 bits
//     (2 ** 64, int(1e20)), Eval returns an error that says so, not a
//     wrapped value.
//   - A negative number to a fractional power ((-8) ** 0.5) is a complex
//     number in Python, and an error here.
//   - A result that is inf or NaN is an error (Python returns it); inf and
//     NaN within the computation behave as in Python (min(1.0, 1e308 * 10)
//     is 1.0).
//   - math.cos, math.exp, math.log and float ** float are correctly rounded
//     (package xmath), as glibc's, which CPython calls, are in all but
//     about one case in a thousand, where they differ by one ulp.
//     math.sqrt is exact in both. math.log2 and math.log10 are within one
//     ulp of glibc's (a fifth of results differ). math.sin and math.tan are
//     Go's: a quarter to two fifths of results differ from glibc's in the
//     last bit, and near the zeros of sin and tan by up to a few hundred
//     ulps of a tiny value.
//   - Exceptions carry CPython 3.11's messages; later versions reword a
//     few (CPython's current source says "division by zero" for a float's
//     /, // and % by zero, and "zero to a negative power").
//   - Names are checked when the lambda is compiled: an unknown name is an
//     error even in a branch Python would never evaluate.
//   - Not read: keyword arguments (round(x, ndigits=2)), min or max of an
//     iterable, names imported from math (from math import cos), and
//     anything beyond numbers: strings, containers, attributes other than
//     math's.
package python
