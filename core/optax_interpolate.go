package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// optax's piecewise_interpolate_schedule, which linear_onecycle_schedule and
// cosine_onecycle_schedule build on (and a later optax kind of its own can
// reuse): the port of its arithmetic once, for every kind that needs it.
//
// The source (optax/schedules/_schedule.py), for a Python int count:
//
//	bounds = jnp.stack((0,) + boundaries)                      int32
//	values = jnp.cumprod(jnp.stack((init_value,) + scales))    float32, left to right
//	interval_sizes = jnp.maximum(bounds[1:] - bounds[:-1], 1)  int32
//	indicator = (bounds[:-1] <= count) & (count < bounds[1:])  count made an int32
//	pct = (count - bounds[:-1]) / interval_sizes               int32 difference, then float32 ÷ float32
//	interp_vals = interpolate_fn(values[:-1], values[1:], pct) float32
//	return indicator.dot(interp_vals) + (bounds[-1] <= count) * values[-1]
//
// with _linear_interpolate (end − start)·pct + start and _cosine_interpolate
// end + (start − end)/2.0·(cos(π·pct) + 1), every operation float32.
// boundaries and scales are sorted(boundaries_and_scales.items()).
//
// At most one indicator is set, so the dot is that interval's value (the
// others times 0 add ±0), or 0 past the last bound, where values[-1] is
// added. Unless one of the other intervals' values is inf or nan: 0·inf is
// nan and so is the whole dot. checkSteps refuses such runs.

// optaxPair is one item of a boundaries_and_scales dict.
type optaxPair struct {
	boundary int64
	scale    float64
}

// optaxSortedItems is sorted(d.items()) for the dict literal {b: s, ...}
// with entries in the order written: a repeated key keeps its first place
// and its last value, as a Python dict does.
func optaxSortedItems(entries ...optaxPair) []optaxPair {
	var out []optaxPair
next:
	for _, e := range entries {
		for i := range out {
			if out[i].boundary == e.boundary {
				out[i].scale = e.scale
				continue next
			}
		}
		out = append(out, e)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].boundary < out[j-1].boundary; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// optaxInterp is piecewise_interpolate_schedule(interpolate_type, init_value,
// boundaries_and_scales) with the dict's items sorted.
type optaxInterp struct {
	bounds []int32   // (0,) + boundaries
	values []float32 // cumprod((init_value,) + scales)
	cosine bool      // interpolate_type 'cosine', else 'linear'
}

// optaxNewInterp builds the schedule, or says why optax cannot: which item
// (0 for init_value, i for the i-th pair) and the reason. Like optax, it
// raises for a negative scale; like JAX, for a boundary outside int32;
// values past float32 (inf, then nan at every step) are refused too.
func optaxNewInterp(cosine bool, init float64, items []optaxPair) (*optaxInterp, int, string) {
	p := &optaxInterp{bounds: []int32{0}, values: []float32{float32(init)}, cosine: cosine}
	if math.IsInf(float64(p.values[0]), 0) {
		return nil, 0, "init_value " + formatFloat(init) + " overflows float32"
	}
	for i, it := range items {
		if !(it.scale >= 0) {
			return nil, i + 1, "optax raises ValueError: `piecewise_interpolate_schedule` expects non-negative scale factors"
		}
		if it.boundary > optaxMaxInt32 || it.boundary < math.MinInt32 {
			return nil, i + 1, "the boundary " + itoa(it.boundary) + " is too large: JAX raises OverflowError, it cannot make it an int32"
		}
		v := float32(p.values[i] * float32(it.scale))
		if math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
			return nil, i + 1, "the value from step " + itoa(it.boundary) + " on, a running product of the scales, overflows float32"
		}
		p.bounds, p.values = append(p.bounds, int32(it.boundary)), append(p.values, v)
	}
	return p, 0, ""
}

// interval returns the interval k whose indicator count sets, or -1 past
// the last bound. bounds[1:] is sorted, so it is the first k with
// count < bounds[k+1]; bounds[k] ≤ count then holds (bounds[0] = 0 ≤ count).
func (p *optaxInterp) interval(count int32) int {
	lo, hi := 0, len(p.bounds)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if count < p.bounds[mid+1] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == len(p.bounds)-1 {
		return -1
	}
	return lo
}

// interp is interval k's interp_vals entry at count, in int32 and float32
// arithmetic as JAX does it.
func (p *optaxInterp) interp(k int, count int32) float32 {
	size := max(p.bounds[k+1]-p.bounds[k], 1)
	pct := float32(count-p.bounds[k]) / float32(size)
	start, end := p.values[k], p.values[k+1]
	if p.cosine {
		half := (start - end) / 2.0
		c := float32(xmath.Cos(float64(optaxPi*pct))) + 1
		return end + float32(half*c)
	}
	return float32((end-start)*pct) + start
}

// value is schedule(count) for 0 ≤ count ≤ 2³¹ − 1.
func (p *optaxInterp) value(count int64) float32 {
	c := int32(count)
	k := p.interval(c)
	if k < 0 {
		return 0 + p.values[len(p.values)-1]
	}
	return p.interp(k, c)
}

// checkSteps refuses runs whose counts JAX cannot make an int32, and runs
// where an interval the count is not in has an inf or nan value (the dot
// is nan then). Each interval's value is monotone in count, so the first
// and last steps bound it.
func (p *optaxInterp) checkSteps(n int64, name string) error {
	if n-1 > optaxMaxInt32 {
		return errorf("steps", itoa(n)+" is too many: optax's "+name+" raises OverflowError for a step past "+
			"2147483647, which JAX cannot make an int32; at most 2147483648 steps")
	}
	for k := 0; k+1 < len(p.bounds); k++ {
		for _, c := range []int32{0, int32(n - 1)} {
			if v := p.interp(k, c); math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
				return errorf("steps", itoa(n)+" steps are too many: at step "+itoa(int64(c))+" the interpolation between "+
					"steps "+itoa(int64(p.bounds[k]))+" and "+itoa(int64(p.bounds[k+1]))+" overflows float32, and optax's "+
					name+" (indicator.dot(interp_vals)) is nan")
			}
		}
	}
	return nil
}

// events marks each bound in (0, n): a Peak or a Trough where the values
// turn, else a Boundary.
func (p *optaxInterp) events(n, from, to int64, yield func(Event) bool) {
	last := len(p.bounds) - 1
	for k := 1; k <= last; k++ {
		b := int64(p.bounds[k])
		if b <= 0 || b < from || b >= to || b >= n {
			continue
		}
		kind := Boundary
		if k < last {
			in, out := p.values[k]-p.values[k-1], p.values[k+1]-p.values[k]
			switch {
			case in > 0 && out < 0:
				kind = Peak
			case in < 0 && out > 0:
				kind = Trough
			}
		}
		if !yield(Event{b, kind}) {
			return
		}
	}
}
