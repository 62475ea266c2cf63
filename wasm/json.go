package main

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/lrplay/lrplay/internal/strs"
)

// The boundary's arguments and results are JSON text. These read and write
// it without encoding/json, which would link reflect into the wasm.

// maxJSONDepth bounds how deeply arrays and objects nest in what decodeJSON
// reads: the page's own data nests a few levels, a configuration at most 7.
const maxJSONDepth = 32

// decodeJSON reads one JSON value and nothing after it: objects as
// map[string]any (a key given twice keeps its last value, as JSON.parse
// does), arrays as []any, numbers as float64, strings, bools and nil. It
// also reads NaN, Infinity and -Infinity, which the page writes for
// numbers JSON has no words for (a configuration's 1e400 is Infinity to
// the page by the time it reaches here).
func decodeJSON(s string) (any, error) {
	d := &decoder{s: s}
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	if d.skip(); d.pos != len(d.s) {
		return nil, d.fail("after the value")
	}
	return v, nil
}

type decoder struct {
	s   string
	pos int
}

func (d *decoder) fail(what string) error {
	return errors.New("invalid JSON at offset " + strconv.Itoa(d.pos) + " (" + what + ")")
}

func (d *decoder) skip() {
	for d.pos < len(d.s) {
		switch d.s[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// literal consumes word if the input continues with it.
func (d *decoder) literal(word string) bool {
	if len(d.s)-d.pos >= len(word) && d.s[d.pos:d.pos+len(word)] == word {
		d.pos += len(word)
		return true
	}
	return false
}

func (d *decoder) value(depth int) (any, error) {
	d.skip()
	if d.pos == len(d.s) {
		return nil, d.fail("unexpected end")
	}
	switch c := d.s[d.pos]; {
	case c == '{' || c == '[':
		if depth >= maxJSONDepth {
			return nil, d.fail("nested too deeply")
		}
		if c == '{' {
			return d.object(depth)
		}
		return d.array(depth)
	case c == '"':
		return d.str()
	case d.literal("true"):
		return true, nil
	case d.literal("false"):
		return false, nil
	case d.literal("null"):
		return nil, nil
	case d.literal("NaN"):
		return math.NaN(), nil
	case d.literal("Infinity"):
		return math.Inf(1), nil
	case d.literal("-Infinity"):
		return math.Inf(-1), nil
	}
	return d.number()
}

func (d *decoder) object(depth int) (any, error) {
	d.pos++ // {
	m := map[string]any{}
	d.skip()
	if d.literal("}") {
		return m, nil
	}
	for {
		d.skip()
		if d.pos == len(d.s) || d.s[d.pos] != '"' {
			return nil, d.fail("want a key")
		}
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		d.skip()
		if !d.literal(":") {
			return nil, d.fail("want a colon")
		}
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[key] = v
		d.skip()
		if d.literal("}") {
			return m, nil
		}
		if !d.literal(",") {
			return nil, d.fail("want a comma or }")
		}
	}
}

func (d *decoder) array(depth int) (any, error) {
	d.pos++ // [
	a := []any{}
	d.skip()
	if d.literal("]") {
		return a, nil
	}
	for {
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		d.skip()
		if d.literal("]") {
			return a, nil
		}
		if !d.literal(",") {
			return nil, d.fail("want a comma or ]")
		}
	}
}

// number reads a JSON number. One too large for a float64 is ±Inf, as
// JSON.parse reads it; one too small is 0.
func (d *decoder) number() (any, error) {
	start := d.pos
	for d.pos < len(d.s) {
		c := d.s[d.pos]
		if (c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' {
			break
		}
		d.pos++
	}
	text := d.s[start:d.pos]
	if !strs.IsDecimal(text) || text[0] == '+' {
		d.pos = start
		return nil, d.fail("want a value")
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(f, 0) && f != 0 {
		return nil, d.fail("bad number")
	}
	return f, nil
}

// str reads a string: escapes decoded, a lone surrogate as U+FFFD.
func (d *decoder) str() (string, error) {
	d.pos++ // "
	start := d.pos
	for d.pos < len(d.s) && d.s[d.pos] != '"' && d.s[d.pos] != '\\' && d.s[d.pos] >= 0x20 {
		d.pos++
	}
	if d.pos < len(d.s) && d.s[d.pos] == '"' { // no escapes: the common case
		d.pos++
		return d.s[start : d.pos-1], nil
	}
	b := []byte(d.s[start:d.pos])
	for d.pos < len(d.s) {
		c := d.s[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(b), nil
		case c < 0x20:
			return "", d.fail("control character in a string")
		case c != '\\':
			b = append(b, c)
			d.pos++
			continue
		}
		if d.pos+1 >= len(d.s) {
			break
		}
		e := d.s[d.pos+1]
		d.pos += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", d.fail("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				save := d.pos
				if d.literal(`\u`) {
					if r2, ok := d.hex4(); ok && utf16.DecodeRune(r, r2) != utf8.RuneError {
						b = utf8.AppendRune(b, utf16.DecodeRune(r, r2))
						continue
					}
				}
				d.pos = save
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", d.fail("bad escape")
		}
	}
	return "", d.fail("unterminated string")
}

func (d *decoder) hex4() (rune, bool) {
	if len(d.s)-d.pos < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(d.s[d.pos:d.pos+4], 16, 32)
	if err != nil {
		return 0, false
	}
	d.pos += 4
	return rune(n), true
}

// object is a JSON object whose keys keep their order.
type object []field

type field struct {
	key   string
	value any
}

// rawJSON is JSON text written as it is.
type rawJSON string

// appendJSON writes v as JSON: nil, bool, string, float64, int, int64,
// []any, []string, []float64, object, []object, map[string]string (keys
// sorted) and rawJSON. A number JSON cannot hold (NaN, ±Inf) is null. It
// panics on any other type: a bug the boundary turns into an Error.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case string:
		return appendJSONString(b, v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return append(b, "null"...)
		}
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case rawJSON:
		return append(b, v...)
	case object:
		b = append(b, '{')
		for i, f := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, f.key)
			b = append(b, ':')
			b = appendJSON(b, f.value)
		}
		return append(b, '}')
	case map[string]string:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		strs.Sort(keys)
		o := make(object, len(keys))
		for i, k := range keys {
			o[i] = field{k, v[k]}
		}
		return appendJSON(b, o)
	case []any:
		return appendList(b, len(v), func(b []byte, i int) []byte { return appendJSON(b, v[i]) })
	case []string:
		return appendList(b, len(v), func(b []byte, i int) []byte { return appendJSONString(b, v[i]) })
	case []float64:
		return appendList(b, len(v), func(b []byte, i int) []byte { return appendJSON(b, v[i]) })
	case []object:
		return appendList(b, len(v), func(b []byte, i int) []byte { return appendJSON(b, v[i]) })
	}
	panic("appendJSON: a value of a type it does not write")
}

func appendList(b []byte, n int, item func([]byte, int) []byte) []byte {
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, i)
	}
	return append(b, ']')
}

// appendJSONString writes s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// toJSON is v as JSON text.
func toJSON(v any) string { return string(appendJSON(nil, v)) }
