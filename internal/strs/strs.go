// Package strs holds the string helpers that more than one package needs
// (core, its readers, the wasm bridge), so that each job has one helper and
// core's API carries none of them.
package strs

import "strconv"

// Shorten cuts s to 40 characters for a message, marking the cut with "…".
// Not inlined: an error path with a few dozen call sites.
//
//go:noinline
func Shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Quote is strconv.Quote for messages, not inlined: messages quote from
// many cold call sites, and each inlined copy costs the wasm a hundred
// bytes or more.
//
//go:noinline
func Quote(s string) string { return strconv.Quote(s) }

// Sort sorts a in place: a merge sort of a few lines, since slices.Sort
// links 20 KB of pdqsort into the wasm to sort a few keys. Core and the
// page both sort with it, so that the wasm holds one sort.
func Sort(a []string) {
	tmp := make([]string, len(a))
	for w := 1; w < len(a); w *= 2 {
		for lo := 0; lo < len(a); lo += 2 * w {
			mid, hi := min(lo+w, len(a)), min(lo+2*w, len(a))
			i, j := lo, mid
			for k := lo; k < hi; k++ {
				if j >= hi || (i < mid && a[i] <= a[j]) {
					tmp[k], i = a[i], i+1
				} else {
					tmp[k], j = a[j], j+1
				}
			}
		}
		copy(a, tmp)
	}
}

// IsDecimal reports whether s is a plain decimal number: an optional sign,
// digits with at most one point, and an optional exponent.
func IsDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, point := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			goto exponent
		}
	}
exponent:
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
