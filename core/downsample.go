package core

import "math/bits"

// Point is one step of a run and its lr.
type Point struct {
	Step int64
	LR   float64
}

// Column is what one pixel column of a chart shows of the steps it covers,
// From <= step < To: the lr of its first and last step, and its lowest and
// highest lr with a step where each occurs (M4 aggregation, Jugel et al.,
// VLDB 2014). A line through these four points of every column covers
// exactly the pixels a line through every step covers.
type Column struct {
	From, To         int64
	First, Last      float64
	Min, Max         float64
	MinStep, MaxStep int64
}

// columnBound is the first step of column c of a run of steps steps drawn in
// cols columns, ⌊c·steps/cols⌋, for 0 <= c <= cols, without overflow.
func columnBound(c, steps, cols int64) int64 {
	hi, lo := bits.Mul64(uint64(c), uint64(steps))
	q, _ := bits.Div64(hi, lo, uint64(cols)) // hi < cols since c <= cols: no panic
	return int64(q)
}

// columnCount is how many columns a run of steps steps takes in a chart
// width columns wide: width, or one per step when the run is shorter.
func columnCount(steps int64, width int) int64 {
	return min(int64(max(width, 1)), max(steps, 0))
}

// DownsampleValues is the reference implementation of Downsample: it reads
// every value of a run, values[i] being the lr of step i, and returns the
// same columns. Column c of a chart width columns wide covers steps
// [c·n/width, (c+1)·n/width) of a run of n steps, or step c alone when
// n <= width. Ties go to the earliest step.
func DownsampleValues(values []float64, width int) []Column {
	n := int64(len(values))
	cols := columnCount(n, width)
	out := make([]Column, cols)
	for c := range cols {
		lo, hi := columnBound(c, n, cols), columnBound(c+1, n, cols)
		col := Column{From: lo, To: hi, First: values[lo], Last: values[hi-1],
			Min: values[lo], Max: values[lo], MinStep: lo, MaxStep: lo}
		for i := lo + 1; i < hi; i++ {
			if v := values[i]; v < col.Min {
				col.Min, col.MinStep = v, i
			} else if v > col.Max {
				col.Max, col.MaxStep = v, i
			}
		}
		out[c] = col
	}
	return out
}

// downsampleBudget bounds the evaluations of At that Downsample spends on
// events (two per event), unless the run has at most exactSteps steps: a
// curve may turn at every step (a cosine of period 2) and a run may have
// 10^12 steps. Near step 10^12 an evaluation at a turn of a cosine can cost
// 10 µs (the correctly rounded cos of a large argument).
const (
	downsampleBudget = 200_000
	exactSteps       = 1_000_000
)

// Past the budget, a column's extremes come from its first and last steps
// and the first fallbackEvents events of each of fallbackWindows equal parts
// of it, or from every step of a column of at most fallbackSteps steps: at
// most 2 + 2·fallbackWindows·fallbackEvents evaluations a column.
const (
	fallbackWindows = 4
	fallbackEvents  = 2
	fallbackSteps   = 2 + 2*fallbackWindows*fallbackEvents
)

// Downsample returns what a chart width pixel columns wide shows of a run of
// steps steps: the same columns DownsampleValues returns for the values At
// gives, computed from events instead of every step. Each column is cut at
// the events inside it; on each piece the lr is monotone (the Event
// contract), so its extremes are at the piece's ends. This costs
// O(width + events) evaluations of At, whatever the number of steps.
//
// Runs of at most 10^6 steps are always exact. Longer runs with more than
// 10^5 events (a cosine of period 2 over 10^9 steps turns 5·10^8 times)
// are exact up to the column where the budget of events ran out; the
// columns from there on take their extremes from their first and last steps
// and the first two events of each quarter of the column. Every value is
// then still the lr of the step it names, but such a column's Min and Max
// may lie inside its true extremes. exact reports whether every column is
// exact; when it is false, draw the columns and say that they are
// approximate.
//
// steps should be one that CheckSteps accepts; for steps < 1 Downsample
// returns no columns.
func (s *Schedule) Downsample(steps int64, width int) (cols []Column, exact bool) {
	budget := downsampleBudget
	if steps <= exactSteps {
		budget = max(budget, 2*int(steps)) // 2 evaluations for each of at most steps-1 events
	}
	return s.downsample(steps, width, budget)
}

func (s *Schedule) downsample(steps int64, width int, budget int) (cols []Column, exact bool) {
	n := columnCount(steps, width)
	if n < 1 {
		return nil, true
	}
	cols = make([]Column, 0, n)
	m := m4{s: s, steps: steps, cols: n}
	m.open(0)
	stopped := false
	for e := range s.Events(steps, 1, steps) {
		i := e.Step
		if i <= m.cut {
			continue // an event at the same step as the one before
		}
		if i >= steps {
			break // outside the run: the contract says it cannot happen
		}
		if budget < 2 {
			stopped = true
			break
		}
		budget -= 2
		for i >= m.col.To {
			cols = append(cols, m.close())
			m.open(int64(len(cols)))
		}
		if i > m.col.From {
			m.add(i - 1) // the end of the piece before
			m.add(i)     // the start of the piece from i
		}
		m.cut = i
	}
	if !stopped {
		for {
			cols = append(cols, m.close())
			if int64(len(cols)) == n {
				return cols, true
			}
			m.open(int64(len(cols)))
		}
	}
	// The budget ran out inside the current column: start it again, with
	// every column after it, in the bounded fallback.
	exact = true
	for c := int64(len(cols)); c < n; c++ {
		col, ok := m.approximate(c)
		cols = append(cols, col)
		exact = exact && ok
	}
	return cols, exact
}

// m4 builds one column at a time from the steps it is told to evaluate, in
// step order.
type m4 struct {
	s           *Schedule
	steps, cols int64
	col         Column
	last        int64   // the last step evaluated
	lastV       float64 // its lr
	cut         int64   // the last event step read
}

// open starts column c, evaluating its first step.
func (m *m4) open(c int64) {
	from, to := columnBound(c, m.steps, m.cols), columnBound(c+1, m.steps, m.cols)
	v := m.s.At(from, m.steps)
	m.col = Column{From: from, To: to, First: v, Min: v, Max: v, MinStep: from, MaxStep: from}
	m.last, m.lastV = from, v
}

// add evaluates step i of the open column, From < i < To, unless it is the
// step evaluated last.
func (m *m4) add(i int64) {
	if i == m.last {
		return
	}
	v := m.s.At(i, m.steps)
	if v < m.col.Min {
		m.col.Min, m.col.MinStep = v, i
	} else if v > m.col.Max {
		m.col.Max, m.col.MaxStep = v, i
	}
	m.last, m.lastV = i, v
}

// close evaluates the open column's last step and returns the column.
func (m *m4) close() Column {
	m.add(m.col.To - 1)
	m.col.Last = m.lastV
	return m.col
}

// approximate returns column c from its first and last steps and the
// bounded sample of events the fallback reads, and whether that sample was
// every event in the column (then the column is exact).
func (m *m4) approximate(c int64) (Column, bool) {
	m.open(c)
	from, to := m.col.From, m.col.To
	if to-from <= fallbackSteps {
		for i := from + 1; i < to; i++ {
			m.add(i)
		}
		return m.close(), true
	}
	exact := true
	for j := range int64(fallbackWindows) {
		lo := max(from+j*(to-from)/fallbackWindows, from+1)
		hi := from + (j+1)*(to-from)/fallbackWindows
		read := 0
		for e := range m.s.Events(m.steps, lo, hi) {
			i := e.Step
			if i < lo || i >= hi || i <= m.last {
				continue
			}
			if read == fallbackEvents {
				exact = false
				break
			}
			read++
			m.add(i - 1)
			m.add(i)
		}
	}
	return m.close(), exact
}

// Points flattens columns into the points a chart draws: per column, its
// first step, then its lowest and highest in step order, then its last,
// without repeating a step.
func Points(cols []Column) []Point {
	out := make([]Point, 0, 4*len(cols))
	for _, c := range cols {
		lo, hi := Point{c.MinStep, c.Min}, Point{c.MaxStep, c.Max}
		if lo.Step > hi.Step {
			lo, hi = hi, lo
		}
		start := len(out)
		for _, p := range [...]Point{{c.From, c.First}, lo, hi, {c.To - 1, c.Last}} {
			if len(out) == start || out[len(out)-1].Step != p.Step {
				out = append(out, p)
			}
		}
	}
	return out
}
