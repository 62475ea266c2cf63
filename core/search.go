package core

// firstTrue returns the smallest x in (lo, hi] with f(x), given that f is
// monotone (false, then true), f(hi) holds, and f(lo) does not (lo may be a
// sentinel below the range). Kinds use it to find the first step where a
// framework's computation turns: a new cycle, an overflow, a raise.
func firstTrue(lo, hi int64, f func(int64) bool) int64 {
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if f(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// searchUp returns the smallest x in (lo, limit] with above(x), given that
// above(lo) is false, above is monotone and lo < guess ≤ limit; it returns
// limit if above never holds before it. It gallops from guess, so a good
// guess costs a few calls however far limit is.
func searchUp(lo, guess, limit int64, above func(int64) bool) int64 {
	hi := guess
	if !above(hi) {
		lo = hi
		for d := int64(1); ; d *= 2 {
			if hi >= limit {
				return limit
			}
			hi = min(lo+d, limit)
			if above(hi) {
				break
			}
			lo = hi
		}
	}
	return firstTrue(lo, hi, above)
}
