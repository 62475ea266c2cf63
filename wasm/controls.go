package main

import (
	"strconv"

	"github.com/lrplay/lrplay/core"
)

// stepsParam describes the run length as if it were a parameter, so that it
// gets a control like the others.
var stepsParam = core.Param{
	Name: "steps", Type: core.Int, Range: core.Range{Min: 1, Max: float64(maxPageSteps)},
	Doc:  "how many optimizer steps the run has: the chart's x axis",
	Hint: core.Hint{Min: stepsSlider.Min, Max: stepsSlider.Max, Step: 1, Log: true},
}

// rangeText says what a parameter accepts, under its name.
func rangeText(p *core.Param) string {
	switch p.Type {
	case core.Int:
		return "whole number " + p.Range.String()
	case core.Float:
		s := p.Range.String()
		if p.Nullable {
			s += ", empty for None"
		}
		return s
	}
	return ""
}

// displayValue writes a slider-derived value as the number box shows it.
func displayValue(p *core.Param, v float64) string {
	if p.Type == core.Int {
		return strconv.FormatInt(int64(v), 10)
	}
	return formatNumber(v)
}

// sliderValue parses a number box's text for positioning its slider.
func sliderValue(text string) (float64, bool) {
	v, err := strconv.ParseFloat(text, 64)
	return v, err == nil && !isNaNOrInf(v)
}

func isNaNOrInf(v float64) bool { return v != v || v > 1e308 || v < -1e308 }

// describe says in words what the chart shows, for its aria-label.
func describe(kind string, steps int64, pts []core.Point, annotations []core.Annotation) string {
	if len(pts) == 0 {
		return "Learning-rate chart"
	}
	lo, hi := pts[0].LR, pts[0].LR
	for _, p := range pts {
		lo, hi = min(lo, p.LR), max(hi, p.LR)
	}
	restarts := 0
	for _, a := range annotations {
		if a.Kind == core.Restart {
			restarts++
		}
	}
	short := func(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
	return "Learning rate of " + kind + " over " + strconv.FormatInt(steps, 10) + " steps: from " +
		short(pts[0].LR) + " to " + short(pts[len(pts)-1].LR) + ", between " + short(lo) + " and " + short(hi) +
		", with " + strconv.Itoa(restarts) + " restarts marked"
}
