package gen

import "github.com/lrplay/lrplay/core/chart"

// BaseOptionFile returns wasm/baseoption_gen.go: chart.BaseOption, the
// ECharts option the page starts from, as the constant baseOption. The wasm
// carries the text instead of linking go-echarts.
func BaseOptionFile() ([]byte, error) {
	b, err := chart.BaseOption()
	if err != nil {
		return nil, err
	}
	return GoConst("main", "baseOption",
		"baseOption is the chart's frame, from chart.BaseOption.",
		string(b), "internal/gen/baseoption"), nil
}
