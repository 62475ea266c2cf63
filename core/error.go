package core

import (
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"
)

// Error is what Parse and Evaluate return for bad input. Param names the
// parameter at fault ("" when the spec as a whole is wrong), so a page can
// show the message beside that parameter's control.
type Error struct {
	Param string
	Msg   string
}

func (e *Error) Error() string {
	if e.Param == "" {
		return "core: " + e.Msg
	}
	return "core: " + e.Param + ": " + e.Msg
}

// errorf is not inlined: it has seventy cold call sites.
//
//go:noinline
func errorf(param, msg string) *Error { return &Error{Param: param, Msg: msg} }

// itoa is strconv.FormatInt(i, 10) for messages, not inlined: it has some
// eighty cold call sites, and each inlined copy costs the wasm a hundred
// bytes or more (strs.Quote is the same for strconv.Quote).
//
//go:noinline
func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// Suggest returns the candidate nearest to name, at most two edits away and
// ignoring case, or "" if none is close: for "did you mean" messages.
func Suggest(name string, candidates []string) string { return suggest(name, candidates) }

// suggest returns the candidate nearest to name, or "" if none is close.
// Case is ignored, so "t_max" finds "T_max".
func suggest(name string, candidates []string) string {
	best, bestDist := "", 3 // at most two edits away
	lname := strings.ToLower(name)
	for _, c := range candidates {
		d := editDistance(lname, strings.ToLower(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counted in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30 // names are short; don't spend time on hostile ones
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// pyError is an error of the Python reader as an *Error, its message
// located by line and column as the reader writes it.
func pyError(err error) error {
	if e, ok := err.(*python.Error); ok {
		return errorf("", e.Error())
	}
	return err
}
