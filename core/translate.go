package core

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Translation is a run of a schedule written in another framework.
type Translation struct {
	Framework string // one of Frameworks()
	// Kind and Spec are the translated spec and its kind, in full (defaults
	// included); both are empty when the framework has no equivalent.
	Kind string
	Spec []byte
	// Exact reports that the two runs were compared and are identical: every
	// step's float64 for runs of up to TranslateCheckSteps steps, otherwise
	// every value a TranslateColumns-column chart of the run shows.
	Exact bool
	// MaxDiff is the largest difference between the two runs' values as a
	// fraction of the largest lr of the original (or, when that is 0, the
	// largest difference itself): 0 when exact, about 1e-7 when the
	// translation is in float32, about 1 when a restart lands a step off.
	MaxDiff float64
	// Note says how close the translation is, measured, or why there is none.
	// It starts with "exact:", "close, not exact:", "differs:" or "no equivalent:".
	Note string
}

// Runs of up to TranslateCheckSteps steps are compared at every step; longer
// ones on the first, last, lowest and highest lr of each of TranslateColumns
// columns (Downsample), which is what a chart of them shows.
const (
	TranslateCheckSteps = 100_000
	TranslateColumns    = 2048
)

// Translate writes the run of steps steps of s in each framework other than
// its own: the parameters that give the same curve where one exists,
// checked by evaluating both runs, and what differs where none does.
//
// A schedule with Units is translated in its own steps, over the
// u.Calls(steps) calls of scheduler.step() the run makes; each Spec keeps
// the units, which map both runs to optimizer steps alike.
func Translate(s *Schedule, steps int64) []Translation {
	u := s.units
	s, steps = s.inCalls(steps)
	src := viewOf(s, steps)
	var out []Translation
	for _, f := range frameworks {
		if fw := f.name; fw != FrameworkOf(s.kind) {
			t := translateTo(s, steps, fw, &src)
			t.Spec = withUnits(t.Spec, u)
			out = append(out, t)
		}
	}
	return out
}

// translateTo translates the run of n steps of s into framework fw; src is
// the run's view.
func translateTo(s *Schedule, n int64, fw string, src *runView) Translation {
	t := Translation{Framework: fw}
	f := frameworkNamed(fw)
	title := f.title
	if src.err != nil {
		t.Note = "no equivalent: " + errText(src.err)
		return t
	}
	sh, why := shapeOf(s, n)
	if why != "" {
		t.Note = "no equivalent: " + why + "; no " + title + " kind draws that"
		return t
	}
	cands, whys := f.tools.target(&sh, n)
	var best *translated
	for _, c := range cands {
		got, err := c.evaluate(src)
		if err != "" {
			whys = append(whys, err)
			continue
		}
		if best == nil || got.better(best) {
			best = got
		}
	}
	if best == nil {
		whys = slices.Compact(whys)
		t.Note = "no equivalent: " + strings.Join(whys, "; ")
		return t
	}
	t.Kind, t.Spec, t.Exact, t.MaxDiff = best.kind.Name, best.spec, best.d.differ == 0, best.d.fraction()
	t.Note = best.d.note(src, arithmetic(s.kind, best.kind))
	return t
}

// candidate is a spec a target proposes.
type candidate struct {
	kind   *Kind
	values map[string]any
}

// translated is a candidate that parsed and ran, with how it compares.
type translated struct {
	kind *Kind
	spec []byte
	d    diffStats
}

// better prefers an exact translation, then the smaller largest difference;
// ties keep the earlier candidate.
func (t *translated) better(u *translated) bool {
	if (t.d.differ == 0) != (u.d.differ == 0) {
		return t.d.differ == 0
	}
	return t.d.maxAbs < u.d.maxAbs
}

// evaluate writes, parses and runs c and compares it with src, or says why it cannot.
func (c candidate) evaluate(src *runView) (*translated, string) {
	k := c.kind
	spec, err := k.Spec(c.values)
	if err != nil {
		return nil, k.Name + " cannot hold it (" + errText(err) + ")"
	}
	ts, err := Parse(spec)
	if err != nil {
		return nil, k.Name + " would need " + errText(err)
	}
	spec, _ = ts.MarshalJSON()
	dst := viewOf(ts, src.n)
	if dst.err != nil {
		return nil, k.Name + " cannot run it: " + errText(dst.err)
	}
	return &translated{kind: c.kind, spec: spec, d: compareViews(src, &dst)}, ""
}

// arithmetic says why two kinds' values of the same curve round differently.
func arithmetic(a, b *Kind) string {
	var f32 []string
	for _, f := range frameworks {
		if f.float32 && (FrameworkOf(a) == f.name || FrameworkOf(b) == f.name) {
			f32 = append(f32, f.title)
		}
	}
	switch {
	case len(f32) == 2:
		return f32[0] + " and " + f32[1] + " both compute in float32, in different orders"
	case len(f32) == 1:
		return f32[0] + " computes in float32"
	}
	for _, k := range []*Kind{a, b} {
		if k.arithmetic != "" {
			return k.arithmetic
		}
	}
	return "the two formulas round differently"
}

// runView is what a run is compared on: every value, or chart columns.
type runView struct {
	n      int64
	values []float64
	cols   []Column
	exact  bool // every column is exact (Downsample)
	err    error
}

func viewOf(s *Schedule, n int64) runView {
	if err := s.CheckSteps(n); err != nil {
		return runView{n: n, err: err}
	}
	if n <= TranslateCheckSteps {
		v, err := s.Values(int(n))
		return runView{n: n, values: v, err: err}
	}
	cols, exact := s.Downsample(n, TranslateColumns)
	return runView{n: n, cols: cols, exact: exact}
}

// each calls f with each (step, lr) the view holds, in order.
func (r *runView) each(f func(step int64, v float64)) {
	if r.cols == nil {
		for i, v := range r.values {
			f(int64(i), v)
		}
		return
	}
	for _, c := range r.cols {
		f(c.From, c.First)
		f(c.MinStep, c.Min)
		f(c.MaxStep, c.Max)
		f(c.To-1, c.Last)
	}
}

// diffStats measures how two runs differ.
type diffStats struct {
	compared, differ, beyond int     // values compared, values that differ, those differing by more than rounding
	scale                    float64 // the largest |lr| of the original
	maxAbs, maxRel           float64
	relStep, firstBeyond     int64
	relA, relB, beyA, beyB   float64
}

// fraction is the largest difference as a fraction of the largest lr, or
// itself when the original is 0 throughout.
func (d *diffStats) fraction() float64 {
	if d.scale == 0 {
		return d.maxAbs
	}
	return d.maxAbs / d.scale
}

// beyondRounding is the difference, as a fraction of the largest lr, above
// which two values are not the same value rounded differently: float32
// rounding is 6e-8 relative an operation.
const beyondRounding = 1e-6

func compareViews(a, b *runView) diffStats {
	var d diffStats
	var bs []float64
	b.each(func(_ int64, v float64) { bs = append(bs, v) })
	a.each(func(_ int64, v float64) { d.scale = max(d.scale, math.Abs(v)) })
	j := 0
	a.each(func(step int64, x float64) {
		y := bs[j]
		j++
		d.compared++
		if x == y {
			return
		}
		d.differ++
		abs := math.Abs(x - y)
		if rel := abs / max(math.Abs(x), math.Abs(y)); rel > d.maxRel {
			d.maxRel, d.relStep, d.relA, d.relB = rel, step, x, y
		}
		if abs > d.maxAbs {
			d.maxAbs = abs
		}
		if abs > beyondRounding*d.scale {
			if d.beyond == 0 {
				d.firstBeyond, d.beyA, d.beyB = step, x, y
			}
			d.beyond++
		}
	})
	return d
}

// note writes d for a Translation: what was compared and how it came out.
func (d *diffStats) note(src *runView, why string) string {
	var what string
	if src.cols == nil {
		what = itoa(int64(d.compared)) + " steps"
	} else {
		what = itoa(int64(d.compared)) + " values a " + itoa(int64(TranslateColumns)) + "-column chart shows of the " +
			itoa(src.n) + " steps (each column's first, last, lowest and highest lr"
		if !src.exact {
			what += ", some columns approximate"
		}
		what += "; not every step"
		what += ")"
	}
	if d.differ == 0 {
		return "exact: the same float64 at all " + what
	}
	rel := "the largest relative difference is " + twoDigits(d.maxRel) + " (step " + itoa(d.relStep) + ": " +
		formatFloat(d.relB) + ", the original " + formatFloat(d.relA) + ")"
	frac := twoDigits(d.fraction())
	if d.beyond == 0 {
		return "close, not exact (" + why + "): " + itoa(int64(d.differ)) + " of " + what + " differ; " + rel +
			", and no difference is more than " + frac + " of the largest lr"
	}
	return "differs: " + itoa(int64(d.beyond)) + " of " + what + " differ by more than rounding, the first at step " +
		itoa(d.firstBeyond) + " (" + formatFloat(d.beyB) + ", the original " + formatFloat(d.beyA) +
		"), by up to " + frac + " of the largest lr; " + why
}

// twoDigits writes x with two significant digits. Not inlined: message
// formatting, for the wasm's size.
//
//go:noinline
func twoDigits(x float64) string { return strconv.FormatFloat(x, 'g', 2, 64) }

// errText is err's message without the package prefix, to quote it in
// another message.
//
//go:noinline
func errText(err error) string { return strings.TrimPrefix(err.Error(), "core: ") }
