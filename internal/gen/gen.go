// Package gen computes the files that `go generate ./...` writes, for the
// generators under it and for the tests that fail while a file is stale:
//
//   - wasm/kinds_gen.go, core.Kinds() as JSON: KindsFile, written by
//     internal/gen/kinds (go generate ./wasm);
//   - web/js/baseoption.js, the chart's frame as an ES module: BaseOptionModule,
//     written by internal/gen/baseoption (go generate ./wasm);
//   - README.md's table of kinds: Readme, written by internal/gen/readme
//     (go generate . at the module root).
//
// The wasm has a size budget, and go:embed costs it the embed, io/fs and
// time packages (about 20 KB compressed). So data that the wasm needs from
// native-only code (the kind table as JSON) is generated as Go string
// constants instead of embedded files; the chart's base option, written by
// go-echarts, goes straight to the page's JavaScript. Only the generators and
// tests import this package: nothing of it is linked into the wasm.
package gen

import (
	"bytes"
	"os"
)

// Write writes content to path unless the file already holds it, so that a
// run with nothing to regenerate leaves every file as it was.
func Write(path string, content []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, content) {
		return nil
	}
	return os.WriteFile(path, content, 0o644)
}
