package main

// README.md's table of kinds is written from core.Kinds(). TestReadmeKinds
// fails while it is stale.
//
//go:generate go run ./internal/gen/readme README.md
