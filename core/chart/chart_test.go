package chart

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

func TestBaseOptionShape(t *testing.T) {
	b, err := BaseOption()
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Animation bool `json:"animation"`
		XAxis     []struct {
			Type, Name string
		} `json:"xAxis"`
		YAxis []struct {
			Type, Name string
		} `json:"yAxis"`
		Tooltip struct{ Trigger string } `json:"tooltip"`
		Series  []struct {
			ID       string `json:"id"`
			Type     string `json:"type"`
			MarkLine struct {
				LineStyle struct{ Type string } `json:"lineStyle"`
			} `json:"markLine"`
		} `json:"series"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if o.Animation || len(o.XAxis) != 1 || o.XAxis[0].Name != "step" || o.XAxis[0].Type != "value" ||
		len(o.YAxis) != 1 || o.YAxis[0].Name != "lr" || o.Tooltip.Trigger != "axis" ||
		len(o.Series) != 1 || o.Series[0].ID != SeriesID || o.Series[0].Type != "line" ||
		o.Series[0].MarkLine.LineStyle.Type != "dashed" {
		t.Errorf("base option has the wrong shape:\n%s", b)
	}
	if !bytes.Contains(b, []byte(`"silent": true`)) {
		t.Errorf("base option: the series is not silent")
	}
	if bytes.Contains(b, []byte("__f__")) || bytes.Contains(b, []byte("function")) {
		t.Errorf("base option carries a function value")
	}
}

func TestRender(t *testing.T) {
	s, err := core.Parse([]byte(`{"kind":"playground","T_max":10,"T_mult":1,"warmup":0.1}`))
	if err != nil {
		t.Fatal(err)
	}
	vals, err := s.Values(50)
	if err != nil {
		t.Fatal(err)
	}
	ann, _ := s.Annotations(50, MaxMarkers)
	var buf bytes.Buffer
	if err := Render(&buf, Options{Title: "test", LogY: true}, Series{Name: "a", Values: vals, Annotations: ann}, Series{Name: "b", Values: vals}); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{`"type":"log"`, `"name":"restart"`, `"xAxis":15`, `"name":"warmup end"`, `[49,`, `"legend":{"show":true`} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %s", want)
		}
	}
}

// TestRenderPage: the page has our title, a fixed element id (the same
// chart renders to the same bytes), ECharts from the assets host asked for,
// and Points drawn instead of Values.
func TestRenderPage(t *testing.T) {
	pts := []core.Point{{Step: 0, LR: 0.1}, {Step: 999_999, LR: 0}, {Step: 1_000_000_000_000 - 1, LR: 0.05}}
	render := func(o Options) string {
		var buf bytes.Buffer
		if err := Render(&buf, o, Series{Name: "lr", Values: []float64{7, 7}, Points: pts}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	html := render(Options{Title: "cosine & <friends>", AssetsHost: "./assets/"})
	for _, want := range []string{
		"<title>cosine &amp; &lt;friends&gt;</title>",
		`<script src="./assets/echarts.min.js"></script>`,
		`id="` + RenderID + `"`,
		`"data":[{"value":[0,0.1]},{"value":[999999,0]},{"value":[999999999999,0.05]}]`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered page lacks %s", want)
		}
	}
	if strings.Contains(html, `[0,7]`) {
		t.Errorf("rendered page draws Values though Points are set")
	}
	if again := render(Options{Title: "cosine & <friends>", AssetsHost: "./assets/"}); again != html {
		t.Errorf("the same chart renders to different bytes")
	}
	if html := render(Options{}); !strings.Contains(html, "<title>LR Playground</title>") || !strings.Contains(html, "/echarts.min.js\"></script>") {
		t.Errorf("a page without title or assets host: title or script missing")
	}
	// go-echarts writes the option unescaped: a title cannot end the script.
	if html := render(Options{Title: "</script><script>alert(1)</script>"}); strings.Contains(html, "<script>alert") ||
		!strings.Contains(html, `"text":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`) {
		t.Errorf("a title with </script> breaks out of the page's script")
	}
	// On a log axis an lr of 0 is a gap, not a point at the bottom.
	if html := render(Options{LogY: true}); !strings.Contains(html, `{"value":[999999,"-"]}`) || !strings.Contains(html, `"type":"log"`) {
		t.Errorf("log axis: the lr of 0 is not a gap")
	}
}
