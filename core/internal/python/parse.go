package python

import (
	"math"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/internal/strs"
)

// Stmt is one statement: an optional assignment target and its value.
type Stmt struct {
	// Target is what the statement assigns ("scheduler", "self.opt"), ""
	// for an expression, or "import" for an import or from-import line,
	// which is not read further.
	Target string
	Val    *Value   // nil for an import, or when Err is set before a value is read
	Pos    int      // the byte offset of its first token
	Err    error    // why the statement could not be read: an *Error
	Names  []string // the names among its tokens, read or not
}

// CallExpr is a call: its callee's dotted name ("" when the callee is not
// a name) and its arguments.
type CallExpr struct {
	Callee string
	Args   []Arg
}

// Arg is one argument: positional (Name ""), keyword, or *x / **x (Star 1
// or 2), at byte offset Pos.
type Arg struct {
	Name string
	Star int
	Val  *Value
	Pos  int
}

// Parse reads the statements of src, a pasted snippet, folding constants
// and substituting the constants earlier statements assign. A statement it
// cannot read has its Err set, and those after it are still read. Parse
// fails only for src that cannot be split into tokens (a string or bracket
// never closed, a character Python has no use for). Errors are *Error.
func Parse(src string) ([]Stmt, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, env: map[string]*Value{}}
	return p.statements(), nil
}

// parser reads the statements of a token list.
type parser struct {
	src   string
	toks  []token
	i     int
	err   error
	depth int
	env   map[string]*Value // the constants assigned so far
}

// The parser's primitives are not inlined: Parse runs once per paste,
// and inlined at their hundred call sites they would cost the wasm several
// KB.
//
//go:noinline
func (p *parser) peek() token { return p.toks[p.i] }

//go:noinline
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tkEnd {
		p.i++
	}
	return t
}

//go:noinline
func (p *parser) isOp(op string) bool { t := p.peek(); return t.kind == tkOp && t.text == op }

//go:noinline
func (p *parser) fail(pos int, msg string) {
	if p.err == nil {
		p.err = syntaxError(p.src, pos, msg)
	}
}

// expect reads op, or fails.
func (p *parser) expect(op string) {
	if p.isOp(op) {
		p.next()
		return
	}
	t := p.peek()
	p.fail(t.pos, "expected "+strs.Quote(op)+", found "+p.describe(t))
}

// describe names t for a message.
func (p *parser) describe(t token) string {
	if t.kind == tkEnd {
		return "the end of the line"
	}
	return strs.Quote(strs.Shorten(t.text))
}

// unexpected says that t cannot come where it is.
func (p *parser) unexpected(t token) string {
	if t.kind == tkEnd {
		return "the line ends before the expression does"
	}
	return "unexpected " + strs.Quote(strs.Shorten(t.text))
}

// statements reads every statement of the input.
func (p *parser) statements() []Stmt {
	var out []Stmt
	for p.i < len(p.toks)-1 {
		start := p.i
		st := p.statement()
		if p.err != nil {
			st.Err = p.err
			p.err = nil
		}
		// Whatever the statement left unread: skip to the end of its line.
		for p.peek().kind != tkEnd {
			p.next()
		}
		for _, t := range p.toks[start:p.i] {
			if t.kind == tkName {
				st.Names = append(st.Names, t.text)
			}
		}
		p.i++ // past the line's end (the input's last token, a second end, stops the loop)
		out = append(out, st)
	}
	return out
}

// keyword reports whether w is a Python keyword that starts or joins
// something other than a value.
func keyword(w string) bool {
	switch w {
	case "lambda", "if", "else", "for", "in", "not", "and", "or", "is", "yield", "await", "def", "class",
		"return", "with", "while", "try", "except", "import", "from", "as", "del", "pass", "global",
		"nonlocal", "assert", "raise", "async":
		return true
	}
	return false
}

// statement reads an import, an assignment or an expression.
func (p *parser) statement() Stmt {
	t := p.peek()
	st := Stmt{Pos: t.pos}
	if t.kind == tkName && (t.text == "import" || t.text == "from") {
		st.Target = "import"
		return st
	}
	// An assignment: name(.name)* [: annotation] = value.
	if t.kind == tkName && !keyword(t.text) {
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
				st.Target = target
				st.Val = p.expr()
				p.end()
				if p.err == nil && st.Val.Kind != Other && st.Val.Kind != Call && st.Val.Kind != Name {
					p.env[target] = st.Val
				}
				return st
			}
			p.fail(p.peek().pos, "expected \"=\"")
			return st
		}
	}
	st.Val = p.expr()
	p.end()
	return st
}

// end checks that the statement ends here.
func (p *parser) end() {
	if t := p.peek(); t.kind != tkEnd {
		p.fail(t.pos, p.unexpected(t)+" after the expression")
	}
}

// expr reads an expression and folds its constants. The levels of
// Python's grammar below arithmetic (conditional expressions, or, and, not,
// comparisons) are not read: where one starts, the expression is an error
// that says to write the value itself.
func (p *parser) expr() *Value {
	if p.depth++; p.depth > maxDepth {
		p.fail(p.peek().pos, tooDeepMsg)
	}
	defer func() { p.depth-- }()
	v := p.sum()
	if t := p.peek(); p.err == nil && t.kind == tkName && (t.text == "if" || t.text == "for" || t.text == "and" || t.text == "or") {
		p.fail(t.pos, "a conditional or comprehension: write the value itself")
	}
	if p.err == nil && (p.isOp("==") || p.isOp("<") || p.isOp(">") || p.isOp("!=") || p.isOp("<=") || p.isOp(">=")) {
		p.fail(p.peek().pos, "a comparison: write the value itself")
	}
	return v
}

// sum reads terms joined by + and -.
func (p *parser) sum() *Value {
	start := p.peek().pos
	v := p.term()
	for p.err == nil && (p.isOp("+") || p.isOp("-")) {
		op := p.next().text
		v = foldBinary(op, v, p.term(), p.text(start))
	}
	return v
}

// text is the source from offset start to the last token read.
func (p *parser) text(start int) string {
	if p.i == 0 {
		return ""
	}
	last := p.toks[p.i-1]
	if last.pos+len(last.text) < start {
		return ""
	}
	return strings.TrimSpace(p.src[start : last.pos+len(last.text)])
}

// term reads factors joined by *, /, //, % and @.
func (p *parser) term() *Value {
	start := p.peek().pos
	v := p.unary()
	for p.err == nil && (p.isOp("*") || p.isOp("/") || p.isOp("//") || p.isOp("%") || p.isOp("@")) {
		op := p.next().text
		v = foldBinary(op, v, p.unary(), p.text(start))
	}
	return v
}

// unary reads -x, +x and ~x, which bind less tightly than ** on their
// right: -2 ** 2 is -(2 ** 2).
func (p *parser) unary() *Value {
	if p.isOp("-") || p.isOp("+") || p.isOp("~") {
		if p.depth++; p.depth > maxDepth {
			p.fail(p.peek().pos, tooDeepMsg)
			return &Value{}
		}
		defer func() { p.depth-- }()
		start := p.peek().pos
		op := p.next().text
		x := p.unary()
		return foldUnary(op, x, p.text(start))
	}
	return p.power()
}

// power reads x ** y, whose right side may be signed: 2 ** -1.
func (p *parser) power() *Value {
	start := p.peek().pos
	v := p.primary()
	if p.err == nil && p.isOp("**") {
		p.next()
		v = foldBinary("**", v, p.unary(), p.text(start))
	}
	return v
}

// primary reads an atom and its trailers: .name, (args), [index].
func (p *parser) primary() *Value {
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
			if v.Kind == Name {
				v = &Value{Kind: Name, Name: v.Name + "." + t.text, Pos: start}
			} else {
				v = &Value{Kind: Other, Why: "an attribute", Pos: start}
			}
			v.Text = p.text(start)
			p.resolve(v)
		case p.isOp("("):
			p.next()
			call := &CallExpr{Callee: v.Name}
			if v.Kind != Name {
				call.Callee = ""
			}
			call.Args = p.args()
			p.expect(")")
			v = &Value{Kind: Call, Call: call, Pos: start, Text: p.text(start)}
		case p.isOp("["):
			p.next()
			p.skipUntil("]")
			p.expect("]")
			v = &Value{Kind: Other, Why: "an index", Pos: start, Text: p.text(start)}
		default:
			return v
		}
	}
	return v
}

// resolve replaces a name the snippet assigned a constant with the constant.
func (p *parser) resolve(v *Value) {
	if c, ok := p.env[v.Name]; ok && v.Kind == Name {
		text, pos := v.Text, v.Pos
		*v = *c
		v.Text, v.Pos = text, pos
	}
}

// atom reads a literal, a name, or a bracketed expression, list or dict.
func (p *parser) atom() *Value {
	t := p.next()
	v := &Value{Pos: t.pos, Text: t.text}
	switch t.kind {
	case tkNum:
		return number(t)
	case tkStr:
		v.Kind, v.Str = Str, t.str
		if !t.strOK {
			v.Kind, v.Why = Other, "an f-string or bytes"
		}
		// Adjacent literals concatenate: "a" "b".
		for p.peek().kind == tkStr {
			u := p.next()
			v.Str += u.str
			if !u.strOK {
				v.Kind, v.Why = Other, "an f-string or bytes"
			}
		}
		v.Text = p.text(t.pos)
		return v
	case tkName:
		switch t.text {
		case "True", "False":
			v.Kind, v.Bool = Bool, t.text == "True"
			return v
		case "None":
			v.Kind = None
			return v
		}
		if t.text == "lambda" {
			return p.lambda(t)
		}
		if keyword(t.text) {
			p.fail(t.pos, strs.Quote(t.text)+": only a call with literal arguments is read")
			return v
		}
		v.Kind, v.Name = Name, t.text
		p.resolve(v)
		return v
	case tkOp:
		switch t.text {
		case "(":
			if p.isOp(")") {
				p.next()
				v.Kind, v.Why, v.Text = Other, "a tuple", "()"
				return v
			}
			inner := p.expr()
			if p.isOp(",") {
				inner = p.tuple(inner)
			}
			p.expect(")")
			inner.Pos, inner.Text = t.pos, p.text(t.pos)
			return inner
		case "[":
			return p.list(t)
		case "{":
			return p.dict(t)
		}
	}
	p.fail(t.pos, p.unexpected(t))
	return v
}

// list reads [a, b, ...], each element folded; a list whose elements are
// not all expressions this reader knows (a comprehension) is kept as
// source.
func (p *parser) list(open token) *Value {
	v := &Value{Kind: List, Pos: open.pos, Why: "a list"}
	start := p.i
	for p.err == nil && !p.isOp("]") {
		v.Elems = append(v.Elems, p.expr())
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if p.err != nil && !tooDeep(p.err) {
		p.err, p.i = nil, start
		p.skipUntil("]")
		v = &Value{Kind: Other, Why: "a list", Pos: open.pos}
	}
	p.expect("]")
	v.Text = p.text(open.pos)
	return v
}

// lambda reads a lambda expression after its keyword, lam, as source: to
// the end of the argument, list item or line it is in. Its Str is its
// text with each name the snippet assigned a number before it written as
// that number, so that it reads alone; CompileLambda checks the rest.
func (p *parser) lambda(lam token) *Value {
	v := &Value{Kind: LambdaExpr, Pos: lam.pos, Why: "a lambda", Consts: map[string]*Value{}}
	for name, c := range p.env {
		v.Consts[name] = c
	}
	params := map[string]bool{}
	inParams := true
	var b strings.Builder
	last := lam
	depth := 0
	for t := p.peek(); t.kind != tkEnd; t = p.peek() {
		if t.kind == tkOp {
			if t.text == "(" || t.text == "[" || t.text == "{" {
				depth++
			} else if t.text == ")" || t.text == "]" || t.text == "}" || t.text == "," && depth == 0 {
				if depth == 0 {
					break
				}
				depth--
			} else if t.text == ":" && depth == 0 {
				inParams = false
			}
		}
		b.WriteString(p.src[last.pos+len(last.text) : t.pos])
		prev := p.toks[p.i-1]
		c, isConst := p.env[t.text]
		switch {
		case t.kind != tkName:
		case inParams:
			params[t.text] = true
		case isConst && numeric(c) && !params[t.text] && !(prev.kind == tkOp && prev.text == "."):
			b.WriteString(literal(c))
			last = p.next()
			continue
		}
		b.WriteString(t.text)
		last = p.next()
	}
	v.Text = p.src[lam.pos : last.pos+len(last.text)]
	v.Str = "lambda" + b.String()
	return v
}

// literal writes a number as Python reads it back, in parentheses when
// negative, to stand for a name in an expression.
func literal(c *Value) string {
	var s string
	switch c.Kind {
	case Bool:
		s = "False"
		if c.Bool {
			s = "True"
		}
	case Int:
		s = strconv.FormatInt(c.Int, 10)
	default:
		s = strconv.FormatFloat(c.Float, 'g', -1, 64)
		if math.IsInf(c.Float, 0) {
			s = strings.Replace(s, "Inf", "1e999", 1)
		} else if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
	}
	if strings.HasPrefix(s, "-") {
		s = "(" + s + ")"
	}
	return s
}

// tuple reads the elements after a tuple's first, at its first ","; a
// tuple whose elements are not all expressions this reader knows is kept
// as source.
func (p *parser) tuple(first *Value) *Value {
	v := &Value{Kind: Tuple, Why: "a tuple", Elems: []*Value{first}}
	start := p.i
	for p.err == nil && p.isOp(",") {
		p.next()
		if p.isOp(")") {
			break
		}
		v.Elems = append(v.Elems, p.expr())
	}
	if p.err != nil && !tooDeep(p.err) {
		p.err, p.i = nil, start
		p.skipUntil(")")
		return &Value{Kind: Other, Why: "a tuple"}
	}
	return v
}

// numDict reads {100: 0.1, ...}, a dict whose keys are numbers, from its
// first key; one with other keys is kept as source.
func (p *parser) numDict(open token) *Value {
	v := &Value{Kind: NumDict, Pos: open.pos, Why: "a dict"}
	start := p.i
	for p.err == nil && !p.isOp("}") {
		key := p.expr()
		if p.err != nil || !numeric(key) || !p.isOp(":") {
			break
		}
		p.next()
		v.Elems = append(v.Elems, key)
		v.Vals = append(v.Vals, p.expr())
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if p.err != nil && tooDeep(p.err) {
		return v
	}
	if p.err != nil || !p.isOp("}") {
		p.err, p.i = nil, start
		p.skipUntil("}")
		v = &Value{Kind: Other, Why: "a dict or set", Pos: open.pos}
	}
	p.expect("}")
	v.Text = p.text(open.pos)
	return v
}

// dict reads {"key": value, ...} and {100: 0.1, ...}; other braces are
// kept as source.
func (p *parser) dict(open token) *Value {
	v := &Value{Kind: Dict, Pos: open.pos}
	if k := p.peek(); !p.isOp("}") && k.kind != tkStr {
		return p.numDict(open)
	}
	for p.err == nil && !p.isOp("}") {
		k := p.peek()
		if k.kind != tkStr || !k.strOK {
			p.skipUntil("}")
			v = &Value{Kind: Other, Why: "a dict or set", Pos: open.pos}
			break
		}
		key := p.expr()
		if !p.isOp(":") {
			p.skipUntil("}")
			v = &Value{Kind: Other, Why: "a set", Pos: open.pos}
			break
		}
		p.next()
		v.Keys = append(v.Keys, key.Str)
		v.Vals = append(v.Vals, p.expr())
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	p.expect("}")
	v.Text = p.text(open.pos)
	return v
}

// skipUntil skips to the closing op of the current bracket level.
func (p *parser) skipUntil(close string) {
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
						p.fail(t.pos, "unexpected "+strs.Quote(t.text))
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
func (p *parser) args() []Arg {
	var out []Arg
	for p.err == nil && !p.isOp(")") {
		t := p.peek()
		a := Arg{Pos: t.pos}
		switch {
		case p.isOp("*"), p.isOp("**"):
			a.Star = len(p.next().text)
		case t.kind == tkName && p.toks[p.i+1].kind == tkOp && p.toks[p.i+1].text == "=":
			a.Name = t.text
			p.next()
			p.next()
		}
		start := p.i
		a.Val = p.expr()
		if p.err != nil && !tooDeep(p.err) {
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
			a.Val = &Value{Kind: Other, Why: "an expression LR Playground does not read", Pos: pos, Text: p.text(pos)}
		}
		out = append(out, a)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return out
}

// tooDeepMsg is the error that bounds the parser's work, which an argument
// must not recover from.
const tooDeepMsg = "the expression is nested too deeply"

func tooDeep(err error) bool {
	e, ok := err.(*Error)
	return ok && e.Msg == tooDeepMsg
}
