package core

// Point is one step of a run and its lr.
type Point struct {
	Step int64
	LR   float64
}

// DownsampleValues reduces the values of a run to what a chart width
// pixel columns wide can show: for each column, the first, lowest, highest
// and last value of the steps it covers, in step order (M4 aggregation,
// Jugel et al., VLDB 2014). A line through these points covers exactly the
// pixels a line through every step covers. With at most 4·width values it
// returns every one.
func DownsampleValues(values []float64, width int) []Point {
	n := int64(len(values))
	if width < 1 {
		width = 1
	}
	if n <= 4*int64(width) {
		out := make([]Point, n)
		for i, v := range values {
			out[i] = Point{int64(i), v}
		}
		return out
	}
	out := make([]Point, 0, 4*width)
	w := int64(width)
	for c := range w {
		lo, hi := c*n/w, (c+1)*n/w // the steps of column c
		if lo == hi {
			continue
		}
		lowest, highest := lo, lo
		for i := lo + 1; i < hi; i++ {
			if values[i] < values[lowest] {
				lowest = i
			}
			if values[i] > values[highest] {
				highest = i
			}
		}
		for _, i := range sortedUnique4(lo, lowest, highest, hi-1) {
			out = append(out, Point{i, values[i]})
		}
	}
	return out
}

// sortedUnique4 returns first ≤ {a, b} ≤ last in order, without repeats.
func sortedUnique4(first, a, b, last int64) []int64 {
	if a > b {
		a, b = b, a
	}
	out := make([]int64, 0, 4)
	for _, i := range [...]int64{first, a, b, last} {
		if len(out) == 0 || out[len(out)-1] != i {
			out = append(out, i)
		}
	}
	return out
}
