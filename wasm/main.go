// Command wasm is LR Playground's WebAssembly side, compiled with GOOS=js
// GOARCH=wasm: the boundary between the page's JavaScript (web/js) and
// package core. Its functions (api.go) take and return plain data: a view's
// state as JSON, from a URL query or a configuration; the controls of a
// state; a control set by text or slider position; what to draw at a width
// (every curve's points as one Float64Array, and a small JSON); the exact
// values under the scrubber or the pointer; downloads; and the
// playground's tools (tools.go), which builds with -tags lean leave out.
// Everything but register_js.go is untagged and tested natively;
// register_js.go publishes the functions through safejs and turns any
// panic into a thrown Error. No Go here touches the DOM.
package main
