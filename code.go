package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// codeCmd is `lrplay code -spec F [-framework torch] [-steps N]`: a runnable
// Python snippet that reproduces the run in a framework (core.Code).
func codeCmd(args []string) error { return runCode(args, os.Stdin, os.Stdout) }

func runCode(args []string, stdin io.Reader, stdout io.Writer) error {
	fl := flag.NewFlagSet("code", flag.ContinueOnError)
	frameworks := strings.Join(core.Frameworks(), ", ")
	run := runFlags{usage: "lrplay code -spec spec.json -framework torch"}
	run.define(fl, 1000, "the run's length in steps, which the snippet's loop covers")
	framework := fl.String("framework", "", "the framework to write it in, one of "+frameworks+" (default: the kind's own; torch for the playground kind)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := run.required(); err != nil {
		return err
	}
	if *framework != "" && core.LookupFramework(*framework) == "" {
		return usageError(fmt.Sprintf("-framework %q: want one of %s", *framework, frameworks))
	}
	s, err := run.schedule(stdin)
	if err != nil {
		return err
	}
	code, err := core.Code(s, run.steps, *framework)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, code)
	return err
}
