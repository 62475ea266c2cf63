package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// runFlags are the flags of the subcommands that read a spec and run it
// for a number of steps: eval, render, lint and code.
type runFlags struct {
	spec          string
	steps         int64
	stepsRequired bool   // -steps has no default
	usage         string // an example command line, for the error when one is missing
}

// define adds -spec and -steps to fl; a default of 0 steps means -steps is required.
func (r *runFlags) define(fl *flag.FlagSet, steps int64, stepsDoc string) {
	fl.StringVar(&r.spec, "spec", "", "the spec: a JSON file, or - for standard input")
	fl.Int64Var(&r.steps, "steps", steps, stepsDoc)
	r.stepsRequired = steps == 0
}

// required reports the usage mistake of leaving out -spec or a required -steps.
func (r *runFlags) required() error {
	switch {
	case r.stepsRequired && (r.spec == "" || r.steps == 0):
		return usageError("-spec and -steps are required, e.g. " + r.usage)
	case r.spec == "":
		return usageError("-spec is required, e.g. " + r.usage)
	}
	return nil
}

// schedule reads and parses the spec (from stdin for "-") and checks that
// it can run for -steps steps.
func (r *runFlags) schedule(stdin io.Reader) (*core.Schedule, error) {
	spec, err := readSpec(r.spec, stdin)
	if err != nil {
		return nil, err
	}
	s, err := core.Parse(spec)
	if err != nil {
		return nil, err
	}
	return s, s.CheckSteps(r.steps)
}

// oneOf checks a flag's value against the values it takes.
func oneOf(name, value string, allowed ...string) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	return usageError(fmt.Sprintf("-%s %q: want %s", name, value, strings.Join(allowed, " or ")))
}

// errOr is the first error that is not nil.
func errOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
