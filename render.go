package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/core/chart"
)

// renderColumns is how many pixel columns a rendered chart draws a long run
// in; a run of at most 4·renderColumns steps is drawn from every value.
const renderColumns = 1200

// renderCmd is `lrplay render -spec F -steps N [-o chart.html] [-title T]
// [-log] [-assets URL]`: a standalone HTML chart made by go-echarts' own
// renderer, for docs that cannot host the wasm.
func renderCmd(args []string) error { return runRender(args, os.Stdin, os.Stdout, os.Stderr) }

func runRender(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("render", flag.ContinueOnError)
	fl.SetOutput(stderr)
	run := runFlags{usage: "lrplay render -spec spec.json -steps 1000 -o chart.html"}
	run.define(fl, 0, "the run length to draw (1 to "+strconv.FormatInt(core.MaxSteps, 10)+")")
	var (
		out    = fl.String("o", "-", "the HTML file to write, or - for standard output")
		title  = fl.String("title", "", "the chart's title (default: the kind and the run length)")
		logY   = fl.Bool("log", false, "put the lr on a log axis")
		assets = fl.String("assets", "", "the `URL` ending in / to load echarts.min.js from (default: go-echarts' assets host)")
	)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := run.required(); err != nil {
		return err
	}
	s, err := run.schedule(stdin)
	if err != nil {
		return err
	}
	steps := &run.steps
	series, exact, err := renderSeries(s, *steps)
	if err != nil {
		return err
	}
	o := chart.Options{Title: *title, LogY: *logY, AssetsHost: *assets}
	if o.Title == "" {
		o.Title = s.Kind().Name + ", " + strconv.FormatInt(*steps, 10) + " steps"
	}
	var page bytes.Buffer
	if err := chart.Render(&page, o, series); err != nil {
		return err
	}
	if !exact {
		fmt.Fprintln(stderr, "lrplay render: the run turns more often than can be read in full; some columns show approximate extremes")
	}
	// Nothing is written until the page is whole: a failure leaves no half file.
	if *out == "-" {
		_, err := stdout.Write(page.Bytes())
		return err
	}
	return os.WriteFile(*out, page.Bytes(), 0o644)
}

// renderSeries is the curve of a run as the page draws it: every step as
// the framework computes it when the chart has room for them all, else each
// pixel column's first, lowest, highest and last step (core.Downsample).
// exact is false when a run had too many events to read them all.
func renderSeries(s *core.Schedule, steps int64) (series chart.Series, exact bool, err error) {
	series.Name = "lr"
	series.Annotations, _ = s.Annotations(steps, chart.MaxMarkers)
	if steps <= 4*renderColumns {
		series.Values, err = s.Values(int(steps))
		return series, true, err
	}
	cols, exact := s.Downsample(steps, renderColumns)
	series.Points = core.Points(cols)
	return series, exact, nil
}
