package python

import (
	"strings"
	"testing"
)

// TestLex: tokens, and the ends of logical lines: a newline inside brackets
// or after a backslash continues the line, and a semicolon ends one.
func TestLex(t *testing.T) {
	tests := []struct {
		src  string
		want string // each token's text, with | for a line's end
	}{
		{"", "|"},
		{"x = 1", "x = 1 | |"},
		{"x=1\ny=2\n", "x = 1 | y = 2 | |"},
		{"x = 1; y = 2", "x = 1 | y = 2 | |"},
		{"f(a,\n  b)\n", "f ( a , b ) | |"},
		{"x = 1 + \\\n 2", "x = 1 + 2 | |"},
		{"x = 1 + \\\r\n 2", "x = 1 + 2 | |"},
		{"# a comment\nx = 1  # another\n\n\n", "x = 1 | |"},
		{"a.b(**kw, *args)", "a . b ( ** kw , * args ) | |"},
		{"x **= 2 // 3 ... -> :=", "x **= 2 // 3 ... -> := | |"},
		{"t: int = 1e-6 + 0x1e-6", "t : int = 1e-6 + 0x1e - 6 | |"},
		{"é = 1", "é = 1 | |"},
		{"[1, 2]; {'a': 3}", "[ 1 , 2 ] | { 'a' : 3 } | |"},
	}
	for _, tt := range tests {
		toks, err := lex(tt.src)
		if err != nil {
			t.Errorf("lex(%q): %v", tt.src, err)
			continue
		}
		var got []string
		for _, tok := range toks {
			if tok.kind == tkEnd {
				got = append(got, "|")
			} else {
				got = append(got, tok.text)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("lex(%q) = %s, want %s", tt.src, g, tt.want)
		}
	}
}

// TestStrings: quotes, prefixes, escapes and adjacent literals.
func TestStrings(t *testing.T) {
	checkValues(t, []valueCase{
		{`"cosine"`, `str "cosine"`},
		{`'cosine'`, `str "cosine"`},
		{`""`, `str ""`},
		{`"it's"`, `str "it's"`},
		{`'say "hi"'`, `str "say \"hi\""`},
		{`"a\nb\tc\rd"`, `str "a\nb\tc\rd"`},
		{`"a\\b\'c\"d"`, `str "a\\b'c\"d"`},
		{`"\x41\d"`, `str "\\x41\\d"`}, // other escapes are kept as written
		{"'a\\\nb'", `str "ab"`},       // a backslash at the end of a line continues it
		{`r"a\nb"`, `str "a\\nb"`},
		{`R'\d+'`, `str "\\d+"`},
		{`u"lr"`, `str "lr"`},
		{`U"lr"`, `str "lr"`},
		{`"""a "quoted" word"""`, `str "a \"quoted\" word"`},
		{"'''two\nlines'''", `str "two\nlines"`},
		{`"a" 'b' """c"""`, `str "abc"`},
		{"(\"a\"\n \"b\")", `str "ab"`},
		// Bytes and f-strings are not plain strings.
		{`b"lr"`, "other: an f-string or bytes"},
		{`f"{lr}"`, "other: an f-string or bytes"},
		{`rb"lr"`, "other: an f-string or bytes"},
		{`Br"lr"`, "other: an f-string or bytes"},
		{`fR"lr"`, "other: an f-string or bytes"},
		{`"a" f"b"`, "other: an f-string or bytes"},
	})
	if v := expr(t, `x = "a" 'b'`+"\nx"); v.Text != "x" || v.Str != "ab" {
		t.Errorf("a name for a string: %q %q", v.Text, v.Str)
	}
	if v := expr(t, `f("a" 'b')`).Call.Args[0].Val; v.Text != `"a" 'b'` {
		t.Errorf(`"a" 'b': Text %q`, v.Text)
	}
}

// TestLiterals: True, False and None, which are not names.
func TestLiterals(t *testing.T) {
	checkValues(t, []valueCase{
		{"True", "bool true"},
		{"False", "bool false"},
		{"None", "none"},
		{"true", "name true"},
		{"none", "name none"},
	})
}

// TestLexErrors: what cannot be split into tokens, and where, counting
// lines from 1 and columns in bytes from 1.
func TestLexErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`x = "abc`, `line 1, column 5: a string is not closed`},
		{"x = \"abc\ny = 1", `line 1, column 5: a string is not closed on its line`},
		{"x = 1\ny = 'abc\n", `line 2, column 5: a string is not closed on its line`},
		{`x = """abc`, `line 1, column 5: a string is not closed`},
		{`x = "abc\`, `line 1, column 5: a string is not closed`},
		{"x = f(1,\n  2", `line 1, column 6: this "(" is never closed`},
		{"x = [1, {2: (3}]", `line 1, column 5: this "[" is never closed`}, // the lexer counts brackets; the parser matches them
		{"x = 1)", `line 1, column 6: unmatched ")"`},
		{"x = 1\n\n  ]", `line 3, column 3: unmatched "]"`},
		{"x = 1 $ 2", `line 1, column 7: unexpected character '$'`},
		{"x = `1`", "line 1, column 5: unexpected character '`'"},
		{"x = 1 \\ 2", `line 1, column 7: unexpected backslash`},
		{"é = ?", `line 1, column 6: unexpected character '?'`}, // columns count bytes
		{"x = " + strings.Repeat("(", 101) + strings.Repeat(")", 101), `line 1, column 105: brackets nested too deeply`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q): error %v, want %s", tt.src, err, tt.want)
			continue
		}
		if _, ok := err.(*Error); !ok {
			t.Errorf("Parse(%q): error %T, want *Error", tt.src, err)
		}
	}
	if _, err := Parse("x = " + strings.Repeat("(", 100) + "1" + strings.Repeat(")", 100)); err != nil {
		t.Errorf("100 brackets deep: %v", err)
	}
}
