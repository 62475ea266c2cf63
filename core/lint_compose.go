package core

import (
	"math"
	"strings"
)

// The pitfalls of PyTorch's compositions, SequentialLR and ChainedScheduler:
// how their children meet at the milestones, what the milestones themselves
// do in PyTorch, what a chain's product is, and what a child's constructor
// does to the lr the others start from. Each is reported once per run, for
// the first child it concerns, and a message names the child as
// "schedulers[1] (CosineAnnealingLR)". Their fixes change a child's
// parameter, named by its path ("schedulers[0].total_iters", as the page's
// controls name it), or the milestones.

// lintComposed returns the composition s runs, if it is one.
func lintComposed(c *lintCtx) (*torchComposed, bool) {
	tc, ok := c.s.curve.(*torchComposed)
	return tc, ok
}

// lintChild names a composition's child in messages: "schedulers[1] (CosineAnnealingLR)".
func lintChild(tc *torchComposed, k int) string {
	_, cls, _ := strings.Cut(tc.children[k].kind.Name, ".")
	return "schedulers" + listOpen + itoa(int64(k)) + listClose + " (" + cls + ")"
}

// lintChildPath is the path of child k's parameter name, as a fix names it.
func lintChildPath(k int, name string) string {
	return "schedulers" + listOpen + itoa(int64(k)) + listClose + "." + name
}

func lintMilestone(i int, m int64) string {
	return "milestones" + listOpen + itoa(int64(i)) + listClose + " = " + itoa(m)
}

// lintSequential returns a SequentialLR whose milestones are sorted and at
// least 1, the only ones whose stretches mean what they say (the other
// milestones have findings of their own).
func lintSequential(c *lintCtx) (*torchComposed, bool) {
	tc, ok := lintComposed(c)
	if !ok || !tc.sequential {
		return nil, false
	}
	for i, m := range tc.milestones {
		if m < 1 || (i > 0 && m <= tc.milestones[i-1]) {
			return nil, false
		}
	}
	return tc, true
}

// stretch is where child k runs in a SequentialLR with sorted milestones:
// from start to end (exclusive; the next milestone, or the run's end).
func (tc *torchComposed) stretch(k int, n int64) (start, end int64) {
	end = n
	if k > 0 {
		start = tc.milestones[k-1]
	}
	if k < len(tc.milestones) {
		end = min(tc.milestones[k], n)
	}
	return start, end
}

// lintWarmupMilestone: a LinearLR or ConstantLR before a milestone whose
// total_iters is not the length of its stretch. A LinearLR that ends early
// holds its end value (the lr stalls) until the milestone; one that ends
// late is cut short, and the lr jumps where the next starts. A ConstantLR
// that ends early jumps to the lr before the milestone and stalls there; one
// that ends late is cut where it would have ended anyway, which is no
// pitfall.
func lintWarmupMilestone(c *lintCtx) (*Finding, func() []map[string]any) {
	tc, ok := lintSequential(c)
	if !ok {
		return nil, nil
	}
	for k, m := range tc.milestones {
		start, _ := tc.stretch(k, c.n)
		if m >= c.n {
			break
		}
		L := m - start
		var T int64
		var msg string
		var from, to int64
		switch w := tc.children[k].curve.(type) {
		case *torchLinear:
			T = w.total
			if w.start == w.end || T < 1 || T == L {
				continue
			}
			if T < L {
				from, to = start+T, m-1
				msg = "the lr stalls at " + lintNum(c.at(from)) + " for " + itoa(L-T) + " steps, from step " + itoa(from) +
					" to the milestone, where " + lintChild(tc, k+1) + " starts at " + lintNum(c.at(m))
			} else {
				from, to = m-1, m
				msg = "the warmup is cut short: the lr jumps from " + lintNum(c.at(m-1)) + " to " + lintNum(c.at(m)) +
					" at the milestone, " + itoa(T-L) + " steps before total_iters ends it"
			}
		case *torchConstant:
			T = w.total
			if w.factor == 1 || T < 1 || T >= L {
				continue
			}
			from, to = start+T-1, m-1
			msg = "the lr jumps from " + lintNum(c.at(from)) + " to " + lintNum(c.at(from+1)) + " at step " + itoa(start+T) +
				", " + itoa(L-T) + " steps before the milestone, and stalls there until it"
		default:
			continue
		}
		msg = lintChild(tc, k) + " has total_iters = " + itoa(T) + ", but " + lintMilestone(k, m) + " gives it " +
			itoa(L) + " steps: " + msg
		fix := map[string]any{lintChildPath(k, "total_iters"): L}
		return &Finding{Message: msg, From: from, To: to}, lintFixes(fix)
	}
	return nil, nil
}

// lintCosineRun: a CosineAnnealingLR after a milestone whose T_max counts
// the whole run (nearer the run's length than its stretch's, as the
// milestones design it) rather than the steps from its milestone: the
// cosine is cut at the stretch's end, short of eta_min.
func lintCosineRun(c *lintCtx) (*Finding, func() []map[string]any) {
	tc, ok := lintSequential(c)
	if !ok {
		return nil, nil
	}
	for k := 1; k < len(tc.children); k++ {
		start, end := tc.stretch(k, c.n)
		if start >= c.n {
			break
		}
		cos, ok := tc.children[k].curve.(*torchCosine)
		L := end - start // its designed length: to the next milestone, even past the run
		if k < len(tc.milestones) {
			L = tc.milestones[k] - start
		}
		if !ok || L < 2 || cos.tMax <= L || math.Abs(float64(cos.tMax-c.n)) >= math.Abs(float64(cos.tMax-L)) {
			continue
		}
		peak, last := c.at(start), c.at(end-1)
		if !(peak > cos.etaMin) {
			continue
		}
		frac := (last - cos.etaMin) / (peak - cos.etaMin)
		if frac <= lintRise {
			continue
		}
		where := "the run's end"
		if end < c.n {
			where = "the next milestone, step " + itoa(end)
		}
		msg := lintChild(tc, k) + " has T_max = " + itoa(cos.tMax) + ", about the run's " + itoa(c.n) +
			" steps, but it starts at " + lintMilestone(k-1, start) + " and has " + itoa(L) + " steps to " + where +
			": its cosine would reach eta_min at step " + itoa(start+cos.tMax) + " and never does, ending at " +
			lintNum(last) + ", " + lintPercent(frac) + " of the way from eta_min up to " + lintNum(peak)
		fix := map[string]any{lintChildPath(k, "T_max"): L}
		return &Finding{Message: msg, From: start, To: end - 1}, lintFixes(fix)
	}
	return nil, nil
}

// lintMilestonePastRun: a milestone at or after the run's end, so the
// schedulers from it on never run.
func lintMilestonePastRun(c *lintCtx) (*Finding, func() []map[string]any) {
	tc, ok := lintSequential(c)
	if !ok {
		return nil, nil
	}
	for i, m := range tc.milestones {
		if m < c.n {
			continue
		}
		never := lintChild(tc, i+1)
		if rest := len(tc.children) - i - 2; rest > 0 {
			never += " and the " + itoa(int64(rest)) + " after it"
		}
		start, _ := tc.stretch(i, c.n)
		msg := lintMilestone(i, m) + " is past the run's last step, " + itoa(c.n-1) + ": " + never +
			" never runs, and " + lintChild(tc, i) + " runs to the end"
		return &Finding{Message: msg, From: start, To: c.n - 1}, nil
	}
	return nil, nil
}

// lintMilestoneOrder: milestones out of order or repeated. PyTorch takes
// them as they are: its bisect_right assumes a sorted list, and picks the
// scheduler of step t as its binary search finds it; a repeated milestone
// goes straight to the last scheduler with it. The fix of unsorted distinct
// milestones sorts them.
func lintMilestoneOrder(c *lintCtx) (*Finding, func() []map[string]any) {
	tc, ok := lintComposed(c)
	if !ok || !tc.sequential {
		return nil, nil
	}
	ms := tc.milestones
	unsorted, repeated := -1, -1
	for i := 1; i < len(ms); i++ {
		if ms[i] < ms[i-1] && unsorted < 0 {
			unsorted = i
		}
		if ms[i] == ms[i-1] && repeated < 0 {
			repeated = i
		}
	}
	if unsorted < 0 && repeated < 0 {
		return nil, nil
	}
	// Which scheduler runs from where: bisect_right(ms, t) changes only at
	// the milestones' values, and step 0 is the first scheduler's.
	ran := make([]bool, len(tc.children))
	ran[0] = true
	var order []string
	prev := 0
	for _, t := range tc.marks {
		if t < 1 || t >= c.n {
			continue
		}
		idx := torchBisectRight(ms, t)
		if idx == prev {
			continue
		}
		prev, ran[idx] = idx, true
		how := ", stepping on from the lr before it"
		if idx > 0 && ms[idx-1] == t {
			how = ", restarted"
		}
		order = append(order, lintChild(tc, idx)+" from step "+itoa(t)+how)
	}
	var never []string
	for k, r := range ran {
		if !r {
			never = append(never, lintChild(tc, k))
		}
	}
	list := formatValue(ms)
	var msg string
	if unsorted >= 0 {
		msg = "the milestones " + list + " are not in ascending order, which PyTorch's bisect_right assumes"
	} else {
		msg = "milestones" + listOpen + itoa(int64(repeated-1)) + listClose + " and milestones" + listOpen + itoa(int64(repeated)) +
			listClose + " are both " + itoa(ms[repeated]) + ": bisect_right goes past both at once"
	}
	if len(order) > 0 {
		msg += "; in this run " + strings.Join(order, ", then ")
	}
	if len(never) > 0 {
		msg += "; " + strings.Join(never, ", ") + " never runs"
	} else {
		msg += "; every scheduler runs, but not in the milestones' order"
	}
	f := &Finding{Message: msg, From: 0, To: c.n - 1}
	if repeated >= 0 {
		return f, nil
	}
	sorted := append([]int64(nil), tc.marks...)
	return f, lintFixes(map[string]any{"milestones": sorted})
}

// lintMilestoneZero: a milestone of 0 or below is never reached, since
// SequentialLR's first step() counts step 1 (PyTorch issue 185872): step 0
// has the first scheduler's lr, and the scheduler after the milestone never
// restarts: from step 1 it steps on from the lr it finds.
func lintMilestoneZero(c *lintCtx) (*Finding, func() []map[string]any) {
	tc, ok := lintComposed(c)
	if !ok || !tc.sequential {
		return nil, nil
	}
	for i, m := range tc.milestones {
		if m >= 1 {
			continue
		}
		msg := lintMilestone(i, m) + " is never reached: SequentialLR's first step() is step 1, so " + lintChild(tc, i+1) +
			" never restarts at its milestone (PyTorch issue 185872). Step 0 has " + lintChild(tc, 0) + "'s lr " + lintNum(c.at(0))
		if c.n > 1 {
			idx := torchBisectRight(tc.milestones, 1)
			how := ", stepping on from that lr"
			if idx > 0 && tc.milestones[idx-1] == 1 {
				how = ", restarted"
			}
			msg += "; from step 1 " + lintChild(tc, idx) + " runs" + how + ": " + lintNum(c.at(1)) + " at step 1"
		}
		return &Finding{Message: msg, From: 0, To: min(1, c.n-1)}, nil
	}
	return nil, nil
}

// torchChainable reports whether a scheduler's steps multiply the lr they
// find (get_lr's chainable form); the others set it from their own base_lr
// at every step.
func torchChainable(k kindCurve) bool {
	switch k.(type) {
	case *torchLambda, *torchCyclic, *torchOneCycle, *torchRestarts:
		return false
	}
	return true
}

// torchDecays reports whether a chainable scheduler only lowers the lr.
func torchDecays(k kindCurve) bool {
	switch k := k.(type) {
	case *torchExponential:
		return k.gamma < 1
	case *torchStep:
		return k.gamma < 1
	case *torchMultiStep:
		return k.gamma < 1 && len(k.marks) > 0
	case *torchCosine:
		return k.etaMin < k.lr
	case *torchPolynomial:
		return k.total > 0 && k.power > 0
	case *torchLinear:
		return k.end < k.start && k.total > 0
	}
	return false
}

// lintChainedProduct: a ChainedScheduler whose lr is not the product its
// children's names suggest: a child that is not chainable sets the lr
// afresh each step (the factors before it are lost, those after it apply
// one step's worth); a LinearLR warmup times a CosineAnnealingLR is no
// "warmup then cosine" (the cosine counts from step 0 and decays during the
// warmup); two decays multiply to an lr far below either.
func lintChainedProduct(c *lintCtx) (*Finding, func() []map[string]any) {
	tc, ok := lintComposed(c)
	if !ok || tc.sequential || len(tc.children) < 2 {
		return nil, nil
	}
	for _, ch := range tc.children {
		if isTorchComposite(ch.curve) {
			return nil, nil // its steps interleave: no product of names to speak of
		}
	}
	for j, ch := range tc.children {
		if torchChainable(ch.curve) {
			continue
		}
		msg := lintChild(tc, j) + " is not chainable: at every step it sets the lr from its own base_lr and the step count, "
		if j > 0 {
			msg += "so what " + lintChildren(tc, 0, j) + " multiplied in before it is lost"
		} else {
			msg += "so " + lintChildren(tc, 1, len(tc.children)) + " multiply in only one step's factor each step, not their running product"
		}
		return &Finding{Message: msg, From: 0, To: c.n - 1}, nil
	}
	if f := lintWarmupTimesCosine(c, tc); f != nil {
		return f, nil
	}
	var decays []int
	for k, ch := range tc.children {
		if torchDecays(ch.curve) {
			decays = append(decays, k)
		}
	}
	if len(decays) < 2 {
		return nil, nil
	}
	for _, p := range []int64{c.n - 1, 3 * (c.n - 1) / 4, (c.n - 1) / 2} {
		lowest, alone := math.Inf(1), make([]string, len(decays))
		for i, k := range decays {
			a := tc.children[k].curve.at(p, c.n)
			lowest, alone[i] = min(lowest, a), lintNum(a)
		}
		if !(lowest > 0) {
			continue
		}
		v := c.at(p)
		if v > 0.5*lowest {
			return nil, nil
		}
		names := make([]string, len(decays))
		for i, k := range decays {
			names[i] = lintChild(tc, k)
		}
		msg := strings.Join(names, " and ") + " both decay, and ChainedScheduler multiplies their factors: at step " + itoa(p) +
			" the lr is " + lintNum(v) + ", " + lintRatio(lowest/v) + " lower than the lowest of them alone (" + strings.Join(alone, ", ") + ")"
		return &Finding{Message: msg, From: 0, To: c.n - 1}, nil
	}
	return nil, nil
}

// lintChildren names children from … to (exclusive).
func lintChildren(tc *torchComposed, from, to int) string {
	names := make([]string, 0, to-from)
	for k := from; k < to; k++ {
		names = append(names, lintChild(tc, k))
	}
	return strings.Join(names, " and ")
}

// lintWarmupTimesCosine: a chained LinearLR warmup and CosineAnnealingLR,
// when the lr at the warmup's end is visibly below the warmup's target.
func lintWarmupTimesCosine(c *lintCtx, tc *torchComposed) *Finding {
	w, cs := -1, -1
	for k, ch := range tc.children {
		switch x := ch.curve.(type) {
		case *torchLinear:
			if w < 0 && x.start < x.end && x.total >= 1 && x.total < c.n {
				w = k
			}
		case *torchCosine:
			if cs < 0 {
				cs = k
			}
		}
	}
	if w < 0 || cs < 0 {
		return nil
	}
	lin := tc.children[w].curve.(*torchLinear)
	cos := tc.children[cs].curve.(*torchCosine)
	W := lin.total
	target, got := tc.lr*lin.end, c.at(W)
	if math.Abs(target-got) <= lintRise*math.Abs(target) {
		return nil
	}
	msg := "ChainedScheduler multiplies " + lintChild(tc, w) + "'s warmup and " + lintChild(tc, cs) +
		" from step 0: this is not warmup then cosine. The cosine counts from step 0, decaying during the warmup, so at its end, step " +
		itoa(W) + ", the lr is " + lintNum(got) + ", not " + lintNum(target) + ", and the cosine ends at T_max = " + itoa(cos.tMax) +
		", not " + itoa(W+cos.tMax) + "; SequentialLR with milestones = [" + itoa(W) + "] runs them one after the other"
	return &Finding{Message: msg, From: 0, To: min(W, c.n-1)}
}

// lintConstructionLR: a child whose constructor sets the param group's
// initial_lr to its own lr (OneCycleLR always, to max_lr/div_factor;
// CyclicLR when first, to base_lr), which SequentialLR's __init__ resets
// the lr to before the first scheduler's initial step, and which the
// children built after it take as their base_lr. (threestudio #226 saw the
// lr every constructor had multiplied at step 0; the current __init__
// resets it, so only initial_lr set by a constructor still shows.)
func lintConstructionLR(c *lintCtx) (*Finding, func() []map[string]any) {
	tc, ok := lintComposed(c)
	if !ok || !tc.sequential || len(tc.children) < 2 {
		return nil, nil
	}
	for j, ch := range tc.children {
		var x float64
		var how string
		switch k := ch.curve.(type) {
		case *torchOneCycle:
			g := &torchGroup{lr: tc.lr}
			k.construct(g)
			x, how = g.initialLR, "max_lr/div_factor"
		case *torchCyclic:
			if j > 0 {
				continue
			}
			x, how = k.base, "base_lr"
		default:
			continue
		}
		if x == tc.lr {
			continue
		}
		msg := lintChild(tc, j) + " sets initial_lr = " + how + " = " + lintNum(x) + " when it is built, in place of the optimizer's lr = " +
			lintNum(tc.lr) + ": "
		var parts []string
		if j > 0 {
			alone := tc.children[0].curve.at(0, c.n)
			parts = append(parts, "SequentialLR resets the lr to initial_lr before "+lintChild(tc, 0)+"'s first step, so step 0 is "+
				lintNum(c.at(0))+", not "+lintNum(alone))
		}
		if j+1 < len(tc.children) {
			verb := ", built after it, takes "
			if j+2 < len(tc.children) {
				verb = ", built after it, take "
			}
			parts = append(parts, lintChildren(tc, j+1, len(tc.children))+verb+lintNum(x)+" as base_lr")
		}
		return &Finding{Message: msg + strings.Join(parts, "; ") + " (threestudio #226)", From: 0, To: c.n - 1}, nil
	}
	return nil, nil
}

// Fixes of compositions.

// lintFixSpec is the spec of s with fix applied: a key names a parameter of
// s, or a child's as "schedulers[k].name".
func lintFixSpec(s *Schedule, fix map[string]any) ([]byte, error) {
	a := s.Args()
	kids := map[string]map[int]map[string]any{} // param → child → changes
	for k, v := range fix {
		param, i, leaf, ok := lintSplitPath(k)
		if !ok {
			a[k] = v
			continue
		}
		if kids[param] == nil {
			kids[param] = map[int]map[string]any{}
		}
		if kids[param][i] == nil {
			kids[param][i] = map[string]any{}
		}
		kids[param][i][leaf] = v
	}
	for param, changes := range kids {
		children, ok := a[param].([]*Schedule)
		if !ok {
			return nil, errorf(param, "has no children")
		}
		specs := make(childSpecs, len(children))
		for i, ch := range children {
			var err error
			if specs[i], err = ch.MarshalJSON(); err != nil {
				return nil, err
			}
			if changes[i] == nil {
				continue
			}
			ca := ch.Args()
			for _, name := range ch.inherited {
				delete(ca, name)
			}
			for name, v := range changes[i] {
				ca[name] = v
			}
			if specs[i], err = ch.kind.Spec(ca); err != nil {
				return nil, err
			}
		}
		a[param] = specs
	}
	return s.kind.Spec(a)
}

// lintSplitPath reads "schedulers[1].T_max" as "schedulers", 1, "T_max".
func lintSplitPath(key string) (param string, i int, leaf string, ok bool) {
	head, leaf, found := strings.Cut(key, listClose+".")
	param, index, found2 := strings.Cut(head, listOpen)
	if !found || !found2 || strings.Contains(leaf, listOpen) {
		return "", 0, "", false
	}
	n := 0
	for _, r := range index {
		if r < '0' || r > '9' || n > 1<<20 {
			return "", 0, "", false
		}
		n = n*10 + int(r-'0')
	}
	return param, n, leaf, index != ""
}

// lintSame reports whether a fix's value v is the value a parameter holds,
// lists included.
func lintSame(held, v any) bool {
	switch x := v.(type) {
	case []int64, []float64, []stepValue:
		return formatValue(held) == formatValue(x)
	case []*Schedule, childSpecs:
		return false
	}
	return held == v
}

// lintPathLabel says a fix's changes of children's parameters, after those
// of the kind's own: ", schedulers[0].total_iters = 10".
func lintPathLabel(fix map[string]any, first bool) string {
	var keys []string
	for k := range fix {
		if _, _, _, ok := lintSplitPath(k); ok {
			keys = append(keys, k)
		}
	}
	for i := 1; i < len(keys); i++ { // an insertion sort: no sort package in the wasm
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	s := ""
	for _, k := range keys {
		if !first {
			s += ","
		}
		first = false
		s += " " + k + " = " + formatValue(fix[k])
	}
	return s
}
