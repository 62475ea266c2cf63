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
