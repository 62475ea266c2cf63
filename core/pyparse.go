package core

import (
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core/internal/xmath"
	"github.com/lrplay/lrplay/internal/strs"
)

// A reader for the little Python that ImportCode needs: the statements of a
// pasted snippet (imports, constant assignments, an optimizer, one
// scheduler call), with literal values and the arithmetic between them
// folded as Python would. Nothing is executed: a name is known only if the
// snippet assigns it a constant, and anything else is kept as source text
// so that a message can quote it.

// pyKind is what a value is.
type pyKind int

const (
	pyOther pyKind = iota // anything not read: a call's result, a list, a lambda, an unknown name...
	pyInt
	pyFloat
	pyStr
	pyBool
	pyNone
	pyName // a dotted name not assigned in the snippet: optimizer, args.lr
	pyCall
	pyDict // a dict of string keys: {"num_cycles": 3}
)

// pyVal is a value of the snippet: a constant, or what an expression is.
type pyVal struct {
	kind pyKind
	i    int64
	f    float64
	s    string // the string's value, or a name's dotted text
	b    bool
	call *pyCallExpr
	keys []string // pyDict
	vals []*pyVal
	text string // the source text, for messages
	pos  int
	why  string // for pyOther: what it is, when that helps a message
	// unknown is the first name in the expression that the snippet does
	// not assign, and call whether it calls something: what a message about
	// a value computed from them should name.
	unknown string
	call0   bool
}

// pyCallExpr is a call: its callee's dotted name and its arguments.
type pyCallExpr struct {
	callee string
	args   []pyArg
}

// pyArg is one argument: positional (name ""), keyword, or *x / **x (star 1 or 2).
type pyArg struct {
	name string
	star int
	val  *pyVal
	pos  int
}

// pyStmt is one statement: an optional assignment target and its value.
type pyStmt struct {
	target string // "scheduler", "self.opt", or "" for an expression
	val    *pyVal
	pos    int
	err    error // why the statement could not be read
	names  []string
}

// Token kinds.
const (
	tkName = iota
	tkNum
	tkStr
	tkOp
	tkEnd // the end of a logical line, or of the input
)

type pyTok struct {
	kind  int
	text  string // the token as written
	str   string // a string literal's value
	strOK bool   // the string is a plain literal (not an f-string or bytes)
	pos   int
}

// pyMaxDepth bounds how deeply brackets and expressions nest.
const pyMaxDepth = 100

// pyLex splits src into tokens, with tkEnd at the end of each logical line.
func pyLex(src string) ([]pyTok, error) {
	var toks []pyTok
	var open []int // where each open bracket is
	i := 0
	end := func(pos int) {
		if len(toks) > 0 && toks[len(toks)-1].kind != tkEnd {
			toks = append(toks, pyTok{kind: tkEnd, pos: pos})
		}
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\r':
			i++
			continue
		case c == '\n':
			if len(open) == 0 {
				end(i)
			}
			i++
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '\\':
			j := i + 1
			if j < len(src) && src[j] == '\r' {
				j++
			}
			if j < len(src) && src[j] == '\n' {
				i = j + 1 // a line continued
				continue
			}
			return nil, pySyntax(src, i, "unexpected backslash")
		}
		start := i
		switch {
		case c == '"' || c == '\'':
			t, n, err := pyString(src, i, "")
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = n
		case pyIdentStart(c):
			for i < len(src) && pyIdentPart(src[i]) {
				i++
			}
			word := src[start:i]
			if i < len(src) && (src[i] == '"' || src[i] == '\'') && pyStringPrefix(word) {
				t, n, err := pyString(src, i, strings.ToLower(word))
				if err != nil {
					return nil, err
				}
				t.pos, t.text = start, src[start:n]
				toks = append(toks, t)
				i = n
				continue
			}
			toks = append(toks, pyTok{kind: tkName, text: word, pos: start})
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			for i < len(src) {
				d := src[i]
				if pyIdentPart(d) || d == '.' {
					i++
					continue
				}
				// An exponent's sign: 1e-6, but not 0x1e-6.
				if (d == '+' || d == '-') && (src[i-1] == 'e' || src[i-1] == 'E') && !pyHex(src[start:i]) {
					i++
					continue
				}
				break
			}
			toks = append(toks, pyTok{kind: tkNum, text: src[start:i], pos: start})
		default:
			op := pyOperator(src[i:])
			if op == "" {
				return nil, pySyntax(src, i, "unexpected character "+strconv.QuoteRune(rune(c)))
			}
			switch op {
			case "(", "[", "{":
				if open = append(open, i); len(open) > pyMaxDepth {
					return nil, pySyntax(src, i, "brackets nested too deeply")
				}
			case ")", "]", "}":
				if len(open) == 0 {
					return nil, pySyntax(src, i, "unmatched "+quote(op))
				}
				open = open[:len(open)-1]
			case ";":
				if len(open) == 0 {
					end(i)
					i++
					continue
				}
			}
			toks = append(toks, pyTok{kind: tkOp, text: op, pos: start})
			i += len(op)
		}
	}
	if len(open) > 0 {
		at := open[len(open)-1]
		return nil, pySyntax(src, at, "this "+quote(src[at:at+1])+" is never closed")
	}
	end(len(src))
	return append(toks, pyTok{kind: tkEnd, pos: len(src)}), nil
}

func pyIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func pyIdentPart(c byte) bool { return pyIdentStart(c) || c >= '0' && c <= '9' }

func pyHex(s string) bool {
	return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

func pyStringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "u", "b", "f", "br", "rb", "fr", "rf":
		return true
	}
	return false
}

// pyOperators, longest first.
var pyOperators = [...]string{
	"**=", "//=", ">>=", "<<=", "...",
	"**", "//", "==", "!=", "<=", ">=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>",
	"(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=", "+", "-", "*", "/", "%", "@", "<", ">", "~", "&", "|", "^", "!",
}

func pyOperator(s string) string {
	for _, op := range pyOperators {
		if strings.HasPrefix(s, op) {
			return op
		}
	}
	return ""
}

// pyString reads the string literal at src[i] (a quote), with the given
// lowercase prefix, and returns it and the offset after it.
func pyString(src string, i int, prefix string) (pyTok, int, error) {
	q := src[i]
	q3 := `"""` // not strings.Repeat, which costs the wasm 4 KB
	if q == '\'' {
		q3 = "'''"
	}
	triple := strings.HasPrefix(src[i:], q3)
	open := 1
	if triple {
		open = 3
	}
	raw := strings.Contains(prefix, "r")
	var b []byte // not a strings.Builder, whose inlined methods cost the wasm more
	j := i + open
	for {
		if j >= len(src) {
			return pyTok{}, 0, pySyntax(src, i, "a string is not closed")
		}
		c := src[j]
		if c == q && (!triple || strings.HasPrefix(src[j:], q3)) {
			j += open
			break
		}
		if c == '\n' && !triple {
			return pyTok{}, 0, pySyntax(src, i, "a string is not closed on its line")
		}
		if c == '\\' && j+1 < len(src) {
			if raw {
				b = append(b, c)
				b = append(b, src[j+1])
				j += 2
				continue
			}
			e := src[j+1]
			switch e {
			case 'n':
				b = append(b, '\n')
			case 't':
				b = append(b, '\t')
			case 'r':
				b = append(b, '\r')
			case '\\', '\'', '"':
				b = append(b, e)
			case '\n':
			default:
				b = append(b, '\\')
				b = append(b, e)
			}
			j += 2
			continue
		}
		b = append(b, c)
		j++
	}
	ok := !strings.ContainsAny(prefix, "bf")
	return pyTok{kind: tkStr, text: src[i:j], str: string(b), strOK: ok, pos: i}, j, nil
}

// pySyntax is an error at byte offset pos of src, located by line and column.
func pySyntax(src string, pos int, msg string) *Error {
	return errorf("", pyWhere(src, pos)+msg)
}

// pyWhere writes "line L, column C: " for offset pos (columns count bytes from 1).
func pyWhere(src string, pos int) string {
	pos = min(pos, len(src))
	line := 1 + strings.Count(src[:pos], "\n")
	col := pos - strings.LastIndexByte(src[:pos], '\n')
	return "line " + itoa(int64(line)) + ", column " + itoa(int64(col)) + ": "
}

// pyParser reads the statements of a token list.
type pyParser struct {
	src   string
	toks  []pyTok
	i     int
	err   error
	depth int
	env   map[string]*pyVal // the constants assigned so far
}

// The parser's primitives are not inlined: ImportCode runs once per paste,
// and inlined at their hundred call sites they would cost the wasm several
// KB.
//
//go:noinline
func (p *pyParser) peek() pyTok { return p.toks[p.i] }

//go:noinline
func (p *pyParser) next() pyTok {
	t := p.toks[p.i]
	if t.kind != tkEnd {
		p.i++
	}
	return t
}

//go:noinline
func (p *pyParser) isOp(op string) bool { t := p.peek(); return t.kind == tkOp && t.text == op }

//go:noinline
func (p *pyParser) fail(pos int, msg string) {
	if p.err == nil {
		p.err = pySyntax(p.src, pos, msg)
	}
}

func (p *pyParser) expect(op string) {
	if p.isOp(op) {
		p.next()
		return
	}
	t := p.peek()
	p.fail(t.pos, "expected "+quote(op)+", found "+p.describe(t))
}

func (p *pyParser) describe(t pyTok) string {
	if t.kind == tkEnd {
		return "the end of the line"
	}
	return quote(strs.Shorten(t.text))
}

// unexpected says that t cannot come where it is.
func (p *pyParser) unexpected(t pyTok) string {
	if t.kind == tkEnd {
		return "the line ends before the expression does"
	}
	return "unexpected " + quote(strs.Shorten(t.text))
}

// statements reads every statement of the input.
func (p *pyParser) statements() []pyStmt {
	var out []pyStmt
	for p.i < len(p.toks)-1 {
		start := p.i
		st := p.statement()
		if p.err != nil {
			st.err = p.err
			p.err = nil
		}
		// Whatever the statement left unread: skip to the end of its line.
		for p.peek().kind != tkEnd {
			p.next()
		}
		for _, t := range p.toks[start:p.i] {
			if t.kind == tkName {
				st.names = append(st.names, t.text)
			}
		}
		p.i++ // past the line's end (the input's last token, a second end, stops the loop)
		out = append(out, st)
	}
	return out
}

// pyKeyword reports whether w is a Python keyword that starts or joins
// something other than a value.
func pyKeyword(w string) bool {
	switch w {
	case "lambda", "if", "else", "for", "in", "not", "and", "or", "is", "yield", "await", "def", "class",
		"return", "with", "while", "try", "except", "import", "from", "as", "del", "pass", "global",
		"nonlocal", "assert", "raise", "async":
		return true
	}
	return false
}

func (p *pyParser) statement() pyStmt {
	t := p.peek()
	st := pyStmt{pos: t.pos}
	if t.kind == tkName && (t.text == "import" || t.text == "from") {
		st.target = "import"
		return st
	}
	// An assignment: name(.name)* [: annotation] = value.
	if t.kind == tkName && !pyKeyword(t.text) {
		j := p.i + 1
		for j+1 < len(p.toks) && p.toks[j].kind == tkOp && p.toks[j].text == "." && p.toks[j+1].kind == tkName {
			j += 2
		}
		if tj := p.toks[j]; tj.kind == tkOp && (tj.text == "=" || tj.text == ":") {
			target := p.src[t.pos : p.toks[j-1].pos+len(p.toks[j-1].text)]
			p.i = j
			if tj.text == ":" { // an annotation: skip to its "="
				for p.peek().kind != tkEnd && !p.isOp("=") {
					p.next()
				}
			}
			if p.isOp("=") {
				p.next()
				st.target = target
				st.val = p.expr()
				p.end()
				if p.err == nil && st.val.kind != pyOther && st.val.kind != pyCall && st.val.kind != pyName {
					p.env[target] = st.val
				}
				return st
			}
			p.fail(p.peek().pos, "expected \"=\"")
			return st
		}
	}
	st.val = p.expr()
	p.end()
	return st
}

// end checks that the statement ends here.
func (p *pyParser) end() {
	if t := p.peek(); t.kind != tkEnd {
		p.fail(t.pos, p.unexpected(t)+" after the expression")
	}
}

// expr reads an expression and folds its constants.
func (p *pyParser) expr() *pyVal {
	if p.depth++; p.depth > pyMaxDepth {
		p.fail(p.peek().pos, "the expression is nested too deeply")
	}
	defer func() { p.depth-- }()
	start := p.peek().pos
	v := p.term()
	for p.err == nil && (p.isOp("+") || p.isOp("-")) {
		op := p.next().text
		v = pyBinary(op, v, p.term(), p.text(start))
	}
	if t := p.peek(); p.err == nil && t.kind == tkName && (t.text == "if" || t.text == "for" || t.text == "and" || t.text == "or") {
		p.fail(t.pos, "a conditional or comprehension: write the value itself")
	}
	if p.err == nil && (p.isOp("==") || p.isOp("<") || p.isOp(">") || p.isOp("!=") || p.isOp("<=") || p.isOp(">=")) {
		p.fail(p.peek().pos, "a comparison: write the value itself")
	}
	return v
}

// text is the source from offset start to the last token read.
func (p *pyParser) text(start int) string {
	if p.i == 0 {
		return ""
	}
	last := p.toks[p.i-1]
	if last.pos+len(last.text) < start {
		return ""
	}
	return strings.TrimSpace(p.src[start : last.pos+len(last.text)])
}

func (p *pyParser) term() *pyVal {
	start := p.peek().pos
	v := p.unary()
	for p.err == nil && (p.isOp("*") || p.isOp("/") || p.isOp("//") || p.isOp("%") || p.isOp("@")) {
		op := p.next().text
		v = pyBinary(op, v, p.unary(), p.text(start))
	}
	return v
}

func (p *pyParser) unary() *pyVal {
	if p.isOp("-") || p.isOp("+") || p.isOp("~") {
		if p.depth++; p.depth > pyMaxDepth {
			p.fail(p.peek().pos, "the expression is nested too deeply")
			return &pyVal{}
		}
		defer func() { p.depth-- }()
		start := p.peek().pos
		op := p.next().text
		x := p.unary()
		return pyUnary(op, x, p.text(start))
	}
	return p.power()
}

func (p *pyParser) power() *pyVal {
	start := p.peek().pos
	v := p.primary()
	if p.err == nil && p.isOp("**") {
		p.next()
		v = pyBinary("**", v, p.unary(), p.text(start))
	}
	return v
}

// primary reads an atom and its trailers: .name, (args), [index].
func (p *pyParser) primary() *pyVal {
	start := p.peek().pos
	v := p.atom()
	for p.err == nil {
		switch {
		case p.isOp("."):
			p.next()
			t := p.next()
			if t.kind != tkName {
				p.fail(t.pos, "expected a name after \".\"")
				return v
			}
			if v.kind == pyName {
				v = &pyVal{kind: pyName, s: v.s + "." + t.text, pos: start}
			} else {
				v = &pyVal{kind: pyOther, why: "an attribute", pos: start}
			}
			v.text = p.text(start)
			p.resolve(v)
		case p.isOp("("):
			p.next()
			call := &pyCallExpr{callee: v.s}
			if v.kind != pyName {
				call.callee = ""
			}
			call.args = p.args()
			p.expect(")")
			v = &pyVal{kind: pyCall, call: call, pos: start, text: p.text(start)}
		case p.isOp("["):
			p.next()
			p.skipUntil("]")
			p.expect("]")
			v = &pyVal{kind: pyOther, why: "an index", pos: start, text: p.text(start)}
		default:
			return v
		}
	}
	return v
}

// resolve replaces a name the snippet assigned a constant with the constant.
func (p *pyParser) resolve(v *pyVal) {
	if c, ok := p.env[v.s]; ok && v.kind == pyName {
		text, pos := v.text, v.pos
		*v = *c
		v.text, v.pos = text, pos
	}
}

func (p *pyParser) atom() *pyVal {
	t := p.next()
	v := &pyVal{pos: t.pos, text: t.text}
	switch t.kind {
	case tkNum:
		return pyNumber(t)
	case tkStr:
		v.kind, v.s = pyStr, t.str
		if !t.strOK {
			v.kind, v.why = pyOther, "an f-string or bytes"
		}
		// Adjacent literals concatenate: "a" "b".
		for p.peek().kind == tkStr {
			u := p.next()
			v.s += u.str
			if !u.strOK {
				v.kind, v.why = pyOther, "an f-string or bytes"
			}
		}
		v.text = p.text(t.pos)
		return v
	case tkName:
		switch t.text {
		case "True", "False":
			v.kind, v.b = pyBool, t.text == "True"
			return v
		case "None":
			v.kind = pyNone
			return v
		}
		if pyKeyword(t.text) {
			p.fail(t.pos, quote(t.text)+": only a call with literal arguments is read")
			return v
		}
		v.kind, v.s = pyName, t.text
		p.resolve(v)
		return v
	case tkOp:
		switch t.text {
		case "(":
			if p.isOp(")") {
				p.next()
				v.kind, v.why, v.text = pyOther, "a tuple", "()"
				return v
			}
			inner := p.expr()
			if p.isOp(",") {
				p.skipUntil(")")
				inner = &pyVal{kind: pyOther, why: "a tuple"}
			}
			p.expect(")")
			inner.pos, inner.text = t.pos, p.text(t.pos)
			return inner
		case "[":
			p.skipUntil("]")
			p.expect("]")
			v.kind, v.why, v.text = pyOther, "a list", p.text(t.pos)
			return v
		case "{":
			return p.dict(t)
		}
	}
	p.fail(t.pos, p.unexpected(t))
	return v
}

// dict reads {"key": value, ...}; other braces are kept as source.
func (p *pyParser) dict(open pyTok) *pyVal {
	v := &pyVal{kind: pyDict, pos: open.pos}
	for p.err == nil && !p.isOp("}") {
		k := p.peek()
		if k.kind != tkStr || !k.strOK {
			p.skipUntil("}")
			v = &pyVal{kind: pyOther, why: "a dict or set", pos: open.pos}
			break
		}
		key := p.expr()
		if !p.isOp(":") {
			p.skipUntil("}")
			v = &pyVal{kind: pyOther, why: "a set", pos: open.pos}
			break
		}
		p.next()
		v.keys = append(v.keys, key.s)
		v.vals = append(v.vals, p.expr())
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	p.expect("}")
	v.text = p.text(open.pos)
	return v
}

// skipUntil skips to the closing op of the current bracket level.
func (p *pyParser) skipUntil(close string) {
	depth := 0
	for {
		t := p.peek()
		if t.kind == tkEnd {
			return
		}
		if t.kind == tkOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					if t.text != close {
						p.fail(t.pos, "unexpected "+quote(t.text))
					}
					return
				}
				depth--
			}
		}
		p.next()
	}
}

// args reads a call's arguments up to its ")". An argument that is not an
// expression this reader knows (a lambda, a comprehension) is kept as
// source text: it matters only if its value is needed.
func (p *pyParser) args() []pyArg {
	var out []pyArg
	for p.err == nil && !p.isOp(")") {
		t := p.peek()
		a := pyArg{pos: t.pos}
		switch {
		case p.isOp("*"), p.isOp("**"):
			a.star = len(p.next().text)
		case t.kind == tkName && p.toks[p.i+1].kind == tkOp && p.toks[p.i+1].text == "=":
			a.name = t.text
			p.next()
			p.next()
		}
		start := p.i
		a.val = p.expr()
		if p.err != nil && !pyTooDeep(p.err) {
			// Not an expression we read: skip it, keep its text.
			p.err = nil
			p.i = start
			depth := 0
			for t := p.peek(); t.kind != tkEnd; t = p.peek() {
				if t.kind == tkOp {
					if t.text == "(" || t.text == "[" || t.text == "{" {
						depth++
					} else if (t.text == ")" || t.text == "]" || t.text == "}") && depth > 0 {
						depth--
					} else if depth == 0 && (t.text == "," || t.text == ")") {
						break
					}
				}
				p.next()
			}
			pos := p.toks[start].pos
			a.val = &pyVal{kind: pyOther, why: "an expression LR Playground does not read", pos: pos, text: p.text(pos)}
		}
		out = append(out, a)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return out
}

// pyTooDeep reports an error that bounds the work, which an argument must
// not recover from.
func pyTooDeep(err error) bool {
	e, ok := err.(*Error)
	return ok && strings.Contains(e.Msg, "nested too deeply")
}

// pyNumber reads a Python int or float literal.
func pyNumber(t pyTok) *pyVal {
	v := &pyVal{pos: t.pos, text: t.text, kind: pyOther, why: "not a number Python reads"}
	s := t.text
	if strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_") || strings.Contains(s, "__") {
		return v
	}
	clean := withoutUnderscores(s)
	lower := strings.ToLower(clean)
	if strings.HasSuffix(lower, "j") {
		v.why = "a complex number"
		return v
	}
	if len(lower) > 1 && lower[0] == '0' && (lower[1] == 'x' || lower[1] == 'o' || lower[1] == 'b') {
		base := 16
		switch lower[1] {
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		i, err := strconv.ParseInt(lower[2:], base, 64)
		if err != nil {
			v.why = "too large, or not a number"
			return v
		}
		v.kind, v.i = pyInt, i
		return v
	}
	if strings.ContainsAny(lower, ".e") {
		if !pyDecimalFloat(lower) {
			return v
		}
		f, err := strconv.ParseFloat(lower, 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return v
		}
		v.kind, v.f = pyFloat, f // Python reads 1e999 as inf: the spec's range check reports it
		return v
	}
	for _, c := range lower {
		if c < '0' || c > '9' {
			return v
		}
	}
	if len(lower) > 1 && strings.Trim(lower, "0") != "" && lower[0] == '0' {
		v.why = "a leading zero, which Python 3 rejects"
		return v
	}
	i, err := strconv.ParseInt(lower, 10, 64)
	if err != nil {
		v.why = "too large"
		return v
	}
	v.kind, v.i = pyInt, i
	return v
}

// pyDecimalFloat reports whether s (lower case, no underscores) is a Python
// float literal: digits with an optional point (1., .5, 1.5) and an
// optional exponent, which is a parameter's decimal text without the sign.
func pyDecimalFloat(s string) bool {
	return s != "" && s[0] != '+' && s[0] != '-' && isDecimal(s)
}

func pyNumeric(v *pyVal) bool { return v.kind == pyInt || v.kind == pyFloat || v.kind == pyBool }

func (v *pyVal) float() float64 {
	switch v.kind {
	case pyInt:
		return float64(v.i)
	case pyBool:
		if v.b {
			return 1
		}
		return 0
	}
	return v.f
}

func (v *pyVal) int() int64 {
	if v.kind == pyBool {
		if v.b {
			return 1
		}
		return 0
	}
	return v.i
}

// pyUnary folds -x, +x and ~x.
func pyUnary(op string, x *pyVal, text string) *pyVal {
	out := &pyVal{pos: x.pos, text: text}
	out.unknown, out.call0 = pyUnknown(x, x)
	switch {
	case !pyNumeric(x):
		out.kind, out.why = pyOther, x.why
	case x.kind == pyFloat:
		if op == "~" {
			out.kind, out.why = pyOther, "~ of a float"
			return out
		}
		out.kind, out.f = pyFloat, x.f
		if op == "-" {
			out.f = -x.f
		}
	default:
		i := x.int()
		out.kind = pyInt
		switch op {
		case "-":
			if i == math.MinInt64 {
				out.kind, out.why = pyOther, "too large"
				return out
			}
			out.i = -i
		case "+":
			out.i = i
		case "~":
			out.i = ^i
		}
	}
	return out
}

// pyBinary folds x op y as Python does for ints and floats: int results
// while both are ints (except /), floats otherwise.
func pyBinary(op string, x, y *pyVal, text string) *pyVal {
	out := &pyVal{pos: x.pos, text: text, kind: pyOther}
	out.unknown, out.call0 = pyUnknown(x, y)
	if x.kind == pyStr && y.kind == pyStr && op == "+" {
		out.kind, out.s = pyStr, x.s+y.s
		return out
	}
	if !pyNumeric(x) || !pyNumeric(y) {
		out.why = "a computation LR Playground does not run"
		if x.kind == pyOther && x.why != "" && !pyNumeric(x) {
			out.why = x.why
		}
		return out
	}
	if x.kind != pyFloat && y.kind != pyFloat && op != "/" {
		a, b := x.int(), y.int()
		var r int64
		ok := true
		switch op {
		case "+":
			r = a + b
			ok = (r > a) == (b > 0)
		case "-":
			r = a - b
			ok = (r < a) == (b > 0)
		case "*":
			hi, lo := bits.Mul64(uint64(pyAbs(a)), uint64(pyAbs(b)))
			ok = hi == 0 && lo <= math.MaxInt64 && a != math.MinInt64 && b != math.MinInt64
			r = a * b
		case "//", "%":
			if b == 0 {
				out.why = "a division by zero"
				return out
			}
			q, m := a/b, a%b
			if m != 0 && (m < 0) != (b < 0) {
				q, m = q-1, m+b
			}
			r = q
			if op == "%" {
				r = m
			}
		case "**":
			if b < 0 {
				return pyFloatOp(op, float64(a), float64(b), out)
			}
			switch {
			case a == 0 || a == 1:
				r = a
				if b == 0 {
					r = 1
				}
			case a == -1:
				r = 1 - 2*(b&1)
			default: // |a| ≥ 2 overflows within 63 multiplications
				r = 1
				for k := int64(0); k < b && ok; k++ {
					hi, lo := bits.Mul64(uint64(pyAbs(r)), uint64(pyAbs(a)))
					ok = hi == 0 && lo <= math.MaxInt64
					r *= a
				}
			}
		default:
			out.why = "the operator " + op
			return out
		}
		if !ok {
			out.why = "a number too large"
			return out
		}
		out.kind, out.i = pyInt, r
		return out
	}
	return pyFloatOp(op, x.float(), y.float(), out)
}

// pyUnknown is what an expression of x and y inherits: the first unknown
// name, and whether either calls something.
func pyUnknown(x, y *pyVal) (string, bool) {
	name := x.unknown
	if x.kind == pyName {
		name = x.s
	}
	if name == "" {
		name = y.unknown
		if y.kind == pyName {
			name = y.s
		}
	}
	return name, x.call0 || y.call0 || x.kind == pyCall || y.kind == pyCall
}

func pyAbs(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

func pyFloatOp(op string, a, b float64, out *pyVal) *pyVal {
	var r float64
	switch op {
	case "+":
		r = a + b
	case "-":
		r = a - b
	case "*":
		r = a * b
	case "/", "//", "%":
		if b == 0 {
			out.why = "a division by zero"
			return out
		}
		switch op {
		case "/":
			r = a / b
		case "//":
			r = math.Floor(a / b)
		default:
			r = math.Mod(a, b)
			if r != 0 && (r < 0) != (b < 0) {
				r += b
			}
		}
	case "**":
		if a < 0 && b != math.Trunc(b) {
			out.why = "a complex number"
			return out
		}
		if a == 0 && b < 0 {
			out.why = "a division by zero"
			return out
		}
		r = xmath.Pow(a, b)
	default:
		out.why = "the operator " + op
		return out
	}
	if math.IsInf(r, 0) || math.IsNaN(r) {
		out.why = "a number too large"
		return out
	}
	out.kind, out.f = pyFloat, r
	return out
}

// withoutUnderscores is strings.ReplaceAll(s, "_", ""), which costs the
// wasm 5 KB.
func withoutUnderscores(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '_' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
