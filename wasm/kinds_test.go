package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/lrplay/lrplay/core"
)

var update = flag.Bool("update", false, "rewrite kinds.json from core.Kinds()")

// TestKindsGolden checks that kinds.json, which lrplay.kinds() returns, is
// core.Kinds() as encoding/json writes it: the wasm embeds the file instead
// of linking encoding/json.
func TestKindsGolden(t *testing.T) {
	got, err := json.Marshal(core.Kinds())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("kinds.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("kinds.json")
	if err != nil {
		t.Fatalf("%v (run go test ./wasm -run TestKindsGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("kinds.json is stale: run go test ./wasm -run TestKindsGolden -update")
	}
}
