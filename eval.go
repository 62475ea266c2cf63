package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"strconv"

	"github.com/lrplay/lrplay/core"
)

// evalCmd is `lrplay eval -spec F -steps N [-format csv|json]`: the exact
// values of core.Evaluate, for scripts and builds.
func evalCmd(args []string) error { return runEval(args, os.Stdin, os.Stdout) }

func runEval(args []string, stdin io.Reader, stdout io.Writer) error {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	run := runFlags{usage: "lrplay eval -spec spec.json -steps 1000"}
	run.define(fl, 0, "how many steps to evaluate (1 to "+strconv.Itoa(core.MaxEvaluateSteps)+")")
	format := fl.String("format", "csv", "csv (a step,lr header, then one row per step) or json ({\"values\": [...]})")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := errOr(run.required(), oneOf("format", *format, "csv", "json")); err != nil {
		return err
	}
	spec, err := readSpec(run.spec, stdin)
	if err != nil {
		return err
	}
	if run.steps > core.MaxEvaluateSteps {
		run.steps = core.MaxEvaluateSteps + 1 // Evaluate says why, in its words
	}
	values, err := core.Evaluate(spec, int(run.steps))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if *format == "json" {
		if err := json.NewEncoder(w).Encode(struct {
			Values []float64 `json:"values"`
		}{values}); err != nil {
			return err
		}
		return w.Flush()
	}
	w.WriteString(core.CSVHeader)
	var buf []byte
	for i, v := range values {
		buf = core.AppendCSVRow(buf[:0], int64(i), v)
		w.Write(buf)
	}
	return w.Flush()
}

// readSpec reads a spec file, or standard input for "-", up to core's limit.
func readSpec(path string, stdin io.Reader) ([]byte, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, core.MaxSpecBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > core.MaxSpecBytes {
		return nil, errors.New("the spec is larger than " + strconv.Itoa(core.MaxSpecBytes) + " bytes")
	}
	return b, nil
}
