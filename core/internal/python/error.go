package python

import (
	"strconv"
	"strings"
)

// Error is a snippet that cannot be read, at a line and column: Line counts
// from 1, and Col counts bytes from 1.
type Error struct {
	Line, Col int
	Msg       string
}

// Error writes "line L, column C: " and the message: the text core's
// messages quote.
func (e *Error) Error() string {
	return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Where writes "line L, column C: " for byte offset pos of src, as Error
// does: for a message about what the snippet holds at pos.
func Where(src string, pos int) string {
	line, col := position(src, pos)
	return (&Error{Line: line, Col: col}).Error()
}

// syntaxError is an error at byte offset pos of src. Not inlined: it has a
// dozen cold call sites.
//
//go:noinline
func syntaxError(src string, pos int, msg string) *Error {
	line, col := position(src, pos)
	return &Error{Line: line, Col: col, Msg: msg}
}

// position is the line and column of byte offset pos of src.
func position(src string, pos int) (line, col int) {
	pos = min(pos, len(src))
	return 1 + strings.Count(src[:pos], "\n"), pos - strings.LastIndexByte(src[:pos], '\n')
}
