package python

import (
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/internal/strs"
)

// The kinds of token.
const (
	tkName = iota
	tkNum
	tkStr
	tkOp
	tkEnd // the end of a logical line, or of the input
)

// token is one token of the source, at byte offset pos.
type token struct {
	kind  int
	text  string // the token as written
	str   string // a string literal's value
	strOK bool   // the string is a plain literal (not an f-string or bytes)
	pos   int
}

// maxDepth bounds how deeply brackets and expressions nest.
const maxDepth = 100

// lex splits src into tokens, with tkEnd at the end of each logical line.
func lex(src string) ([]token, error) {
	var toks []token
	var open []int // where each open bracket is
	i := 0
	end := func(pos int) {
		if len(toks) > 0 && toks[len(toks)-1].kind != tkEnd {
			toks = append(toks, token{kind: tkEnd, pos: pos})
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
			return nil, syntaxError(src, i, "unexpected backslash")
		}
		start := i
		switch {
		case c == '"' || c == '\'':
			t, n, err := lexString(src, i, "")
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = n
		case identStart(c):
			for i < len(src) && identPart(src[i]) {
				i++
			}
			word := src[start:i]
			if i < len(src) && (src[i] == '"' || src[i] == '\'') && stringPrefix(word) {
				t, n, err := lexString(src, i, strings.ToLower(word))
				if err != nil {
					return nil, err
				}
				t.pos, t.text = start, src[start:n]
				toks = append(toks, t)
				i = n
				continue
			}
			toks = append(toks, token{kind: tkName, text: word, pos: start})
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			for i < len(src) {
				d := src[i]
				if identPart(d) || d == '.' {
					i++
					continue
				}
				// An exponent's sign: 1e-6, but not 0x1e-6.
				if (d == '+' || d == '-') && (src[i-1] == 'e' || src[i-1] == 'E') && !isHex(src[start:i]) {
					i++
					continue
				}
				break
			}
			toks = append(toks, token{kind: tkNum, text: src[start:i], pos: start})
		default:
			op := operator(src[i:])
			if op == "" {
				return nil, syntaxError(src, i, "unexpected character "+strconv.QuoteRune(rune(c)))
			}
			switch op {
			case "(", "[", "{":
				if open = append(open, i); len(open) > maxDepth {
					return nil, syntaxError(src, i, "brackets nested too deeply")
				}
			case ")", "]", "}":
				if len(open) == 0 {
					return nil, syntaxError(src, i, "unmatched "+strs.Quote(op))
				}
				open = open[:len(open)-1]
			case ";":
				if len(open) == 0 {
					end(i)
					i++
					continue
				}
			}
			toks = append(toks, token{kind: tkOp, text: op, pos: start})
			i += len(op)
		}
	}
	if len(open) > 0 {
		at := open[len(open)-1]
		return nil, syntaxError(src, at, "this "+strs.Quote(src[at:at+1])+" is never closed")
	}
	end(len(src))
	return append(toks, token{kind: tkEnd, pos: len(src)}), nil
}

func identStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func identPart(c byte) bool { return identStart(c) || c >= '0' && c <= '9' }

func isHex(s string) bool {
	return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

func stringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "u", "b", "f", "br", "rb", "fr", "rf":
		return true
	}
	return false
}

// operators, longest first.
var operators = [...]string{
	"**=", "//=", ">>=", "<<=", "...",
	"**", "//", "==", "!=", "<=", ">=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>",
	"(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=", "+", "-", "*", "/", "%", "@", "<", ">", "~", "&", "|", "^", "!",
}

func operator(s string) string {
	for _, op := range operators {
		if strings.HasPrefix(s, op) {
			return op
		}
	}
	return ""
}

// lexString reads the string literal at src[i] (a quote), with the given
// lowercase prefix, and returns it and the offset after it.
func lexString(src string, i int, prefix string) (token, int, error) {
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
			return token{}, 0, syntaxError(src, i, "a string is not closed")
		}
		c := src[j]
		if c == q && (!triple || strings.HasPrefix(src[j:], q3)) {
			j += open
			break
		}
		if c == '\n' && !triple {
			return token{}, 0, syntaxError(src, i, "a string is not closed on its line")
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
	return token{kind: tkStr, text: src[i:j], str: string(b), strOK: ok, pos: i}, j, nil
}
