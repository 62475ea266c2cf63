package core

import "slices"

// PyTorch-Ignite's PiecewiseLinear (ignite/handlers/param_scheduler.py). At
// event e (event_index, 0 first), with milestones m and values v in the
// order given:
//
//	m[0] > e:        v[0] + (v[0] − v[0])·1/1                 = v[0]
//	m[-1] ≤ e:       v[-1] + (v[-1] − v[-1])·0/1              = v[-1]
//	m[i] ≤ e < m[i+1]: v[i] + ((v[i+1] − v[i])·(e − m[i])) / (m[i+1] − m[i])
//
// in that order of operations, as get_param computes it (start_value +
// (end_value − start_value) * (event_index − start_index) / (end_index −
// start_index)). _get_start_end's _index only moves forward, to the first
// non-empty interval [m[i], m[i+1]) holding e, so a repeated milestone's
// last value is the one that shows: i is the last index with m[i] ≤ e,
// found here by binary search.

var ignitePiecewiseKind = register(&Kind{
	Name:  "ignite.PiecewiseLinear",
	order: 602,
	code:  igniteCode,
	imports: []importSig{{callee: "PiecewiseLinear",
		params: []string{"optimizer", "param_name", "milestones_values", "save_history", "param_group_index"}}},
	arithmetic: "ignite's formula, v_i + (v_{i+1} − v_i)·(e − m_i)/(m_{i+1} − m_i), rounds differently",
	Framework:  "PyTorch-Ignite",
	Title:      "PiecewiseLinear",
	Doc: "Straight lines between (milestone, value) pairs: the first value before the first milestone, the last from " +
		"the last milestone on, and between consecutive milestones a line, reaching each milestone's value at it. " +
		"Milestones are whole numbers of events, non-decreasing; at a repeated milestone the last value given shows " +
		"(the earlier ones never do). ignite raises ValueError for an empty list (Argument milestones_values should " +
		"be with at least one value, but given []) and for decreasing milestones (Milestones should be increasing " +
		"integers, but given 1 is smaller than the previous milestone 2).",
	Convention:   igniteConvention,
	Link:         "https://pytorch.org/ignite/generated/ignite.handlers.param_scheduler.PiecewiseLinear.html",
	Example:      `{"kind": "ignite.PiecewiseLinear", "milestones_values": [[0, 0], [100, 0.1], [800, 0.001]]}`,
	ExampleSteps: 1000,
	Params: []Param{
		{Name: "milestones_values", Type: PairList, Required: true, Range: atLeast(0),
			Doc: "a list of (milestone, value) tuples: the value reached at each milestone event, milestones " +
				"non-decreasing whole numbers; at least one pair",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
	},
	build: buildIgnitePiecewise,
})

// ignitePiecewise is PiecewiseLinear(optimizer, "lr", milestones_values).
type ignitePiecewise struct {
	m []int64
	v []float64
}

func buildIgnitePiecewise(a args) (kindCurve, error) {
	pairs := a["milestones_values"].([]stepValue)
	if len(pairs) == 0 {
		return nil, errorf("milestones_values", "no pairs: ignite raises ValueError: Argument milestones_values should be "+
			"with at least one value, but given []")
	}
	g := &ignitePiecewise{}
	for i, p := range pairs {
		if i > 0 && p.step < g.m[i-1] {
			return nil, errorf("milestones_values"+listOpen+itoa(int64(i))+listClose, "ignite raises ValueError: Milestones "+
				"should be increasing integers, but given "+itoa(p.step)+" is smaller than the previous milestone "+itoa(g.m[i-1]))
		}
		g.m, g.v = append(g.m, p.step), append(g.v, p.value)
	}
	return g, nil
}

// index is the last i with m[i] ≤ e, or -1 before the first milestone.
func (g *ignitePiecewise) index(e int64) int {
	i, _ := slices.BinarySearch(g.m, e+1) // the first milestone ≥ e + 1, that is > e
	return i - 1
}

func (g *ignitePiecewise) at(e, n int64) float64 {
	i := g.index(e)
	var s, t int64
	var a, b float64
	switch {
	case i < 0:
		s, t, a, b = e-1, e, g.v[0], g.v[0]
	case i == len(g.m)-1:
		s, t, a, b = e, e+1, g.v[i], g.v[i]
	default:
		s, t, a, b = g.m[i], g.m[i+1], g.v[i], g.v[i+1]
	}
	return a + (b-a)*float64(e-s)/float64(t-s)
}

// events marks each milestone in (0, n): a Peak or a Trough where the line
// turns, else a Boundary.
func (g *ignitePiecewise) events(n, from, to int64, yield func(Event) bool) {
	for i, m := range g.m {
		if m <= 0 || m < from || m >= to || m >= n || i > 0 && g.m[i-1] == m {
			continue
		}
		kind := Boundary
		before, here := g.at(m-1, n), g.at(m, n)
		if m+1 < n {
			after := g.at(m+1, n)
			switch {
			case here > before && after < here:
				kind = Peak
			case here < before && after > here:
				kind = Trough
			}
		}
		if !yield(Event{m, kind}) {
			return
		}
	}
}

// shape reads the lines a translation can draw: a constant, a warmup to a
// constant, a linear decay, each with a hold before or after.
func (g *ignitePiecewise) shape(a args, n int64) (shape, string) {
	sh := newShape()
	m, v := g.m, g.v
	no := "ignite's PiecewiseLinear here draws more lines than a warmup and one linear decay"
	if m[0] != 0 && len(m) > 1 {
		return sh, "the first milestone is " + itoa(m[0]) + ", not 0"
	}
	switch {
	case len(m) == 1:
		sh.form, sh.peak = shapeFlat, v[0]
	case len(m) == 2 && m[1] > 0:
		sh.linear(v[0], v[1], m[1])
	case len(m) == 3 && m[1] > 0 && m[2] > m[1] && v[0] < v[1] && v[2] < v[1]:
		sh.form, sh.warmup, sh.start, sh.peak, sh.floor, sh.length = shapeLinear, m[1], v[0], v[1], v[2], float64(m[2]-m[1])
	default:
		return sh, no
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint: the peak is the largest
// value, the floor the last.
func (g *ignitePiecewise) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "events (one per iteration when bound to ITERATION_STARTED)"}
	peak := 0
	for i := range g.v {
		if g.v[i] > g.v[peak] {
			peak = i
		}
	}
	last := len(g.v) - 1
	f.peak, f.floor = g.v[peak], g.v[last]
	f.peakName = "the value at milestone " + itoa(g.m[peak]) + ", " + formatFloat(f.peak)
	f.floorName = "the last value, " + formatFloat(f.floor)
	if peak > 0 && g.m[peak] > 0 {
		f.warmup, f.warmupName = min(g.m[peak], n), "the milestone "+itoa(g.m[peak])
	}
	if g.m[last] > 0 {
		f.end, f.endName = g.m[last], "the last milestone, "+itoa(g.m[last])+", ends the lines"
	}
	f.holds = last == 0 || peak == last
	f.noMin = last == 0
	return f
}

// ignitePiecewiseTarget writes a constant, a linear warmup, a hold and a
// linear decay as PiecewiseLinear's milestones; nil for other shapes.
func ignitePiecewiseTarget(sh *shape) []candidate {
	if sh.under || sh.form != shapeLinear && sh.form != shapeFlat || sh.form == shapeLinear && !isInt(sh.length) {
		return nil
	}
	w, s := sh.warmup, sh.stable
	pairs := []stepValue{{0, sh.peak}}
	if w > 0 {
		pairs = []stepValue{{0, sh.start}, {w, sh.peak}}
	}
	if sh.form == shapeLinear {
		if s > 0 {
			pairs = append(pairs, stepValue{w + s, sh.peak})
		}
		pairs = append(pairs, stepValue{w + s + int64(sh.length), sh.floor})
	}
	return []candidate{spec(ignitePiecewiseKind, "milestones_values", pairs)}
}
