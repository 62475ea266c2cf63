package specjson

import (
	"unicode/utf8"

	"github.com/lrplay/lrplay/internal/strs"
)

// Number is a JSON number as its text, like json.Number: the parameter it
// is for decides how to read it.
type Number string

// Composite stands for an array or an object, which no parameter takes;
// it holds how messages name it: "an array" or "an object".
type Composite string

// maxDepth is how deeply arrays and objects may nest in a value, as in encoding/json.
const maxDepth = 10000

// syntaxError is why input is not JSON, in encoding/json's words.
type syntaxError string

func (e syntaxError) Error() string { return string(e) }

// errEnd is the error for input that stops inside a value.
const errEnd syntaxError = "unexpected end of input"

const notObject = `spec must be a JSON object like {"kind": "playground"}`

// Error is why a spec is not one JSON object that names each key once.
// Key is the key given twice, or "" when the text as a whole is wrong.
type Error struct {
	Key string
	Msg string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return e.Msg
	}
	return e.Key + ": " + e.Msg
}

// fail is an *Error, and notJSON the one for a spec that is not JSON. Not
// inlined: they have a dozen call sites.
//
//go:noinline
func fail(key, msg string) error { return &Error{Key: key, Msg: msg} }

//go:noinline
func notJSON(err error) error { return fail("", "spec is not JSON: "+err.Error()) }

// DecodeObject reads one JSON object and nothing after it, keeping the
// keys' order (so the first bad key is the one reported). Values are
// string, Number, bool, nil or Composite; raw holds the JSON text of each
// value that is an object or an array (a spec's "units", a list parameter,
// a composed schedule's children). Its error is an *Error.
func DecodeObject(spec []byte) (fields map[string]any, order []string, raw map[string][]byte, err error) {
	r := &reader{b: spec}
	c, ok := r.peek()
	switch {
	case !ok:
		return nil, nil, nil, notJSON(errEnd)
	case c == '{':
		r.pos++
	case c == '[':
		return nil, nil, nil, fail("", notObject)
	case c == ']' || c == '}' || c == ',' || c == ':':
		return nil, nil, nil, notJSON(invalid(c, " looking for beginning of value"))
	default:
		if _, err := r.value(); err != nil {
			return nil, nil, nil, notJSON(err)
		}
		return nil, nil, nil, fail("", notObject)
	}
	fields = map[string]any{}
	for {
		c, ok := r.peek()
		if !ok {
			return nil, nil, nil, notJSON(errEnd)
		}
		if c == '}' {
			r.pos++
			break
		}
		// Before the first key, encoding/json names no context.
		context := ""
		if len(order) > 0 {
			context = " after object key:value pair"
			if c != ',' {
				return nil, nil, nil, notJSON(invalid(c, context))
			}
			r.pos++
			if c, ok = r.peek(); !ok {
				return nil, nil, nil, notJSON(errEnd)
			}
			context = " looking for beginning of object key string"
		}
		if c != '"' {
			return nil, nil, nil, notJSON(invalid(c, context))
		}
		key, err := r.str()
		if err != nil {
			return nil, nil, nil, notJSON(err)
		}
		if c, ok = r.peek(); !ok {
			return nil, nil, nil, notJSON(errEnd)
		}
		if c != ':' {
			return nil, nil, nil, notJSON(syntaxError("expected colon after object key"))
		}
		r.pos++
		r.peek()
		start := r.pos
		v, err := r.value()
		if err != nil {
			return nil, nil, nil, notJSON(err)
		}
		if _, ok := v.(Composite); ok {
			if raw == nil {
				raw = map[string][]byte{}
			}
			raw[key] = spec[start:r.pos]
		}
		if _, dup := fields[key]; dup {
			return nil, nil, nil, fail(key, "given twice")
		}
		fields[key] = v
		order = append(order, key)
	}
	if _, more := r.peek(); more {
		return nil, nil, nil, fail("", "spec has data after its closing brace")
	}
	return fields, order, raw, nil
}

// DecodeArray reads one JSON array and nothing after it. Elements are as
// DecodeObject's values; raw holds the JSON text of each element (so an
// element that is an object can be read with DecodeObject). Its error is an
// *Error.
func DecodeArray(b []byte) (elems []any, raw [][]byte, err error) {
	r := &reader{b: b}
	c, ok := r.peek()
	if !ok {
		return nil, nil, notJSON(errEnd)
	}
	if c != '[' {
		return nil, nil, fail("", "not a JSON array")
	}
	r.pos++
	for {
		c, ok := r.peek()
		if !ok {
			return nil, nil, notJSON(errEnd)
		}
		if c == ']' && len(elems) == 0 {
			r.pos++
			break
		}
		start := r.pos
		v, err := r.value()
		if err != nil {
			return nil, nil, notJSON(err)
		}
		elems, raw = append(elems, v), append(raw, b[start:r.pos])
		if c, ok = r.peek(); !ok {
			return nil, nil, notJSON(errEnd)
		}
		r.pos++
		if c == ']' {
			break
		}
		if c != ',' {
			return nil, nil, notJSON(invalid(c, " after array element"))
		}
	}
	if _, more := r.peek(); more {
		return nil, nil, fail("", "data after the array's closing bracket")
	}
	return elems, raw, nil
}

// reader reads JSON from b, starting at pos.
type reader struct {
	b   []byte
	pos int
}

// peek skips white space and returns the next byte; ok is false at the end.
// Not inlined: it has a dozen call sites, none in a loop over steps.
//
//go:noinline
func (r *reader) peek() (c byte, ok bool) {
	for ; r.pos < len(r.b); r.pos++ {
		switch c := r.b[r.pos]; c {
		case ' ', '\t', '\r', '\n':
		default:
			return c, true
		}
	}
	return 0, false
}

// value reads one value after optional white space, and stops right after it.
func (r *reader) value() (any, error) {
	c, ok := r.peek()
	switch {
	case !ok:
		return nil, errEnd
	case c == '"':
		return r.str()
	case c == '-' || isDigit(c):
		return r.number()
	case c == 't':
		return true, r.literal("true")
	case c == 'f':
		return false, r.literal("false")
	case c == 'n':
		return nil, r.literal("null")
	case c == '[':
		return Composite("an array"), r.skipComposite()
	case c == '{':
		return Composite("an object"), r.skipComposite()
	}
	return nil, invalid(c, " looking for beginning of value")
}

// skipComposite checks the array or object at pos and moves past it. It
// keeps a stack of the closing brackets it expects rather than recursing,
// and refuses to nest deeper than maxDepth.
func (r *reader) skipComposite() error {
	var open []byte // the closing bracket of each array and object entered
	for {
		// At the start of a value.
		c, ok := r.peek()
		if !ok {
			return errEnd
		}
		switch {
		case c == '[' || c == '{':
			if len(open) == maxDepth {
				return invalid(c, " exceeded max depth")
			}
			r.pos++
			end := byte(']')
			if c == '{' {
				end = '}'
			}
			open = append(open, end)
			next, ok := r.peek()
			if !ok {
				return errEnd
			}
			if next == end { // empty
				r.pos++
				open = open[:len(open)-1]
				break
			}
			if end == '}' {
				if err := r.key(); err != nil {
					return err
				}
			}
			continue
		case c == '"':
			if err := r.skipString(); err != nil {
				return err
			}
		case c == '-' || isDigit(c):
			if _, err := r.number(); err != nil {
				return err
			}
		case c == 't':
			if err := r.literal("true"); err != nil {
				return err
			}
		case c == 'f':
			if err := r.literal("false"); err != nil {
				return err
			}
		case c == 'n':
			if err := r.literal("null"); err != nil {
				return err
			}
		default:
			return invalid(c, " looking for beginning of value")
		}
		// After a value: close what ends here, then expect the next element.
		for {
			if len(open) == 0 {
				return nil
			}
			c, ok := r.peek()
			if !ok {
				return errEnd
			}
			end := open[len(open)-1]
			if c == end {
				r.pos++
				open = open[:len(open)-1]
				continue
			}
			if c != ',' {
				if end == '}' {
					return invalid(c, " after object key:value pair")
				}
				return invalid(c, " after array element")
			}
			r.pos++
			if end == '}' {
				if err := r.key(); err != nil {
					return err
				}
			}
			break
		}
	}
}

// key checks an object key and its colon inside a composite value.
func (r *reader) key() error {
	c, ok := r.peek()
	if !ok {
		return errEnd
	}
	if c != '"' {
		return invalid(c, " looking for beginning of object key string")
	}
	if err := r.skipString(); err != nil {
		return err
	}
	if c, ok = r.peek(); !ok {
		return errEnd
	}
	if c != ':' {
		return invalid(c, " after object key")
	}
	r.pos++
	return nil
}

// number reads a number at pos, which holds '-' or a digit.
func (r *reader) number() (Number, error) {
	b, i := r.b, r.pos
	digit := func(context string) error {
		if i == len(b) {
			return errEnd
		}
		if !isDigit(b[i]) {
			return invalid(b[i], context)
		}
		return nil
	}
	if b[i] == '-' {
		i++
		if err := digit(" in numeric literal"); err != nil {
			return "", err
		}
	}
	if b[i] == '0' {
		i++
	} else {
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i < len(b) && b[i] == '.' {
		i++
		if err := digit(" after decimal point in numeric literal"); err != nil {
			return "", err
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if err := digit(" in exponent of numeric literal"); err != nil {
			return "", err
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	n := Number(b[r.pos:i])
	r.pos = i
	return n, nil
}

// literal reads word (true, false or null), whose first byte is at pos.
func (r *reader) literal(word string) error {
	for i := 1; i < len(word); i++ {
		p := r.pos + i
		if p == len(r.b) {
			return errEnd
		}
		if r.b[p] != word[i] {
			return invalid(r.b[p], " in literal "+word+" (expecting "+quoteChar(word[i])+")")
		}
	}
	r.pos += len(word)
	return nil
}

// str reads the string at pos and decodes it.
func (r *reader) str() (string, error) {
	start := r.pos
	if err := r.skipString(); err != nil {
		return "", err
	}
	return unquote(r.b[start+1 : r.pos-1]), nil
}

// skipString checks the string at pos and moves past its closing quote.
func (r *reader) skipString() error {
	b := r.b
	for i := r.pos + 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			r.pos = i + 1
			return nil
		case c == '\\':
			i++
			if i == len(b) {
				return errEnd
			}
			switch b[i] {
			case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
			case 'u':
				for range 4 {
					i++
					if i == len(b) {
						return errEnd
					}
					if unhex(b[i]) < 0 {
						return invalid(b[i], ` in \u hexadecimal character escape`)
					}
				}
			default:
				return invalid(b[i], " in string escape code")
			}
		case c < 0x20:
			return invalid(c, " in string literal")
		}
	}
	return errEnd
}

// unquote decodes a string's contents that skipString accepted, as
// encoding/json does: invalid UTF-8 and unpaired surrogates become U+FFFD.
func unquote(s []byte) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(s[i:])
			out = utf8.AppendRune(out, r)
			i += size
			continue
		}
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		switch e := s[i+1]; e {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hex4(s[i+2:])
			i += 6
			if 0xD800 <= r && r < 0xE000 { // a surrogate: valid only as a high one followed by a low one
				if r < 0xDC00 && i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if r2 := hex4(s[i+2:]); 0xDC00 <= r2 && r2 < 0xE000 {
						out = utf8.AppendRune(out, 0x10000+(r-0xD800)<<10+(r2-0xDC00))
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
			continue
		default: // '"', '\\', '/'
			out = append(out, e)
		}
		i += 2
	}
	return string(out)
}

// hex4 reads four hex digits that skipString checked.
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		r = r<<4 | rune(unhex(c))
	}
	return r
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// invalid is encoding/json's complaint about byte c; context starts with a
// space, or is empty. Not inlined: an error path with eighteen call sites.
//
//go:noinline
func invalid(c byte, context string) error {
	return syntaxError("invalid character " + quoteChar(c) + context)
}

// quoteChar writes c for a message, as encoding/json does.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strs.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}
