package gen

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// The README's table of kinds lies between these markers. Readme rewrites
// the start marker's line whole, so its text always names the command.
const (
	kindsStart = "<!-- kinds:start"
	kindsLine  = "<!-- kinds:start (generated from core.Kinds() by go generate ./...) -->\n"
	kindsEnd   = "<!-- kinds:end -->"
)

// Readme returns readme, the text of README.md, with its table of kinds
// (from the start marker's line to the end marker) written from core.Kinds().
func Readme(readme []byte) ([]byte, error) {
	start := bytes.Index(readme, []byte(kindsStart))
	end := bytes.Index(readme, []byte(kindsEnd))
	if start < 0 || end < start {
		return nil, errors.New("README.md lacks the kinds markers " + kindsStart + " … --> and " + kindsEnd)
	}
	var b bytes.Buffer
	b.Write(readme[:start])
	b.WriteString(kindsLine)
	b.WriteString(KindsTable())
	b.Write(readme[end:])
	return b.Bytes(), nil
}

// KindsTable returns the README's table of kinds, in Markdown, from core's
// parameter tables.
func KindsTable() string {
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
