package main

import (
	"encoding/json"
	"flag"
	"testing"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/golden"
)

var update = flag.Bool("update", false, "rewrite kinds_gen.go from core.Kinds()")

// TestKindsGolden checks that kindsJSON, which lrplay.kinds() returns, is
// core.Kinds() as encoding/json writes it: the wasm carries the text instead
// of linking encoding/json.
func TestKindsGolden(t *testing.T) {
	got, err := json.Marshal(core.Kinds())
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "kinds_gen.go", "main", "kindsJSON",
		"kindsJSON is core.Kinds() as JSON, for lrplay.kinds().",
		string(got), "go test ./wasm -run TestKindsGolden -update", *update)
}
