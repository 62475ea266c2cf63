package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite README.md's kinds table from core.Kinds()")

const (
	kindsStart = "<!-- kinds:start (generated from core.Kinds() by go test -run TestReadmeKinds -update-readme) -->\n"
	kindsEnd   = "<!-- kinds:end -->"
)

// kindsTable writes the README's table of kinds from core's parameter tables.
func kindsTable() string {
	var b strings.Builder
	b.WriteString("| kind | framework | parameters (default) |\n|---|---|---|\n")
	for _, k := range core.Kinds() {
		var params []string
		for _, p := range k.Params {
			s := "`" + p.Name + "`"
			switch {
			case p.Required:
				s += " (required)"
			default:
				s += fmt.Sprintf(" (%s)", p.FormatValue(p.Default))
				if p.Default == nil {
					s = "`" + p.Name + "` (None)"
				}
			}
			params = append(params, s)
		}
		name := "`" + k.Name + "`"
		if k.Link != "" {
			name = "[" + name + "](" + k.Link + ")"
		}
		fmt.Fprintf(&b, "| %s | %s: %s | %s |\n", name, k.Framework, k.Title, strings.Join(params, ", "))
	}
	return b.String()
}

func TestReadmeKinds(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(readme, []byte(kindsStart))
	end := bytes.Index(readme, []byte(kindsEnd))
	if start < 0 || end < start {
		t.Fatalf("README.md lacks the kinds markers %q … %q", kindsStart, kindsEnd)
	}
	want := kindsTable()
	got := string(readme[start+len(kindsStart) : end])
	if got == want {
		return
	}
	if *updateReadme {
		out := append(append(append([]byte{}, readme[:start+len(kindsStart)]...), want...), readme[end:]...)
		if err := os.WriteFile("README.md", out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's kinds table is stale: go test -run TestReadmeKinds -update-readme")
}
