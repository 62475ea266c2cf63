//go:build browser

package main

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// BenchmarkBrowserFirstChart loads the playground in a fresh tab with a cold
// cache and reports the time from navigation to the first chart.
func BenchmarkBrowserFirstChart(b *testing.B) {
	var ms []float64
	for b.Loop() {
		tb := open(b, "?steps=1000", chromedp.WithNewBrowserContext()) // a new context: an empty cache
		ms = append(ms, eval[float64](tb, `performance.getEntriesByName('lrplay:first-chart')[0].startTime`))
	}
	slices.Sort(ms)
	b.ReportMetric(ms[len(ms)/2], "ms-to-chart(p50)")
}

// sliderLatency moves the T_max slider back and forth and resolves with the
// milliseconds from each input event to ECharts' 'finished' (rendered) event.
const sliderLatency = `new Promise(resolve => {
	const chart = echarts.getInstanceByDom(document.getElementById('chart'));
	const slider = document.getElementById('T_max-slider');
	const out = [];
	let t0 = 0, i = 0;
	const next = () => {
		if (i === %d) { chart.off('finished', done); resolve(out); return; }
		slider.value = String(50 + (i %% 2) * 10);
		i++;
		t0 = performance.now();
		slider.dispatchEvent(new Event('input', {bubbles: true}));
	};
	const done = () => { out.push(performance.now() - t0); requestAnimationFrame(next); };
	chart.on('finished', done);
	next();
})`

// BenchmarkBrowserSlider reports slider input → rendered chart latency,
// p50 and p95 over 30 inputs, for several run lengths.
func BenchmarkBrowserSlider(b *testing.B) {
	for _, steps := range []int{1e3, 1e4, 1e5, 1e6} {
		b.Run(fmt.Sprintf("steps=%d", steps), func(b *testing.B) {
			tb := open(b, fmt.Sprintf("?T_max=50&T_mult=1&steps=%d", steps))
			var all []float64
			for b.Loop() {
				all = append(all, eval[[]float64](tb, fmt.Sprintf(sliderLatency, 30))...)
			}
			slices.Sort(all)
			b.ReportMetric(all[len(all)/2], "ms(p50)")
			b.ReportMetric(all[len(all)*95/100], "ms(p95)")
		})
	}
}
