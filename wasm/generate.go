package main

// Data the wasm needs from native-only code is written here as Go constants,
// which cost it less than go:embed (see internal/gen); the chart's base
// option goes to the page's JavaScript. TestGenerated fails while they are
// stale.
//
//go:generate go run github.com/lrplay/lrplay/internal/gen/kinds kinds_gen.go
//go:generate go run github.com/lrplay/lrplay/internal/gen/baseoption ../web/js/baseoption.js
