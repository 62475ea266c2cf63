package core

import (
	"math"
	"strconv"

	"github.com/lrplay/lrplay/core/internal/specjson"
	"github.com/lrplay/lrplay/internal/strs"
)

// Finding is a pitfall Lint found in a run: something the schedule does that
// its user most likely did not mean.
type Finding struct {
	// Code says which pitfall it is, one of those Lint lists. Codes are stable.
	Code string `json:"code"`
	// Message says what happens and why in one line, in the framework's
	// parameter names and the run's steps.
	Message string `json:"message"`
	// From and To are the first and last step concerned (From ≤ To), for a
	// chart to highlight.
	From int64 `json:"from"`
	To   int64 `json:"to"`
	// Fix holds the parameters to change, with values as Parse holds them;
	// FixSpec is the whole spec with them changed, and FixLabel says it in
	// words ("set T_max = 10000"). All three are empty when there is no fix
	// to suggest. A fix never changes the run length, which is the user's
	// budget, and Lint suggests one only after checking that its spec parses,
	// runs for the same steps and no longer has this finding.
	Fix      map[string]any `json:"fix,omitempty"`
	FixSpec  []byte         `json:"fix_spec,omitempty"`
	FixLabel string         `json:"fix_label,omitempty"`
}

// The thresholds of the checks. Each is a fraction of the schedule's own
// range (peak − floor) or a ratio of step counts, so they hold at any lr and
// any run length.
const (
	// lintUnits: a schedule whose designed end is this many times shorter or
	// longer than the run was most likely counted in other units (epochs,
	// samples, micro-batches).
	lintUnits = 4
	// lintFar: the lr is far from the floor when it is more than this
	// fraction of the way from the floor back up to the peak.
	lintFar = 0.25
	// lintRise: a rise past the designed end smaller than this fraction of
	// the range is rounding or a last step, not a pitfall.
	lintRise = 0.01
	// lintJump: a move against the warmup's direction at its end is a jump
	// when it is at least this fraction of the lr, and more than twice the
	// step after it (so a curve that merely turns there is not one).
	lintJump = 0.01
	// lintFlat: the lr is flat when it moves by no more than this fraction
	// of itself (rounding in a framework's arithmetic moves it by ulps).
	lintFlat = 1e-9
	// lintMaxEvents bounds the events one question reads, so Lint costs the
	// same at 10^3 and 10^12 steps; past it, ranges come from samples.
	lintMaxEvents = 4096
	lintSamples   = 256
)

// lintCheck is one kind of finding: find reports it for the run in c, or
// nil, and a function giving candidate fixes, most preferred first.
type lintCheck struct {
	code string
	find func(c *lintCtx) (*Finding, func() []map[string]any)
}

// lintChecks in the order Lint reports them: causes (units, warmup) before
// what they cause.
var lintChecks = [...]lintCheck{
	{"steps-vs-epochs", lintStepsVsEpochs},
	{"warmup-exceeds-run", lintWarmupExceedsRun},
	{"warmup-jump", lintWarmupJump},
	{"flat", lintFlatRun},
	{"floor-above-peak", lintFloorAbovePeak},
	{"rises-after-end", lintRisesAfterEnd},
	{"no-restarts", lintNoRestarts},
	{"ends-mid-cycle", lintEndsMidCycle},
	{"min-not-reached", lintMinNotReached},
	// PyTorch's compositions (lint_compose.go).
	{"milestone-zero", lintMilestoneZero},
	{"milestones-unsorted", lintMilestoneOrder},
	{"milestone-past-run", lintMilestonePastRun},
	{"construction-lr", lintConstructionLR},
	{"warmup-vs-milestone", lintWarmupMilestone},
	{"cosine-counts-run", lintCosineRun},
	{"chained-product", lintChainedProduct},
}

// Lint returns the pitfalls of running s for steps steps, at most one per
// code, in this order:
//
//	steps-vs-epochs     the schedule's designed length is 4× shorter or longer than the run: counted in other units
//	warmup-exceeds-run  the warmup lasts the whole run, so the lr never reaches its peak
//	warmup-jump         the lr jumps against the warmup's direction where warmup ends (timm without warmup_prefix)
//	flat                the lr does not move after warmup (eta_min = lr, gamma = 1, alpha = 1, ...)
//	floor-above-peak    the floor is above the peak, so the decay runs upside down
//	rises-after-end     past its designed end the lr climbs back (PyTorch's CosineAnnealingLR past T_max)
//	no-restarts         a schedule of restarting cycles that restarts nowhere in the run
//	ends-mid-cycle      the run stops in a cycle, more than a quarter of the way back up from its floor
//	min-not-reached     the decay ends after the run, which stops more than a quarter of the way up from the floor
//	milestone-zero      a SequentialLR milestone ≤ 0, which PyTorch never reaches: the scheduler after it never restarts
//	milestones-unsorted SequentialLR milestones out of order or repeated: bisect_right skips or reorders schedulers
//	milestone-past-run  a SequentialLR milestone at or past the run's end: the schedulers after it never run
//	construction-lr     a child's constructor sets initial_lr (OneCycleLR; CyclicLR first), which the others start from
//	warmup-vs-milestone a LinearLR or ConstantLR child whose total_iters is not its stretch: the lr jumps or stalls
//	cosine-counts-run   a CosineAnnealingLR after a milestone with T_max ≈ the whole run: it never reaches eta_min
//	chained-product     a ChainedScheduler whose product is not what its children suggest
//
// It works from the kind's own parameters and the schedule's events, never
// step by step, so its cost does not grow with steps. It returns CheckSteps'
// error for a run the schedule cannot make.
//
// A schedule with Units is linted in its own steps, over the u.Calls(steps)
// calls of scheduler.step() the run makes, since that is what its
// parameters count: messages and fixes count calls (per epoch, a fix of
// T_max is in epochs). From and To are optimizer steps, for the chart, and
// FixSpec keeps the units.
func Lint(s *Schedule, steps int64) ([]Finding, error) {
	if err := s.CheckSteps(steps); err != nil {
		return nil, err
	}
	u := s.units
	s, calls := s.inCalls(steps)
	c := newLintCtx(s, calls)
	var out []Finding
	for _, chk := range lintChecks {
		f, fixes := chk.find(c)
		if f == nil {
			continue
		}
		f.Code = chk.code
		if fixes != nil {
			c.fix(f, chk, fixes())
		}
		if u != DefaultUnits() {
			f.From, f.To = stepsOfCalls(u, f.From, f.To, steps)
			f.FixSpec = withUnits(f.FixSpec, u)
		}
		out = append(out, *f)
	}
	return out, nil
}

// stepsOfCalls is the optimizer steps of a run of steps steps under u that
// run with the lr of calls from … to: from the first that reaches call from
// to the last before call to+1, or the first alone when none runs inside.
func stepsOfCalls(u Units, from, to, steps int64) (int64, int64) {
	first := min(u.FirstStep(from), steps-1)
	last := min(u.FirstStep(to+1)-1, steps-1)
	return first, max(last, first)
}

// lintCtx is one run of one schedule, as the checks see it.
type lintCtx struct {
	s     *Schedule
	n     int64
	facts lintFacts
}

func newLintCtx(s *Schedule, n int64) *lintCtx {
	return &lintCtx{s: s, n: n, facts: lintFactsOf(s, n)}
}

// at is not inlined: it calls through an interface anyway.
//
//go:noinline
func (c *lintCtx) at(i int64) float64 { return c.s.curve.at(i, c.n) }

// fix sets f's fix to the first candidate that is a real change, parses,
// runs for c.n steps and no longer has f's code.
func (c *lintCtx) fix(f *Finding, chk lintCheck, candidates []map[string]any) {
	for _, fix := range candidates {
		if len(fix) == 0 || c.unchanged(fix) {
			continue
		}
		spec, err := lintFixSpec(c.s, fix)
		if err != nil {
			continue
		}
		s2, err := Parse(spec)
		if err != nil || s2.CheckSteps(c.n) != nil {
			continue
		}
		if again, _ := chk.find(newLintCtx(s2, c.n)); again != nil {
			continue
		}
		f.Fix, f.FixSpec, f.FixLabel = fix, spec, c.label(fix)
		return
	}
}

func (c *lintCtx) unchanged(fix map[string]any) bool {
	for k, v := range fix {
		if !lintSame(c.s.args[k], v) {
			return false
		}
	}
	return true
}

// label says a fix in words, its parameters in the kind's order.
func (c *lintCtx) label(fix map[string]any) string {
	s := "set"
	first := true
	for _, p := range c.s.kind.Params {
		v, ok := fix[p.Name]
		if !ok {
			continue
		}
		if !first {
			s += ","
		}
		first = false
		s += " " + p.Name + " = " + formatValue(v)
	}
	return s + lintPathLabel(fix, first)
}

// lintRange returns the lowest and highest lr of the steps [from, to) and
// the step of the highest. Between consecutive events a curve is monotone,
// so the extremes lie at the ends of the window or around its events; past
// lintMaxEvents events the rest of the window is sampled instead.
func (c *lintCtx) lintRange(from, to int64) (lo, hi float64, hiAt int64) {
	lo, hi, hiAt = math.Inf(1), math.Inf(-1), from
	consider := func(i int64) {
		v := c.at(i)
		lo = min(lo, v)
		if v > hi {
			if v > hi+lintFlat*math.Abs(hi) { // the first of equal peaks, not the one rounding favours
				hiAt = i
			}
			hi = v
		}
	}
	consider(from)
	consider(to - 1)
	scanned := 0
	for e := range c.s.Events(c.n, from+1, to) {
		if scanned++; scanned > lintMaxEvents {
			for k := int64(0); k <= lintSamples; k++ {
				consider(e.Step + (to-1-e.Step)*k/lintSamples)
			}
			break
		}
		consider(e.Step - 1)
		consider(e.Step)
	}
	return lo, hi, hiAt
}

// isRestart reports whether e starts a new cycle: a restart, or the end of
// a ramp back up (ignite's warmup_duration) after the schedule's own warmup.
func (c *lintCtx) isRestart(e Event) bool {
	return e.Kind == Restart || (e.Kind == WarmupEnd && e.Step > c.facts.warmup)
}

// restarts counts the cycle starts after warmup, stopping past limit; it
// reports limit+1 when more events than lintMaxEvents stand in the way.
func (c *lintCtx) restarts(limit int) int { return c.count(limit, c.isRestart) }

// cycleEnds counts the ends of cycles after warmup, like restarts, but
// also the end of the last cycle where the schedule stops cycling (timm's
// cycle_limit).
func (c *lintCtx) cycleEnds(limit int) int {
	return c.count(limit, func(e Event) bool {
		return c.isRestart(e) || (c.facts.lastCycleEnds && e.Kind == Boundary)
	})
}

func (c *lintCtx) count(limit int, match func(Event) bool) int {
	count, scanned := 0, 0
	for e := range c.s.Events(c.n, c.facts.warmup+1, c.n) {
		if scanned++; scanned > lintMaxEvents {
			return limit + 1
		}
		if match(e) {
			if count++; count > limit {
				break
			}
		}
	}
	return count
}

// lastRestart returns the last cycle start of the run, looking back from
// the end through windows four times longer each time.
func (c *lintCtx) lastRestart() (int64, bool) {
	lo := c.facts.warmup + 1
	for w := int64(64); ; w *= 4 {
		from := max(c.n-w, lo)
		last, scanned := int64(-1), 0
		for e := range c.s.Events(c.n, from, c.n) {
			if scanned++; scanned > lintMaxEvents {
				break
			}
			if c.isRestart(e) {
				last = e.Step
			}
		}
		if last >= 0 {
			return last, true
		}
		if from <= lo {
			return 0, false
		}
	}
}

// The checks.

func lintStepsVsEpochs(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	if f.end <= 0 || f.scale == nil {
		return nil, nil
	}
	end, n := float64(f.end), float64(c.n)
	var msg string
	from := int64(0)
	switch {
	case end*lintUnits <= n && !f.repeats:
		msg = f.endName + " at step " + itoa(f.end) + ", but the run has " + itoa(c.n) + " steps (" +
			lintRatio(n/end) + " more): the scheduler counts " + f.unit +
			", so a length in epochs must be multiplied by the steps per epoch"
		from = min(f.end, c.n-1)
	case end >= lintUnits*n:
		msg = f.endName + " at step " + itoa(f.end) + ", but the run has " + itoa(c.n) + " steps (" +
			lintRatio(end/n) + " fewer): count " + f.unit +
			", not samples or micro-batches (with gradient accumulation, one step per accumulated batch)"
	default:
		return nil, nil
	}
	return &Finding{Message: msg, From: from, To: c.n - 1}, func() []map[string]any {
		return []map[string]any{f.scale(n / end)}
	}
}

func lintWarmupExceedsRun(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	if f.warmup == 0 || f.warmup < c.n {
		return nil, nil
	}
	msg := f.warmupName + " makes the warmup longer than the run of " + itoa(c.n) +
		" steps: the lr is still warming up at the end and never reaches " + f.peakName
	return &Finding{Message: msg, From: 0, To: c.n - 1}, func() []map[string]any {
		// Lengths counted in other units scale together; otherwise warmup
		// takes a tenth of the run, a common choice.
		var scale, tenth map[string]any
		if f.end > c.n && f.scale != nil {
			scale = f.scale(float64(c.n) / float64(f.end))
		}
		if f.warmupParam != "" {
			tenth = lintSet(c.s.kind, f.warmupParam, math.Max(1, math.Round(float64(c.n)/10)))
		}
		if float64(f.end) >= lintUnits*float64(c.n) {
			return []map[string]any{scale, tenth}
		}
		return []map[string]any{tenth, scale}
	}
}

func lintWarmupJump(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	w := f.warmup
	if w < 2 || w >= c.n {
		return nil, nil
	}
	p, a, b := c.at(w-2), c.at(w-1), c.at(w)
	dir, move := a-p, b-a
	if dir == 0 || move*dir >= 0 {
		return nil, nil // no warmup to speak of, or the lr goes on the same way
	}
	size := math.Abs(move)
	if size <= lintJump*max(math.Abs(a), math.Abs(b)) {
		return nil, nil
	}
	if w+1 < c.n && size <= 2*math.Abs(c.at(w+1)-b) {
		return nil, nil // the curve turns here; it does not jump
	}
	msg := "the lr jumps from " + lintNum(a) + " to " + lintNum(b) + " at the end of warmup (step " + itoa(w) + ")"
	if f.jumpWhy != "" {
		msg += ": " + f.jumpWhy
	}
	return &Finding{Message: msg, From: w - 1, To: w}, lintFixes(f.jumpFix)
}

func lintFlatRun(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	w := f.warmup
	if f.holds || w >= c.n-1 {
		return nil, nil
	}
	lo, hi, _ := c.lintRange(w, c.n)
	if hi-lo > lintFlat*max(math.Abs(lo), math.Abs(hi)) {
		return nil, nil
	}
	msg := "the lr stays at " + lintNum(hi) + " from step " + itoa(w) + " to the end of the run"
	if f.flatWhy != "" {
		msg += ": " + f.flatWhy
	}
	return &Finding{Message: msg, From: w, To: c.n - 1}, lintFixes(f.flatFix)
}

func lintFloorAbovePeak(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	if f.inverted == "" || f.warmup >= c.n {
		return nil, nil
	}
	return &Finding{Message: f.inverted, From: f.warmup, To: c.n - 1}, lintFixes(f.invertedFix)
}

func lintRisesAfterEnd(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	if !f.continues || f.end <= 0 || f.end >= c.n-1 || !(f.peak > f.floor) {
		return nil, nil
	}
	base := c.at(f.end)
	_, hi, hiAt := c.lintRange(f.end, c.n)
	if hi-base <= lintRise*(f.peak-f.floor) {
		return nil, nil
	}
	msg := "the lr climbs back up after step " + itoa(f.end) + ", where " + f.endName + ", to " + lintNum(hi) +
		" at step " + itoa(hiAt) + ": " + f.risesWhy
	return &Finding{Message: msg, From: f.end, To: c.n - 1}, lintFixes(f.fitEnd)
}

func lintNoRestarts(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	if !f.cycles || f.warmup >= c.n-1 || c.restarts(0) > 0 {
		return nil, nil
	}
	msg := "no restart happens in the run of " + itoa(c.n) + " steps: " + f.noRestartWhy +
		" (with gradient accumulation, the scheduler steps once per accumulated batch)"
	return &Finding{Message: msg, From: f.warmup, To: c.n - 1}, func() []map[string]any {
		out := []map[string]any{f.restartFix}
		if f.cycleParam != "" {
			out = append(out, c.fitCycles(2)...)
		}
		return out
	}
}

func lintEndsMidCycle(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	if !f.cycles {
		return nil, nil
	}
	r, ok := c.lastRestart()
	if !ok {
		return nil, nil
	}
	lo, hi, _ := c.lintRange(r, c.n)
	floor := f.floor
	if f.floorAt != nil {
		floor = f.floorAt(r)
	}
	if !(hi > floor) {
		return nil, nil
	}
	frac := (lo - floor) / (hi - floor)
	if frac <= lintFar {
		return nil, nil
	}
	msg := "the run ends in the middle of a cycle: the last one starts at step " + itoa(r) +
		" and the lr gets no lower than " + lintNum(lo) + " in it, " + lintPercent(frac) + " of the way from " +
		f.floorName + " up to its peak " + lintNum(hi)
	return &Finding{Message: msg, From: r, To: c.n - 1}, func() []map[string]any {
		var out []map[string]any
		if f.cycleParam != "" {
			k := c.restarts(lintMaxEvents) + 1 // the cycles the run starts, the last cut short
			if k <= lintMaxEvents {
				out = append(out, c.fitCycles(k, k-1)...)
			}
		}
		return append(out, f.fitEnd)
	}
}

func lintMinNotReached(c *lintCtx) (*Finding, func() []map[string]any) {
	f := c.facts
	if f.cycles || f.noMin || f.end <= c.n-1 || f.warmup >= c.n-1 || !(f.peak > f.floor) {
		return nil, nil
	}
	lo, _, _ := c.lintRange(f.warmup, c.n)
	frac := (lo - f.floor) / (f.peak - f.floor)
	if frac <= lintFar {
		return nil, nil
	}
	msg := "the lr never gets near " + f.floorName + ": " + f.endName + " at step " + itoa(f.end) +
		", after the run's " + itoa(c.n) + " steps, and the lr gets no lower than " + lintNum(lo) + ", " +
		lintPercent(frac) + " of the way from the floor to " + f.peakName
	return &Finding{Message: msg, From: f.warmup, To: c.n - 1}, func() []map[string]any {
		out := []map[string]any{f.fitEnd}
		if f.scale != nil {
			out = append(out, f.scale(float64(c.n)/float64(f.end)))
		}
		return out
	}
}

// fitCycles returns, for each target number of cycles k ≥ 2, the change of
// the cycle length parameter that makes the run end as the k-th cycle ends:
// the smallest length with at most k−1 cycle ends in the run. They come
// nearest the present length first (by ratio).
func (c *lintCtx) fitCycles(targets ...int) []map[string]any {
	name := c.facts.cycleParam
	p := c.s.kind.Param(name)
	cur, ok := c.s.args[name].(int64)
	if p == nil || !ok {
		return nil
	}
	// out comes nearest first, ties in targets' order: an insertion sort, as
	// there are at most two (slices.SortStableFunc costs the wasm 11 KB).
	var out []map[string]any
	var dists []float64
	for _, k := range targets {
		if k < 2 {
			continue
		}
		fits := func(length int64) bool {
			s2, err := c.s.with(map[string]any{name: length})
			if err != nil || s2.CheckSteps(c.n) != nil {
				return false
			}
			return newLintCtx(s2, c.n).cycleEnds(k-1) <= k-1
		}
		// Cycles of one step restart nowhere, so lengths start at 2.
		lo := int64(math.Max(p.Range.Min, 2)) - 1
		hi := max(c.n, lo+1)
		if !fits(hi) {
			continue
		}
		length := firstTrue(lo, hi, fits)
		d := math.Abs(math.Log(float64(length) / float64(cur)))
		out, dists = append(out, nil), append(dists, 0)
		i := len(out) - 1
		for ; i > 0 && dists[i-1] > d; i-- {
			out[i], dists[i] = out[i-1], dists[i-1]
		}
		out[i], dists[i] = map[string]any{name: length}, d
	}
	return out
}

// with returns s with some parameters changed, validated as Parse does.
func (s *Schedule) with(changes map[string]any) (*Schedule, error) {
	a := s.Args()
	for k, v := range changes {
		a[k] = v
	}
	spec, err := s.kind.Spec(a)
	if err != nil {
		return nil, err
	}
	return Parse(spec)
}

// lintFixes returns a candidate list of one fix, or nil for none.
func lintFixes(fix map[string]any) func() []map[string]any {
	if fix == nil {
		return nil
	}
	return func() []map[string]any { return []map[string]any{fix} }
}

// lintSet is the change of parameter name to x, typed as k's table says:
// a whole number for an Int parameter (rounded half away from zero).
func lintSet(k *Kind, name string, x float64) map[string]any {
	p := k.Param(name)
	if p == nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	if p.Type == Int {
		return map[string]any{name: int64(math.Round(x))}
	}
	return map[string]any{name: x}
}

// Formatting for messages.

// The number formats of messages are not inlined, for the wasm's size.

// lintNum writes an lr with three significant digits.
//
//go:noinline
func lintNum(x float64) string {
	s := strconv.FormatFloat(x, 'g', 3, 64)
	if a := math.Abs(x); a >= 1e3 && a < 1e21 {
		s = strconv.FormatFloat(x, 'f', 0, 64)
	}
	return s
}

//go:noinline
func lintPercent(f float64) string { return strconv.FormatFloat(math.Round(f*100), 'f', 0, 64) + "%" }

// lintRatio writes how many times more: "100×", "4.5×".
//
//go:noinline
func lintRatio(r float64) string {
	if r >= 10 {
		return strconv.FormatFloat(math.Round(r), 'f', 0, 64) + "×"
	}
	return strconv.FormatFloat(r, 'f', 1, 64) + "×"
}

// MarshalJSON writes f as {"code", "message", "from", "to"} and, when there
// is a fix, "fix" (its parameters in name order), "fix_spec" and
// "fix_label", with core's own JSON writer so that the WebAssembly bridge
// needs no encoding/json.
func (f Finding) MarshalJSON() ([]byte, error) {
	b := append([]byte(`{"code":`), specjson.AppendString(nil, f.Code)...)
	b = append(b, `,"message":`...)
	b = specjson.AppendString(b, f.Message)
	b = append(b, `,"from":`...)
	b = strconv.AppendInt(b, f.From, 10)
	b = append(b, `,"to":`...)
	b = strconv.AppendInt(b, f.To, 10)
	if f.Fix != nil {
		b = append(b, `,"fix":{`...)
		keys := make([]string, 0, len(f.Fix))
		for k := range f.Fix {
			keys = append(keys, k)
		}
		strs.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(specjson.AppendString(b, k), ':')
			var ok bool
			if b, ok = appendParamValue(b, f.Fix[k]); !ok {
				return nil, errorf(k, formatValue(f.Fix[k])+" cannot be written as JSON")
			}
		}
		b = append(b, '}')
	}
	if len(f.FixSpec) > 0 {
		b = append(append(b, `,"fix_spec":`...), f.FixSpec...)
	}
	if f.FixLabel != "" {
		b = append(b, `,"fix_label":`...)
		b = specjson.AppendString(b, f.FixLabel)
	}
	return append(b, '}'), nil
}
