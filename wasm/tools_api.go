//go:build !lean

package main

// The playground's tools, registered in the full wasm only: the wasm for
// embedding is built with -tags lean, and its linker leaves core.Lint,
// Code, Translate and ImportCode out.
func init() {
	api["lint"] = lintFn
	api["code"] = codeFn
	api["frameworks"] = frameworksFn
	api["translate"] = translateFn
	api["import"] = importFn
}
