package core

import "math"

// The texts targets (frameworkTools.target) give for what a framework lacks.

// prefixText describes what comes before sh's main phase.
func (sh *shape) prefixText() string {
	switch {
	case sh.under:
		return "a warmup over the first " + itoa(sh.warmup) + " steps of the cosine (timm's warmup_prefix false)"
	case sh.stable > 0:
		return "a stable phase of " + itoa(sh.stable) + " steps at the peak"
	}
	return "a warmup"
}

// tailText says how sh goes on after its first cycle, for a target that does it differently.
func (sh *shape) tailText() string {
	switch {
	case sh.tail == shapePeriodic:
		return "the cosine climbs back up from step " + itoa(sh.end()+1)
	case sh.cycles > 0:
		return "the lr holds at " + formatFloat(sh.floor) + " from step " + itoa(sh.end())
	}
	return "the cosine restarts at step " + itoa(sh.origin()+int64(math.Ceil(sh.length)))
}

// restartsText says what sh's restarts have that title's lack, or "".
func (sh *shape) restartsText(n int64, equal, integral, decays bool, title string) string {
	if sh.seen(n) < 2 {
		return ""
	}
	switch {
	case equal && sh.mult != 1:
		return "the cycles of " + title + " are all equally long; here each is " + formatFloat(sh.mult) + " times the one before"
	case integral && !isInt(sh.mult):
		return title + " takes a whole cycle multiplier, not " + formatFloat(sh.mult)
	case !decays && sh.decay != 1:
		return "every cycle of " + title + " peaks at the same lr; here each peak is " + formatFloat(sh.decay) + " times the one before"
	}
	return ""
}

// ampText is the difference between decaying the peak and decaying the height above the floor.
func ampText(sh *shape, title string) string {
	if sh.ampDecay {
		return "Keras's m_mul shrinks each cycle's height above alpha·initial_learning_rate (" + formatFloat(sh.floor) + "), " +
			title + " shrinks its peak"
	}
	return "here each cycle's peak shrinks by " + formatFloat(sh.decay) + " above a fixed floor of " + formatFloat(sh.floor) +
		"; " + title + " shrinks the height above it"
}

func notCosine(sh *shape, title, others string) []string {
	return []string{"no " + title + " kind of LR Playground draws " + formNames[sh.form] + others}
}

// spec builds a candidate: spec(kind, name, value, name, value, ...). Not
// inlined: the targets call it at thirty sites.
//
//go:noinline
func spec(kind *Kind, kv ...any) candidate {
	c := candidate{kind: kind, values: map[string]any{}}
	for i := 0; i < len(kv); i += 2 {
		c.values[kv[i].(string)] = kv[i+1]
	}
	return c
}
