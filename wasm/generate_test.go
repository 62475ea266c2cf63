//go:build !(js && wasm)

package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/lrplay/lrplay/internal/gen"
)

// TestGenerated fails while a constant that go generate writes here
// (generate.go) differs from its source: kindsJSON from core.Kinds(),
// web/js/baseoption.js from chart.BaseOption. It runs natively only: under Node it
// would check the same bytes, at the cost of building go-echarts for wasm.
func TestGenerated(t *testing.T) {
	for _, f := range []struct {
		path    string
		content func() ([]byte, error)
	}{
		{"kinds_gen.go", gen.KindsFile},
		{"../web/js/baseoption.js", gen.BaseOptionModule},
	} {
		want, err := f.content()
		if err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Errorf("%v: run go generate ./wasm", err)
		} else if !bytes.Equal(got, want) {
			t.Errorf("wasm/%s is stale: run go generate ./wasm", f.path)
		}
	}
}
