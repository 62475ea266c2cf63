package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"strconv"

	"github.com/lrplay/lrplay/core"
)

// importCmd is `lrplay import -code CALL`: the spec of a scheduler's
// constructor call pasted from a training script (core.ImportCode), which
// eval, lint and the page accept. Notes on what it assumed go to standard
// error.
func importCmd(args []string) error { return runImport(args, os.Stdin, os.Stdout, os.Stderr) }

func runImport(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	code := fl.String("code", "", "the constructor call, e.g. 'CosineAnnealingLR(optimizer, T_max=100)', or - for standard input")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *code == "" {
		return usageError("-code is required, e.g. lrplay import -code 'CosineAnnealingLR(optimizer, T_max=100)'")
	}
	src := *code
	if src == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, core.MaxSpecBytes+1))
		if err != nil {
			return err
		}
		if len(b) > core.MaxSpecBytes {
			return errors.New("the code is larger than " + strconv.Itoa(core.MaxSpecBytes) + " bytes")
		}
		src = string(b)
	}
	spec, notes, err := core.ImportCode(src)
	if err != nil {
		return err
	}
	for _, n := range notes {
		io.WriteString(stderr, "lrplay import: note: "+n+"\n")
	}
	_, err = stdout.Write(append(spec, '\n'))
	return err
}
