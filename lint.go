package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/lrplay/lrplay/core"
)

// exitFindings is the exit status of lint when it finds pitfalls: distinct
// from 1 (a bad spec or run) and 2 (a usage mistake), so a CI step can
// tell "the schedule has pitfalls" from "the check could not run".
const exitFindings exitStatus = 3

// lintCmd is `lrplay lint -spec F -steps N [-format text|json]`: the
// pitfalls core.Lint finds in a run, for scripts and CI.
func lintCmd(args []string) error { return runLint(args, os.Stdin, os.Stdout) }

func runLint(args []string, stdin io.Reader, stdout io.Writer) error {
	fl := flag.NewFlagSet("lint", flag.ContinueOnError)
	run := runFlags{usage: "lrplay lint -spec spec.json -steps 10000"}
	run.define(fl, 0, "the run's length in steps (1 to "+strconv.FormatInt(core.MaxSteps, 10)+")")
	format := fl.String("format", "text", "text (a line per finding and its fix) or json ({\"findings\": [...]})")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := errOr(run.required(), oneOf("format", *format, "text", "json")); err != nil {
		return err
	}
	s, err := run.schedule(stdin)
	if err != nil {
		return err
	}
	findings, err := core.Lint(s, run.steps)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if *format == "json" {
		if findings == nil {
			findings = []core.Finding{}
		}
		if err := json.NewEncoder(w).Encode(struct {
			Findings []core.Finding `json:"findings"`
		}{findings}); err != nil {
			return err
		}
	} else {
		for _, f := range findings {
			fmt.Fprintf(w, "%s (steps %d-%d): %s\n", f.Code, f.From, f.To, f.Message)
			if f.Fix != nil {
				fmt.Fprintf(w, "    fix: %s\n", f.FixLabel)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(findings) > 0 {
		return exitFindings
	}
	return nil
}
