// Command wasm is LR Playground's bridge between the page and package core,
// compiled with GOOS=js GOARCH=wasm. The files without a build tag hold its
// logic (URL state, controls, sliders) and are tested natively; the *_js.go
// files touch the browser, only through safejs.
package main
