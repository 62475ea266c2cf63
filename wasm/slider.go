package main

import (
	"math"
	"strconv"

	"github.com/lrplay/lrplay/core"
)

// logPositions is how many positions a log-scale slider has.
const logPositions = 1000

// Slider maps a parameter's value to an <input type=range> position and
// back. A log slider keeps its position in 0..logPositions; a linear one
// holds the value itself.
type Slider struct {
	Min, Max, Step float64 // the value's bounds and granularity (0: any)
	Log            bool
}

// sliderFor makes the slider for p from its hint. Int parameters step by 1.
func sliderFor(p *core.Param) Slider {
	h := p.Hint
	s := Slider{Min: h.Min, Max: h.Max, Step: h.Step, Log: h.Log && h.Min > 0}
	if s.Max <= s.Min { // no hint: something around the default
		s.Min, s.Max = 0, 1
		if d, ok := p.Default.(float64); ok && d > 1 {
			s.Max = 2 * d
		}
		if d, ok := p.Default.(int64); ok && d > 1 {
			s.Max = float64(2 * d)
		}
	}
	if p.Type == core.Int && !s.Log {
		s.Step = max(s.Step, 1)
	}
	return s
}

// stepsSlider is the run-length slider: 10 to a billion steps on a log scale
// (drawing costs the same at any length; longer runs can be typed).
var stepsSlider = Slider{Min: 10, Max: 1e9, Step: 1, Log: true}

// Attrs are the range input's min, max and step attributes.
func (s Slider) Attrs() (lo, hi, step string) {
	if s.Log {
		return "0", strconv.Itoa(logPositions), "1"
	}
	step = "any"
	if s.Step > 0 {
		step = formatNumber(s.Step)
	}
	return formatNumber(s.Min), formatNumber(s.Max), step
}

// Position returns where value sits on the slider, clamped to its ends.
func (s Slider) Position(value float64) string {
	v := min(max(value, s.Min), s.Max)
	if !s.Log {
		return formatNumber(v)
	}
	pos := math.Round(logPositions * math.Log(v/s.Min) / math.Log(s.Max/s.Min))
	return strconv.Itoa(int(pos))
}

// Value returns the value at a slider position, rounded to what a person
// would type: the slider's step, or three significant digits on a log scale.
func (s Slider) Value(position float64) float64 {
	if !s.Log {
		if s.Step > 0 {
			return roundTo(math.Round((position-s.Min)/s.Step)*s.Step+s.Min, s.Step)
		}
		return position
	}
	v := s.Min * math.Pow(s.Max/s.Min, position/logPositions)
	if s.Step >= 1 {
		return math.Round(v)
	}
	return roundSignificant(v, 3)
}

// roundTo removes the float noise of multiplying by step (0.1·3 = 0.30000000000000004).
func roundTo(v, step float64) float64 {
	decimals := max(0, -int(math.Floor(math.Log10(step))))
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', decimals, 64), 64)
	return r
}

func roundSignificant(v float64, digits int) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', digits, 64), 64)
	return r
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
