package core

import "math"

// meanExactSteps is the longest run whose mean lr is the average of every
// step's value; a longer run's mean is estimated from meanSamples steps,
// which keeps the cost of a redraw flat however long the run.
const (
	meanExactSteps = 1 << 14
	meanSamples    = 1 << 12
)

// meanExactCalls bounds the kind's own steps an exact mean runs a recursion
// over: per micro-batch, a run of meanExactSteps optimizer steps can make
// 10^6 times as many calls of scheduler.step().
const meanExactCalls = 1 << 18

// Mean is the average lr over a run of steps steps, the area under the
// curve divided by the run's length: how much learning a schedule gives,
// for comparing schedules of the same run. It is exact (the compensated
// sum of every value) for runs of up to meanExactSteps steps (whose Fill
// computes at most meanExactCalls values: see Units); beyond, it is the
// average of the midpoints of meanSamples equal strata of the run, and
// exact is false. steps must have passed CheckSteps.
func (s *Schedule) Mean(steps int64) (mean float64, exact bool) {
	if steps <= 0 {
		return 0, true
	}
	var sum neumaier
	if steps <= meanExactSteps && s.fillCost(steps) <= meanExactCalls {
		vals := make([]float64, steps)
		s.Fill(vals)
		for _, v := range vals {
			sum.add(v)
		}
		return sum.value() / float64(steps), true
	}
	for k := int64(0); k < meanSamples; k++ {
		sum.add(s.At((2*k+1)*steps/(2*meanSamples), steps)) // steps ≤ MaxSteps: no overflow
	}
	return sum.value() / meanSamples, false
}

// neumaier is a compensated sum: its error does not grow with the number
// of terms (Neumaier 1974, Kahan's summation improved for terms larger
// than the sum).
type neumaier struct{ sum, c float64 }

func (n *neumaier) add(x float64) {
	t := n.sum + x
	if math.Abs(n.sum) >= math.Abs(x) {
		n.c += (n.sum - t) + x
	} else {
		n.c += (x - t) + n.sum
	}
	n.sum = t
}

func (n *neumaier) value() float64 { return n.sum + n.c }
