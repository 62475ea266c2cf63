package core

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core/internal/specjson"
	"github.com/lrplay/lrplay/internal/strs"
)

// Stepping says when a training loop calls scheduler.step().
type Stepping string

// The three places a loop steps its scheduler (see Units for the loop).
const (
	// PerStep: once per optimizer step, right after optimizer.step(). The
	// default, and what Hugging Face's Trainer, timm's step_update, Keras and
	// optax do: the schedule's index is the optimizer step.
	PerStep Stepping = "step"
	// PerMicroBatch: once per micro-batch, whether the optimizer stepped or
	// not. With gradient accumulation the schedule runs Accumulation times
	// faster than written: restarts come that many times as often, and a
	// decay ends that many times too soon.
	PerMicroBatch Stepping = "micro_batch"
	// PerEpoch: once per epoch, after the epoch's loop. The lr changes only
	// at epoch boundaries: drawn in optimizer steps, a staircase.
	PerEpoch Stepping = "epoch"
)

// maxAccumulation bounds Units.Accumulation. No one accumulates a million
// micro-batches, and the bound keeps (t+1)·Accumulation inside an int64 for
// every step t up to MaxSteps.
const maxAccumulation = 1_000_000

// Units says how a training loop counts, so that a schedule, which counts
// calls of scheduler.step(), can be drawn in optimizer steps and epochs. In
// PyTorch's order, with A = Accumulation and E = StepsPerEpoch (the loader
// yields A·E micro-batches an epoch), the loop is one of
//
//	for epoch in range(epochs):
//	    for i, batch in enumerate(loader):
//	        loss_fn(model(batch)).backward()
//	        if (i + 1) % A == 0:
//	            optimizer.step()       # optimizer step t runs with the lr set before it
//	            optimizer.zero_grad()
//	            scheduler.step()       # PerStep
//	        scheduler.step()           # PerMicroBatch, instead
//	    scheduler.step()               # PerEpoch, instead
//
// Optimizer steps are counted from 0 over the whole run. Step t runs with the
// lr that the calls of scheduler.step() made before it have set: the kind's
// value at step c(t) (for PyTorch, the lr after c(t) calls), where
//
//	PerStep:        c(t) = t
//	PerMicroBatch:  c(t) = (t+1)·A − 1   micro-batches 0 … (t+1)·A − 2 have each called it; the call
//	                                     of step t's last micro-batch comes after optimizer.step()
//	PerEpoch:       c(t) = ⌊t/E⌋         one call after each finished epoch
//
// Off by one on purpose: per micro-batch, the very first optimizer step
// already runs with the lr of call A − 1, not the initial lr. A run of N
// optimizer steps uses the lr of calls 0 … c(N−1), so the schedule runs for
// Calls(N) = c(N−1) + 1 steps of its own (the loop's call after the last
// optimizer step sets an lr nothing uses). Schedules that depend on the run's
// length (the playground's warmup fraction, lr_schedule's progress_remaining)
// see that length.
//
// Accumulation moves the lr only under PerMicroBatch, and StepsPerEpoch
// only under PerEpoch; both are kept either way, for the x axis in epochs
// and for links. A loader whose length is not a multiple of A leaves a
// partial accumulation at each epoch's end, which loops treat differently;
// Units assumes there is none.
//
// The zero Units is not valid: start from DefaultUnits. Units is comparable.
type Units struct {
	StepsPerEpoch int64    // optimizer steps per epoch, ≥ 1
	Accumulation  int64    // micro-batches per optimizer step, in [1, 10^6]
	Stepping      Stepping // when scheduler.step() is called
}

// DefaultUnits is one scheduler call per optimizer step, one micro-batch
// per step and one step per epoch: the schedule's own index, unchanged.
func DefaultUnits() Units { return Units{StepsPerEpoch: 1, Accumulation: 1, Stepping: PerStep} }

// unitsParams describes the fields of Units as a spec's "units" object
// spells them, in the same form as a kind's parameters.
var unitsParams = []Param{
	{Name: "steps_per_epoch", Type: Int, Default: int64(1), Range: between(1, float64(MaxSteps)),
		Doc: "optimizer steps in an epoch (len(loader) // accumulation): where epochs start on the x axis, " +
			"and where the lr changes when the scheduler is stepped once per epoch",
		Hint: Hint{Min: 1, Max: 10000, Step: 1, Log: true}},
	{Name: "accumulation", Type: Int, Default: int64(1), Range: between(1, maxAccumulation),
		Doc: "micro-batches per optimizer step (gradient accumulation); it moves the lr only when the " +
			"scheduler is stepped every micro-batch, which then runs the schedule this many times too fast",
		Hint: Hint{Min: 1, Max: 64, Step: 1, Log: true}},
	{Name: "stepping", Type: Enum, Default: string(PerStep),
		Options: []string{string(PerStep), string(PerMicroBatch), string(PerEpoch)},
		Doc: `when the training loop calls scheduler.step(): "step", once per optimizer step; ` +
			`"micro_batch", once per micro-batch (with accumulation, the schedule runs that many times too fast); ` +
			`"epoch", once per epoch (the lr changes only at epoch boundaries)`},
}

// UnitsParams describes the fields of Units as parameters, in the order a
// spec's "units" object writes them: steps_per_epoch, accumulation and
// stepping, each with its type, default, range, doc and slider hint. A page
// builds the controls for units from it as for a kind's parameters;
// Param.ParseText reads a control's text, and NewUnits the values. Errors
// about units name these parameters, but torch.OneCycleLR has a
// steps_per_epoch of its own (the calls in its epoch, for total_steps): a
// page showing both needs another id for one of the two controls.
func UnitsParams() []Param { return slices.Clone(unitsParams) }

func unitsParam(name string) *Param {
	for i := range unitsParams {
		if unitsParams[i].Name == name {
			return &unitsParams[i]
		}
	}
	return nil
}

// NewUnits builds Units from values keyed by UnitsParams' names, as Parse
// and Param.ParseText hold them (int64 for the whole numbers, string for
// stepping); a name left out takes its default. Every error is an *Error
// naming the parameter at fault.
func NewUnits(values map[string]any) (Units, error) {
	u := DefaultUnits()
	for name, v := range values {
		if err := u.set(name, v); err != nil {
			return Units{}, err
		}
	}
	if err := u.Validate(); err != nil {
		return Units{}, err
	}
	return u, nil
}

// set sets the field called name to v, a value as Parse holds it, or
// returns an *Error on name; Validate checks the ranges.
func (u *Units) set(name string, v any) error {
	p := unitsParam(name)
	if p == nil {
		return unknownUnitsParam(name)
	}
	if p.Type == Enum {
		s, ok := v.(string)
		if !ok {
			return errorf(name, formatValue(v)+" is not an option; must be "+p.describe())
		}
		u.Stepping = Stepping(s)
		return nil
	}
	n, ok := v.(int64)
	if !ok {
		return errorf(name, formatValue(v)+" is not a whole number; must be "+p.describe())
	}
	if name == "accumulation" {
		u.Accumulation = n
	} else {
		u.StepsPerEpoch = n
	}
	return nil
}

func unknownUnitsParam(name string) error {
	names := make([]string, len(unitsParams))
	for i, p := range unitsParams {
		names[i] = p.Name
	}
	shown := strs.Shorten(name)
	msg := "unknown field " + strconv.Quote(shown) + " of units"
	if s := suggest(name, names); s != "" {
		msg += `; did you mean "` + s + `"?`
	} else {
		msg += "; its fields are " + strings.Join(names, ", ")
	}
	return &Error{Param: shown, Msg: msg}
}

// Args returns u's fields keyed by UnitsParams' names, as NewUnits reads them.
func (u Units) Args() map[string]any {
	return map[string]any{
		"steps_per_epoch": u.StepsPerEpoch,
		"accumulation":    u.Accumulation,
		"stepping":        string(u.Stepping),
	}
}

// Validate reports the first field of u out of range, as an *Error whose
// Param is the field's name in UnitsParams ("steps_per_epoch",
// "accumulation" or "stepping").
func (u Units) Validate() error {
	for _, f := range [...]struct {
		name string
		v    int64
	}{{"steps_per_epoch", u.StepsPerEpoch}, {"accumulation", u.Accumulation}} {
		p := unitsParam(f.name)
		if !p.Range.Contains(float64(f.v)) {
			return errorf(f.name, strconv.FormatInt(f.v, 10)+" is out of range; must be "+p.describe())
		}
	}
	if p := unitsParam("stepping"); !slices.Contains(p.Options, string(u.Stepping)) {
		return errorf("stepping", strconv.Quote(strs.Shorten(string(u.Stepping)))+" is not an option; must be "+p.describe())
	}
	return nil
}

// identity reports whether u maps every optimizer step to the call of the
// same number, so a schedule under u is the schedule itself.
func (u Units) identity() bool {
	switch u.Stepping {
	case PerMicroBatch:
		return u.Accumulation <= 1
	case PerEpoch:
		return u.StepsPerEpoch <= 1
	}
	return true
}

// Call is c(step): the number of calls of scheduler.step() made before
// optimizer step step runs, whose lr it runs with (see Units). It is 0 for
// step < 0. Fields that Validate rejects count as their defaults, so Call
// never panics.
//
//go:noinline
func (u Units) Call(step int64) int64 {
	if step < 0 {
		return 0
	}
	switch u.Stepping {
	case PerMicroBatch:
		a := max(u.Accumulation, 1)
		if step+1 > math.MaxInt64/a {
			return math.MaxInt64 // past any run: saturate rather than wrap
		}
		return (step+1)*a - 1
	case PerEpoch:
		return step / max(u.StepsPerEpoch, 1)
	}
	return step
}

// Calls is the length of the schedule's own run behind a run of steps
// optimizer steps: c(steps−1) + 1, the calls whose lr some optimizer step
// uses (0 for steps < 1). Per epoch that is the number of epochs begun,
// ⌈steps/StepsPerEpoch⌉; per micro-batch, steps·Accumulation.
func (u Units) Calls(steps int64) int64 {
	if steps < 1 {
		return 0
	}
	c := u.Call(steps - 1)
	if c == math.MaxInt64 {
		return c
	}
	return c + 1
}

// FirstStep is the first optimizer step that runs with the lr of call
// (or of a later call): where something the schedule does at its own step
// call shows on a chart in optimizer steps. Per step it is call; per
// micro-batch, ⌊call/Accumulation⌋; per epoch, call·StepsPerEpoch, the
// first step of epoch call. It is 0 for call ≤ 0.
func (u Units) FirstStep(call int64) int64 {
	if call <= 0 {
		return 0
	}
	switch u.Stepping {
	case PerMicroBatch:
		return call / max(u.Accumulation, 1)
	case PerEpoch:
		e := max(u.StepsPerEpoch, 1)
		if call > math.MaxInt64/e {
			return math.MaxInt64
		}
		return call * e
	}
	return call
}

// Epoch is where optimizer step step lies on an x axis in epochs,
// step/StepsPerEpoch: epoch k (counted from 0, as the loop counts it)
// starts at step k·StepsPerEpoch, and a run of N steps ends at
// N/StepsPerEpoch.
func (u Units) Epoch(step int64) float64 {
	return float64(step) / float64(max(u.StepsPerEpoch, 1))
}

// describe says how u turns optimizer steps into calls, for messages.
func (u Units) describe() string {
	switch {
	case u.identity():
		return "one per optimizer step"
	case u.Stepping == PerMicroBatch:
		return "one per micro-batch, " + strconv.FormatInt(u.Accumulation, 10) + " per optimizer step"
	}
	return "one per epoch of " + strconv.FormatInt(u.StepsPerEpoch, 10) + " optimizer steps"
}

// pyCall is c(t) in Python, for Code's comment.
func (u Units) pyCall() string {
	switch {
	case u.identity():
		return "t"
	case u.Stepping == PerMicroBatch:
		return "(t + 1) * " + strconv.FormatInt(u.Accumulation, 10) + " - 1"
	}
	return "t // " + strconv.FormatInt(u.StepsPerEpoch, 10)
}

// InUnits returns s drawn in optimizer steps under units u: the same kind
// and parameters, whose step t has the lr the framework has set after
// u.Call(t) calls of scheduler.step() in a run of u.Calls(steps) calls.
// Every method of the result counts optimizer steps: At, Fill and Values
// give the framework's values at c(t) (Fill runs a recursive kind's
// recursion over every call, as the framework does); Events puts each of
// the schedule's events at the first optimizer step that reaches it;
// CheckSteps checks the calls' run; Downsample, Annotations and Mean follow
// from these. MarshalJSON writes u as the spec's "units".
//
// u replaces s's units; it does not compose with them: s.InUnits(DefaultUnits())
// is the schedule in its own steps. Lint, Translate and Code read a schedule
// with units in scheduler calls (see each). It returns Validate's error for
// bad units.
func (s *Schedule) InUnits(u Units) (*Schedule, error) {
	if err := u.Validate(); err != nil {
		return nil, err
	}
	return newSchedule(s.kind, s.args, s.curve, u), nil
}

// Units returns the units s is drawn in: DefaultUnits unless the spec had
// "units" or s came from InUnits.
func (s *Schedule) Units() Units { return s.units }

// newSchedule is a schedule of kind k with curve c (in the kind's own steps)
// drawn under units u, which must be valid.
func newSchedule(k *Kind, a args, c kindCurve, u Units) *Schedule {
	s := &Schedule{kind: k, args: a, curve: c, units: u, run: c}
	if !u.identity() {
		s.run = &unitsCurve{inner: c, u: u}
	}
	return s
}

// inCalls returns s in its own steps and the calls a run of steps optimizer
// steps makes: what Lint, Translate and Code, which reason about the kind's
// parameters, work on.
func (s *Schedule) inCalls(steps int64) (*Schedule, int64) {
	if s.units == DefaultUnits() {
		return s, steps
	}
	return newSchedule(s.kind, s.args, s.curve, DefaultUnits()), s.units.Calls(steps)
}

// withUnits writes u into spec, a JSON object, as its last key "units",
// unless u is DefaultUnits.
func withUnits(spec []byte, u Units) []byte {
	if u == DefaultUnits() || len(spec) == 0 || spec[len(spec)-1] != '}' {
		return spec
	}
	b := append(spec[:len(spec)-1:len(spec)-1], `,"units":{"steps_per_epoch":`...)
	b = strconv.AppendInt(b, u.StepsPerEpoch, 10)
	b = append(b, `,"accumulation":`...)
	b = strconv.AppendInt(b, u.Accumulation, 10)
	b = append(b, `,"stepping":`...)
	b = specjson.AppendString(b, string(u.Stepping))
	return append(b, "}}"...)
}

// parseUnits reads a spec's "units" value: an object with any of
// UnitsParams' names. raw is its JSON text when it is an object or an array.
func parseUnits(v any, raw []byte) (Units, error) {
	if v != specjson.Composite("an object") {
		return Units{}, errorf("units", describeJSON(v)+` is not an object; must be like {"steps_per_epoch": 390, "stepping": "epoch"}`)
	}
	fields, order, err := decodeObject(raw)
	if err != nil {
		return Units{}, err // a key given twice: raw is valid JSON
	}
	u := DefaultUnits()
	for _, key := range order {
		p := unitsParam(key)
		if p == nil {
			return Units{}, unknownUnitsParam(key)
		}
		x, err := p.convert(fields[key])
		if err != nil {
			return Units{}, err
		}
		if err := u.set(key, x); err != nil {
			return Units{}, err
		}
	}
	if err := u.Validate(); err != nil {
		return Units{}, err
	}
	return u, nil
}

// unitsCurve is a curve in the kind's own steps (scheduler calls) drawn in
// optimizer steps under units that are not the identity.
type unitsCurve struct {
	inner curve
	u     Units
}

func (w *unitsCurve) at(i, n int64) float64 {
	return w.inner.at(w.u.Call(i), w.u.Calls(n))
}

// everyFiller is a curve whose framework computes it by a recursion that
// at only approximates, and whose recursion does not depend on the run's
// length. fillEvery writes into dst[j] the value of step first + j·stride,
// running the recursion over every step up to the last one written; fill(dst)
// is fillEvery(dst, 0, 1). Per micro-batch, the optimizer steps read every
// Accumulation-th call, and this keeps the memory to one value a step.
type everyFiller interface {
	fillEvery(dst []float64, first, stride int64)
}

// fillCost is how many of the kind's own steps Fill of a run of n optimizer
// steps computes: Calls(n) when it runs a recursion through calls no
// optimizer step reads, else at most n.
func (w *unitsCurve) fillCost(n int64) int64 {
	if _, ok := w.inner.(everyFiller); ok && w.u.Stepping == PerMicroBatch {
		return w.u.Calls(n)
	}
	return n
}

func (w *unitsCurve) fill(dst []float64) {
	n := int64(len(dst))
	m := w.u.Calls(n)
	if w.u.Stepping == PerEpoch {
		// The run of m ≤ n calls, then each call's value over its epoch's
		// steps, from the back: dst[i/E] is read before dst[i/E] is written.
		calls := dst[:m]
		if f, ok := w.inner.(filler); ok {
			f.fill(calls)
		} else {
			for k := range calls {
				calls[k] = w.inner.at(int64(k), m)
			}
		}
		e := w.u.StepsPerEpoch
		for i := n - 1; i >= 0; i-- {
			dst[i] = dst[i/e]
		}
		return
	}
	// Per micro-batch: the recursion over every call, or at where the
	// framework's values are at's.
	if f, ok := w.inner.(everyFiller); ok {
		a := w.u.Accumulation
		f.fillEvery(dst, a-1, a)
		return
	}
	for i := range dst {
		dst[i] = w.inner.at(w.u.Call(int64(i)), m)
	}
}

func (w *unitsCurve) checkSteps(n int64) error {
	m := w.u.Calls(n)
	context := " (a run of " + strconv.FormatInt(n, 10) + " optimizer steps makes " + strconv.FormatInt(m, 10) +
		" calls of scheduler.step(), " + w.u.describe() + ")"
	if m > MaxSteps {
		return errorf("steps", "the schedule would run for more than "+formatFloat(float64(MaxSteps))+" steps"+context)
	}
	if c, ok := w.inner.(stepChecker); ok {
		if err := c.checkSteps(m); err != nil {
			if e, ok := err.(*Error); ok {
				return &Error{Param: e.Param, Msg: e.Msg + context}
			}
			return err
		}
	}
	return nil
}

// microEvents bounds the events of the kind read for one optimizer step
// per micro-batch: with a schedule that turns at every call, a step spans
// Accumulation of them.
const microEvents = 8

// eventRank orders event kinds by what a chart should mark when several
// fall on one optimizer step.
func eventRank(k EventKind) int {
	switch k {
	case Restart:
		return 5
	case WarmupEnd:
		return 4
	case Boundary:
		return 3
	case Peak, Trough:
		return 2
	}
	return 1
}

// events puts each of the kind's events at the first optimizer step whose
// call reaches it, FirstStep(call). That keeps the Event contract: if τ1 < τ2
// are consecutive such steps, every step t in [τ1, τ2) has c(t) in [k1, k2)
// for consecutive events k1 < k2 of the kind (c is non-decreasing, τ2 is the
// first step with c(t) ≥ k2, and τ1 the first with c(t) ≥ the last event
// placed there), and the kind's lr is monotone on [k1, k2), so on any subset
// of it. A staircase of a monotone piece is monotone: per epoch, the steps
// where the lr changes need no events of their own.
//
// Per micro-batch several events of the kind can fall on one optimizer step;
// it reports one, of the highest eventRank among the first microEvents read,
// and skips the rest of that step's calls.
func (w *unitsCurve) events(n, from, to int64, yield func(Event) bool) {
	m := w.u.Calls(n)
	if w.u.Stepping == PerEpoch {
		e := w.u.StepsPerEpoch
		// Call k shows at step k·E, inside [from, to) for k in [⌈from/E⌉, ⌈to/E⌉).
		lo, hi := ceilDiv(from, e), ceilDiv(to, e)
		if lo >= hi {
			return // no epoch starts in [from, to): Events never asks the kind for an empty window
		}
		w.inner.events(m, lo, hi, func(ev Event) bool {
			ev.Step *= e
			return yield(ev)
		})
		return
	}
	a := w.u.Accumulation
	// Call k shows at step ⌊k/A⌋, inside [from, to) for k in [from·A, to·A).
	lo, hi := from*a, min(to*a, m)
	var cur Event
	have, seen, stopped := false, 0, false
	for lo < hi && !stopped {
		next := int64(-1)
		w.inner.events(m, lo, hi, func(ev Event) bool {
			t := ev.Step / a
			if have && t != cur.Step {
				if !yield(cur) {
					stopped = true
					return false
				}
				have = false
			}
			if !have {
				cur, have, seen = Event{Step: t, Kind: ev.Kind}, true, 0
			} else if eventRank(ev.Kind) > eventRank(cur.Kind) {
				cur.Kind = ev.Kind
			}
			if seen++; seen == microEvents {
				next = (t + 1) * a // go on from the calls of step t+1
				return false
			}
			return true
		})
		if next < 0 {
			break // the kind's events ran out, or yield stopped
		}
		lo = next
	}
	if have && !stopped {
		yield(cur)
	}
}

// ceilDiv is ⌈a/b⌉ for a ≥ 0 and b ≥ 1.
func ceilDiv(a, b int64) int64 {
	q := a / b
	if q*b < a {
		q++
	}
	return q
}
