//go:build browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// benchOut is where the browser benchmarks write their figures as JSON.
const benchOut = "bench/browser.json"

// benchResults collects what the browser benchmarks measured; TestMain
// writes it to benchOut and prints it as a table when any benchmark ran.
var benchResults = struct {
	sync.Mutex
	FirstLoad *firstLoad             `json:"first_load,omitempty"`
	Slider    map[string]sliderStats `json:"slider,omitempty"`
}{Slider: map[string]sliderStats{}}

type firstLoad struct {
	// Bytes is what crossed the wire for each file of a cold first load
	// (compressed, headers included), and Total their sum.
	Bytes map[string]int `json:"bytes"`
	Total int            `json:"total_bytes"`
	// ToChartMS is navigation start → first chart drawn, per cold load, and their median.
	ToChartMS     []float64 `json:"to_chart_ms"`
	MedianChartMS float64   `json:"median_to_chart_ms"`
}

type sliderStats struct {
	Inputs int     `json:"inputs"`
	P50MS  float64 `json:"p50_ms"`
	P95MS  float64 `json:"p95_ms"`
	MaxMS  float64 `json:"max_ms"`
	// The redraws' own cost (Go and ECharts, measured by the page around
	// each redraw), apart from the wait for the browser's next frame.
	Redraws     int     `json:"redraws"`
	RedrawP50MS float64 `json:"redraw_p50_ms"`
	RedrawP95MS float64 `json:"redraw_p95_ms"`
}

// BenchmarkBrowserFirstLoad loads the playground five times, each in a new
// browser context (an empty cache), and measures the bytes of the first
// load and the time from navigation to the first chart.
func BenchmarkBrowserFirstLoad(b *testing.B) {
	var times []float64
	var bytes map[string]int
	for b.Loop() {
		for range 5 {
			ms, by := coldLoad(b)
			times = append(times, ms)
			bytes = by
		}
	}
	slices.Sort(times)
	total := 0
	for _, n := range bytes {
		total += n
	}
	med := times[len(times)/2]
	b.ReportMetric(med, "ms-to-chart")
	b.ReportMetric(float64(total), "bytes")
	benchResults.Lock()
	benchResults.FirstLoad = &firstLoad{Bytes: bytes, Total: total, ToChartMS: times, MedianChartMS: med}
	benchResults.Unlock()
}

// coldLoad opens the playground in a fresh browser context and returns the
// milliseconds to its first chart and the bytes received per file.
func coldLoad(b *testing.B) (float64, map[string]int) {
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	if err := chromedp.Do(ctx); err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	names := map[network.RequestID]string{}
	bytes := map[string]int{}
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventResponseReceived:
			if u, err := url.Parse(ev.Response.URL); err == nil {
				names[ev.RequestID] = path.Base(u.Path)
			}
		case *network.EventLoadingFinished:
			if name, ok := names[ev.RequestID]; ok {
				bytes[name] += int(ev.EncodedDataLength)
			}
		}
	})
	err := chromedp.Do(ctx,
		chromedp.Navigate(testSiteURL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"] #chart canvas`)),
	)
	if err != nil {
		b.Fatal(err)
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName('lrplay:first-chart')[0].startTime`))
	if err != nil {
		b.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the last loadingFinished events
	mu.Lock()
	defer mu.Unlock()
	return ms, maps.Clone(bytes)
}

// inputLatency is installed in the page: for each input event on a control
// it records the time from the event (as the browser stamped it) to the
// end of the animation frame callbacks that follow it, which include the
// redraw; the frame is painted right after.
const inputLatency = `(() => {
	window.__latency = [];
	window.lrplayProfile = true; // a performance entry per redraw
	performance.clearMeasures();
	document.addEventListener('input', (e) => {
		const t0 = e.timeStamp;
		requestAnimationFrame(() => window.__latency.push(performance.now() - t0));
	});
	return true;
})()`

// BenchmarkBrowserSlider drags the T_max slider with the mouse, 30 moves a
// drag, through the browser's own input pipeline, and reports input →
// redrawn frame latency at several run lengths.
func BenchmarkBrowserSlider(b *testing.B) {
	for _, steps := range []string{"1000", "10000", "100000", "1000000", "1000000000"} {
		b.Run("steps="+steps, func(b *testing.B) {
			tb := open(b, "?steps="+steps)
			eval[bool](tb, inputLatency)
			box := eval[[]float64](tb, `(() => { const el = document.getElementById('T_max-slider'); el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
			y := box[1] + box[3]/2
			for b.Loop() {
				x := box[0] + 6
				actions := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x, y, chromedp.ButtonLeft)}
				for i := range 30 {
					actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x+float64(3*(i+1)), y, chromedp.ButtonLeft),
						chromedp.Sleep(5*time.Millisecond))
				}
				actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x+90, y, chromedp.ButtonLeft))
				if err := chromedp.Do(tb.ctx, actions...); err != nil {
					b.Fatal(err)
				}
				eval[bool](tb, nextFrames)
			}
			lat := eval[[]float64](tb, `window.__latency`)
			if len(lat) == 0 {
				b.Fatal("no input events reached the page")
			}
			slices.Sort(lat)
			st := sliderStats{Inputs: len(lat), P50MS: lat[len(lat)/2], P95MS: lat[(len(lat)*95)/100], MaxMS: lat[len(lat)-1]}
			redraws := eval[[]float64](tb, `performance.getEntriesByName('lrplay:redraw').map(e => e.duration)`)
			if len(redraws) > 0 {
				slices.Sort(redraws)
				st.Redraws, st.RedrawP50MS, st.RedrawP95MS = len(redraws), redraws[len(redraws)/2], redraws[(len(redraws)*95)/100]
			}
			b.ReportMetric(st.P50MS, "ms-p50")
			b.ReportMetric(st.P95MS, "ms-p95")
			benchResults.Lock()
			benchResults.Slider[steps] = st
			benchResults.Unlock()
			tb.noConsoleErrors()
		})
	}
}

// writeBenchResults prints the browser benchmarks' table and writes benchOut.
func writeBenchResults() error {
	benchResults.Lock()
	defer benchResults.Unlock()
	if benchResults.FirstLoad == nil && len(benchResults.Slider) == 0 {
		return nil
	}
	var b strings.Builder
	if fl := benchResults.FirstLoad; fl != nil {
		fmt.Fprintf(&b, "\nfirst load (cold cache, compressed bytes on the wire)\n")
		names := make([]string, 0, len(fl.Bytes))
		for n := range fl.Bytes {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return fl.Bytes[names[i]] > fl.Bytes[names[j]] })
		for _, n := range names {
			fmt.Fprintf(&b, "  %-20s %9d B\n", n, fl.Bytes[n])
		}
		fmt.Fprintf(&b, "  %-20s %9d B\n", "total", fl.Total)
		fmt.Fprintf(&b, "navigation → first chart: median %.0f ms of %v\n", fl.MedianChartMS, fl.ToChartMS)
	}
	if len(benchResults.Slider) > 0 {
		fmt.Fprintf(&b, "slider input → redrawn frame (playground); the redraw's own cost\n  %12s %6s %8s %8s %8s %8s %10s %10s\n",
			"steps", "inputs", "p50 ms", "p95 ms", "max ms", "redraws", "redraw p50", "redraw p95")
		keys := make([]string, 0, len(benchResults.Slider))
		for k := range benchResults.Slider {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return len(keys[i]) < len(keys[j]) })
		for _, k := range keys {
			s := benchResults.Slider[k]
			fmt.Fprintf(&b, "  %12s %6d %8.1f %8.1f %8.1f %8d %10.1f %10.1f\n", k, s.Inputs, s.P50MS, s.P95MS, s.MaxMS, s.Redraws, s.RedrawP50MS, s.RedrawP95MS)
		}
	}
	fmt.Print(b.String())
	if err := os.MkdirAll(path.Dir(benchOut), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(&benchResults, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println("wrote", benchOut)
	return os.WriteFile(benchOut, data, 0o644)
}
