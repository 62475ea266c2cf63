//go:build browser

package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// stickyCheck scrolls a slider to the bottom of the screen, as a reader who
// reaches it does, and returns where the chart and the slider then are:
// [chart top, chart bottom, slider top, slider bottom, innerHeight, scrollY].
const stickyCheck = `(async () => {
	const slider = document.getElementById(%q), chart = document.getElementById(%q);
	slider.scrollIntoView({block: 'end'});
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const c = chart.getBoundingClientRect(), s = slider.getBoundingClientRect();
	return [c.top, c.bottom, s.top, s.bottom, innerHeight, scrollY];
})()`

// chartInView fails unless the chart is wholly on screen, the page has
// scrolled to reach the slider, and the slider is on screen below the chart.
func chartInView(t *testing.T, tb *tab, chartID, sliderID string) []float64 {
	t.Helper()
	r := eval[[]float64](tb, fmt.Sprintf(stickyCheck, sliderID, chartID))
	chartTop, chartBottom, sliderTop, sliderBottom, height, scrolled := r[0], r[1], r[2], r[3], r[4], r[5]
	if scrolled <= 0 {
		t.Fatalf("#%s is on the first screen: nothing to check (scrollY %v)", sliderID, scrolled)
	}
	if chartTop < -0.5 || chartBottom > height+0.5 {
		t.Errorf("with #%s on screen, #%s is at %v–%v px of a %v px screen: not in view", sliderID, chartID, chartTop, chartBottom, height)
	}
	if sliderTop < chartBottom-0.5 || sliderBottom > height+0.5 {
		t.Errorf("#%s is at %v–%v px, under the chart (%v–%v) or off a %v px screen", sliderID, sliderTop, sliderBottom, chartTop, chartBottom, height)
	}
	return r
}

// mouseDrag moves a slider with the mouse, 60 px to the right, as a person does.
func mouseDrag(t *testing.T, tb *tab, sliderID string) {
	t.Helper()
	box := eval[[]float64](tb, fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`, sliderID))
	x, y := box[0]+8, box[1]+box[3]/2
	actions := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x, y, chromedp.ButtonLeft)}
	for i := 1; i <= 6; i++ {
		actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x+float64(10*i), y, chromedp.ButtonLeft), chromedp.Sleep(10*time.Millisecond))
	}
	actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x+60, y, chromedp.ButtonLeft))
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		t.Fatal(err)
	}
	eval[bool](tb, nextFrames)
}

// curveOf is the first curve's points on the chart chartID, as text.
func curveOf(tb *tab, chartID string) string {
	return eval[string](tb, fmt.Sprintf(`Array.from(echarts.getInstanceByDom(document.getElementById(%q)).getOption().series[0].data).join()`, chartID))
}

// TestBrowserPhoneStickyChart: on a phone's screen the chart stays in view
// while a slider below it is dragged, on the playground (whose settings
// follow the chart there) and in a tutorial section (whose controls follow
// its prose).
func TestBrowserPhoneStickyChart(t *testing.T) {
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	tb.navigate("")
	for _, slider := range []string{"T_max-slider", "warmup_start-slider", "decay-slider"} {
		chartInView(t, tb, "chart", slider)
	}
	before := curveOf(tb, "chart")
	mouseDrag(t, tb, "decay-slider")
	if curveOf(tb, "chart") == before {
		t.Error("dragging the decay slider on a phone did not redraw the chart")
	}
	chartInView(t, tb, "chart", "decay-slider")
	tb.noConsoleErrors()

	if err := chromedp.Do(tb.ctx, chromedp.Navigate(testSiteURL+"/tutorial.html"), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](tutorialReady)(ctx, tg)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	for _, section := range []string{"cosine", "restarts", "compare"} {
		slider := map[string]string{"cosine": "cosine-eta_max-slider", "restarts": "restarts-steps-slider", "compare": "compare-steps-slider"}[section]
		chartInView(t, tb, section+"-chart", slider)
		before := curveOf(tb, section+"-chart")
		mouseDrag(t, tb, slider)
		if curveOf(tb, section+"-chart") == before {
			t.Errorf("%s: dragging #%s on a phone did not redraw the chart", section, slider)
		}
		chartInView(t, tb, section+"-chart", slider)
	}
	tb.noConsoleErrors()
}
