package python

import (
	"math"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/internal/strs"
)

// Lambda is a Python lambda of one argument, such as torch's LambdaLR
// takes as lr_lambda, compiled once by CompileLambda and computed by Eval
// with Python's numeric semantics. Python never runs it.
type Lambda struct {
	Param string // the argument's name: "epoch" in "lambda epoch: 0.95 ** epoch"
	src   string
	body  *node
}

// The kinds of node.
const (
	ndNum     = iota // a constant: num
	ndArg            // the lambda's argument
	ndUnary          // op kids[0], for - and +
	ndBinary         // kids[0] op kids[1], for + - * / // % **
	ndCompare        // kids[0] ops[0] kids[1] ops[1] kids[2]...: a chain
	ndNot            // not kids[0]
	ndAnd            // kids[0] and kids[1]
	ndOr             // kids[0] or kids[1]
	ndIf             // kids[1] if kids[0] else kids[2]
	ndCall           // fn(kids...)
)

// node is one operation of a compiled lambda.
type node struct {
	kind  int
	op    string   // ndUnary's and ndBinary's operator
	ops   []string // ndCompare's operators
	num   Num      // ndNum's value
	fn    *function
	kids  []*node
	pos   int // the byte offset of its operator or callee, for a message
	depth int // how deep the tree under it is, which bounds Eval's recursion
}

// CompileLambda reads src, the text of a Python lambda of one argument
// ("lambda epoch: 0.95 ** epoch", possibly in parentheses), for Eval.
// consts are the names a snippet assigned before it, as Parse folds them
// (WARMUP = 500); those a lambda uses must be numbers.
//
// The lambda's body may use int and float literals, True and False, its
// argument, consts, math.pi, math.e and math.tau; the operators + - * / //
// % ** (binary) and + - (unary), the comparisons < <= > >= == != (chained
// too: 0 < x < 5), and, or, not, and x if c else y; and calls of min and
// max (of two or more arguments), abs, float, int, round, pow (of two)
// and math's cos, sin, tan, exp, log (of one or two), log2, log10, sqrt,
// fabs, pow, floor and ceil, with positional arguments. Anything else is
// an *Error at its line and column that names it: another name (even in a
// branch Python would never evaluate, where Python's NameError would not
// come), an attribute other than math's, a call of anything else, a
// keyword argument, a string, a subscript, a list, a comprehension, a
// bitwise operator, :=, a lambda inside the lambda.
//
// A bare expression ("0.95 ** epoch") is not a lambda, and an error: which
// of its names is the argument would be a guess, and torch wants a
// callable.
//
// Positions count from the start of src, where spaces, newlines and
// comments may precede the lambda: a caller holding a lambda found in a
// larger snippet keeps the snippet's lines and columns by passing the
// snippet with the text before the lambda blanked.
func CompileLambda(src string, consts map[string]*Value) (*Lambda, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	c := &compiler{parser: parser{src: src, toks: toks}, consts: consts}
	l := c.lambda()
	if c.err != nil {
		return nil, c.err
	}
	return l, nil
}

// Eval computes the lambda for x, its argument (the step or epoch), and
// returns an int, a float or a bool, as Python's result would be. Where
// Python would raise an exception, the error is an *Error at the operation
// that raises it, naming the exception, the argument and Python's message:
// "line 1, column 17: ZeroDivisionError at epoch 0: division by zero".
// Where Python would compute what LR Playground does not, the error says
// so without an exception's name: an int beyond 64 bits (Python's are
// unbounded), a complex number ((-8) ** 0.5), or a result that is not
// finite (1e308 * 10 is inf in Python as here, and min(1.0, 1e308 * 10) is
// 1.0, but a factor of inf is no learning rate).
//
// Eval's work is bounded by the lambda's size: no loops exist in a lambda,
// and CompileLambda bounds its depth.
func (l *Lambda) Eval(x int64) (Num, error) {
	v, err := l.eval(l.body, x)
	if err != nil {
		return Num{}, err
	}
	if f := v.Float; v.Kind == Float && (math.IsInf(f, 0) || math.IsNaN(f)) {
		s := "nan"
		if !math.IsNaN(f) {
			s = "inf"
			if f < 0 {
				s = "-inf"
			}
		}
		return Num{}, l.fail(l.body.pos, &fault{"", "the result is " + s + ", not a finite number"}, x)
	}
	return v, nil
}

// fail is the error of fault f at byte offset pos, for argument x.
func (l *Lambda) fail(pos int, f *fault, x int64) *Error {
	msg := "at " + l.Param + " " + strconv.FormatInt(x, 10) + ": " + f.msg
	if f.exc != "" {
		msg = f.exc + " " + msg
	}
	return syntaxError(l.src, pos, msg)
}

// eval computes n for argument x, in Python's order: operands left to
// right, and, or, if-else and comparison chains short-circuited.
func (l *Lambda) eval(n *node, x int64) (Num, *Error) {
	switch n.kind {
	case ndNum:
		return n.num, nil
	case ndArg:
		return integer(x), nil
	case ndCall:
		return l.call(n, x)
	case ndCompare:
		a, err := l.eval(n.kids[0], x)
		for i := 0; err == nil && i < len(n.ops); i++ {
			var b Num
			if b, err = l.eval(n.kids[i+1], x); err == nil && !compareOp(n.ops[i], a, b) {
				return boolean(false), nil
			}
			a = b
		}
		if err != nil {
			return Num{}, err
		}
		return boolean(true), nil
	}
	a, err := l.eval(n.kids[0], x)
	if err != nil {
		return Num{}, err
	}
	switch n.kind {
	case ndNot:
		return boolean(!truth(a)), nil
	case ndAnd, ndOr:
		if truth(a) == (n.kind == ndOr) {
			return a, nil
		}
		return l.eval(n.kids[1], x)
	case ndIf:
		if truth(a) {
			return l.eval(n.kids[1], x)
		}
		return l.eval(n.kids[2], x)
	}
	var r Num
	var f *fault
	if n.kind == ndUnary {
		r, f = unary(n.op, a)
	} else {
		var b Num
		if b, err = l.eval(n.kids[1], x); err != nil {
			return Num{}, err
		}
		r, f = binary(n.op, a, b)
	}
	if f != nil {
		return Num{}, l.fail(n.pos, f, x)
	}
	return r, nil
}

// call computes a call: its arguments, then the function.
func (l *Lambda) call(n *node, x int64) (Num, *Error) {
	fn := n.fn
	var args [2]Num
	for i, k := range n.kids {
		v, err := l.eval(k, x)
		if err != nil {
			return Num{}, err
		}
		switch {
		case i == 0 || i == 1 && fn.max >= 0:
			args[i] = v
		case fn.name == "min" && compareOp("<", v, args[0]), fn.name == "max" && compareOp(">", v, args[0]):
			args[0] = v // as Python's min and max, which keep the first of equals
		}
	}
	var r Num
	var f *fault
	switch {
	case fn.max < 0:
		return args[0], nil
	case fn.f1 != nil:
		r, f = math1(fn, args[0].Float64())
	default:
		r, f = fn.call(args[0], args[1], len(n.kids))
	}
	if f != nil {
		return Num{}, l.fail(n.pos, f, x)
	}
	return r, nil
}

// compiler reads a lambda's tokens into nodes, with the parser's
// primitives. Its helpers are not inlined, for the wasm's size: a lambda is
// compiled once.
type compiler struct {
	parser
	param  string
	consts map[string]*Value
}

// isWord reports whether the next token is the name (or keyword) w.
//
//go:noinline
func (c *compiler) isWord(w string) bool { t := c.peek(); return t.kind == tkName && t.text == w }

// mk completes n with its depth, which must stay within maxDepth.
//
//go:noinline
func (c *compiler) mk(n *node) *node {
	for _, k := range n.kids {
		n.depth = max(n.depth, k.depth+1)
	}
	if n.depth > maxDepth {
		c.fail(n.pos, tooDeepMsg)
	}
	return n
}

// nest counts a level of the compiler's recursion, and reports whether it
// is within maxDepth; the caller counts it back when it returns.
//
//go:noinline
func (c *compiler) nest() bool {
	if c.depth++; c.depth > maxDepth {
		c.fail(c.peek().pos, tooDeepMsg)
		return false
	}
	return true
}

// lambda reads "lambda NAME: body", in any parentheses, to the end of src.
func (c *compiler) lambda() *Lambda {
	open := 0
	for ; c.isOp("("); open++ {
		c.next()
	}
	if !c.isWord("lambda") {
		c.fail(c.peek().pos, "expected a lambda, as in \"lambda epoch: 0.95 ** epoch\"")
		return nil
	}
	c.next()
	p := c.next()
	if p.kind != tkName || keyword(p.text) || p.text == "True" || p.text == "False" || p.text == "None" || !c.isOp(":") {
		c.fail(p.pos, "the lambda must take one argument, the step or epoch it is called with")
		return nil
	}
	c.next()
	c.param = p.text
	body := c.expression()
	for ; open > 0; open-- {
		c.expect(")")
	}
	t := c.peek()
	if t.kind == tkEnd && c.i+2 < len(c.toks) { // another line follows
		t = c.toks[c.i+1]
	}
	if t.kind != tkEnd {
		c.fail(t.pos, c.unexpected(t)+" after the lambda")
	}
	return &Lambda{Param: c.param, src: c.src, body: body}
}

// expression reads x if c else y, or a disjunction.
func (c *compiler) expression() *node {
	if !c.nest() {
		return &node{}
	}
	x := c.disjunction()
	if c.err == nil && c.isWord("if") {
		t := c.next()
		cond := c.disjunction()
		if c.err == nil && !c.isWord("else") {
			c.fail(c.peek().pos, "expected \"else\", found "+c.describe(c.peek()))
		}
		c.next()
		x = c.mk(&node{kind: ndIf, pos: t.pos, kids: []*node{cond, x, c.expression()}})
	}
	c.depth--
	return x
}

// disjunction reads conjunctions joined by or.
func (c *compiler) disjunction() *node {
	x := c.conjunction()
	for c.err == nil && c.isWord("or") {
		t := c.next()
		x = c.mk(&node{kind: ndOr, pos: t.pos, kids: []*node{x, c.conjunction()}})
	}
	return x
}

// conjunction reads inversions joined by and.
func (c *compiler) conjunction() *node {
	x := c.inversion()
	for c.err == nil && c.isWord("and") {
		t := c.next()
		x = c.mk(&node{kind: ndAnd, pos: t.pos, kids: []*node{x, c.inversion()}})
	}
	return x
}

// inversion reads not x, or a comparison.
func (c *compiler) inversion() *node {
	if !c.isWord("not") {
		return c.comparison()
	}
	if !c.nest() {
		return &node{}
	}
	t := c.next()
	x := c.mk(&node{kind: ndNot, pos: t.pos, kids: []*node{c.inversion()}})
	c.depth--
	return x
}

// comparison reads sums joined by comparison operators: one, or a chain.
func (c *compiler) comparison() *node {
	n := &node{kind: ndCompare, kids: []*node{c.sum()}}
	for c.err == nil {
		t := c.peek()
		op := t.text
		if t.kind == tkName && op == "not" && c.toks[c.i+1].text == "in" {
			op = "not in"
		}
		switch op {
		case "<", "<=", ">", ">=", "==", "!=":
			if t.kind != tkOp {
				break
			}
			c.next()
			if len(n.ops) == 0 {
				n.pos = t.pos
			}
			n.ops = append(n.ops, op)
			n.kids = append(n.kids, c.sum())
			continue
		case "|", "^", "&", "<<", ">>", "in", "not in", "is":
			c.fail(t.pos, "the operator "+strs.Quote(op)+" is not supported")
		}
		break
	}
	if len(n.ops) == 0 {
		return n.kids[0]
	}
	return c.mk(n)
}

// sum reads products joined by + and -.
func (c *compiler) sum() *node {
	x := c.product()
	for c.err == nil && (c.isOp("+") || c.isOp("-")) {
		x = c.binary(c.next(), x, c.product())
	}
	return x
}

// product reads factors joined by *, /, // and %.
func (c *compiler) product() *node {
	x := c.factor()
	for c.err == nil && (c.isOp("*") || c.isOp("/") || c.isOp("//") || c.isOp("%") || c.isOp("@")) {
		x = c.binary(c.next(), x, c.factor())
	}
	return x
}

// binary is the node of x t y, for an operator t.
//
//go:noinline
func (c *compiler) binary(t token, x, y *node) *node {
	if t.text == "@" {
		c.fail(t.pos, "the operator \"@\" is not supported")
	}
	return c.mk(&node{kind: ndBinary, op: t.text, pos: t.pos, kids: []*node{x, y}})
}

// factor reads -x and +x, which bind less tightly than ** on their right
// (-2 ** 2 is -4), or a power.
func (c *compiler) factor() *node {
	if !c.isOp("-") && !c.isOp("+") && !c.isOp("~") {
		return c.power()
	}
	if !c.nest() {
		return &node{}
	}
	t := c.next()
	if t.text == "~" {
		c.fail(t.pos, "the operator \"~\" is not supported")
	}
	x := c.mk(&node{kind: ndUnary, op: t.text, pos: t.pos, kids: []*node{c.factor()}})
	c.depth--
	return x
}

// power reads x ** y, whose right side may be signed: 2 ** -1.
func (c *compiler) power() *node {
	x := c.atom()
	t := c.peek()
	msg := ""
	switch {
	case c.err != nil || t.kind != tkOp:
	case t.text == "**":
		if !c.nest() {
			return x
		}
		c.next()
		x = c.binary(t, x, c.factor())
		c.depth--
	case t.text == "(":
		msg = "only functions can be called: " + supported
	case t.text == "[":
		msg = "a subscript is not supported"
	case t.text == ".":
		msg = "an attribute is not supported, other than math's"
	}
	if msg != "" {
		c.fail(t.pos, msg)
	}
	return x
}

// atom reads a number, a name, a call or a parenthesized expression.
func (c *compiler) atom() *node {
	t := c.next()
	msg := c.unexpected(t)
	switch {
	case t.kind == tkName:
		return c.name(t)
	case t.kind == tkNum:
		v := number(t)
		if v.Kind == Int || v.Kind == Float {
			return &node{kind: ndNum, num: Num{Kind: v.Kind, Int: v.Int, Float: v.Float}, pos: t.pos}
		}
		msg = "the number " + strs.Quote(t.text) + " is not supported: " + v.Why
	case t.kind == tkStr:
		msg = "a string is not supported: a lambda here computes numbers"
	case t.kind != tkOp:
	case t.text == "(" && !c.isOp(")"):
		x := c.expression()
		c.closeParen()
		return x
	case t.text == "(":
		msg = "a tuple is not supported"
	case t.text == "[":
		msg = "a list is not supported"
	case t.text == "{":
		msg = "a dict or set is not supported"
	}
	c.fail(t.pos, msg)
	return &node{}
}

// closeParen reads the ")" after an expression, saying what it is if not.
func (c *compiler) closeParen() {
	t := c.peek()
	switch t.text {
	case ",":
		c.fail(t.pos, "a tuple is not supported")
	case "for", "async":
		c.fail(t.pos, "a comprehension is not supported")
	case ":=":
		c.fail(t.pos, "the operator \":=\" is not supported")
	}
	c.expect(")")
}

// name reads a dotted name at t: the argument, a constant, a call, or one
// of math's constants.
func (c *compiler) name(t token) *node {
	name := t.text
	for c.isOp(".") && c.toks[c.i+1].kind == tkName {
		c.next()
		name += "." + c.next().text
	}
	head, _, dotted := strings.Cut(name, ".")
	_, headConst := c.consts[head]
	v, isConst := c.consts[name]
	f := lookup(name)
	n := &node{kind: ndNum, pos: t.pos}
	q := strs.Quote(name)
	msg := q + " is not defined: " + supported
	switch {
	case name == "True" || name == "False":
		n.num = boolean(name == "True")
		return n
	case name == "lambda":
		msg = "a lambda inside the lambda is not supported"
	case name == "None":
		msg = q + " is not a number"
	case keyword(name):
		msg = "unexpected " + q
	case name == c.param:
		n.kind = ndArg
		return n
	case dotted && (head == c.param || headConst):
		msg = q + ": an attribute of a number is not supported"
	case isConst && (v.Kind == Int || v.Kind == Float || v.Kind == Bool):
		n.num = Num{Kind: v.Kind, Int: v.int(), Float: v.Float}
		return n
	case isConst:
		msg = q + " is not a number"
	case f != nil:
		return c.call(t, f)
	case name == "math.pi" || name == "math.e" || name == "math.tau":
		n.num = flt(math.Pi)
		if name == "math.e" {
			n.num = flt(math.E)
		} else if name == "math.tau" {
			n.num = flt(2 * math.Pi)
		}
		return n
	case name == "math":
		msg = q + " is a module, not a number"
	case dotted:
		msg = q + " is not supported: " + supported
	}
	c.fail(t.pos, msg)
	return n
}

// call reads the arguments of a call of f, named at t.
func (c *compiler) call(t token, f *function) *node {
	if !c.isOp("(") {
		c.fail(t.pos, strs.Quote(f.name)+" is a function, not a number")
		return &node{}
	}
	c.next()
	n := &node{kind: ndCall, fn: f, pos: t.pos}
	for c.err == nil && !c.isOp(")") {
		a := c.peek()
		switch {
		case c.isOp("*") || c.isOp("**"):
			c.fail(a.pos, "a starred argument is not supported")
		case a.kind == tkName && c.toks[c.i+1].text == "=":
			c.fail(a.pos, "a keyword argument is not supported")
		}
		n.kids = append(n.kids, c.expression())
		if t := c.peek(); t.text == "for" || t.text == "async" {
			c.fail(t.pos, "a comprehension is not supported")
		}
		if !c.isOp(",") {
			break
		}
		c.next()
	}
	c.expect(")")
	if k := len(n.kids); c.err == nil && (k < f.min || f.max >= 0 && k > f.max) {
		c.fail(t.pos, argsMsg(f, k))
	}
	return c.mk(n)
}
