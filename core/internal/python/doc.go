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
// Call, that says what it is.
package python
