package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/gen"
)

// TestReadmeKinds fails while README.md's table of kinds differs from what
// go generate writes there (generate.go) from core.Kinds().
func TestReadmeKinds(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := gen.Readme(readme)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readme, want) {
		t.Errorf("README.md's kinds table is stale: run go generate .")
	}
}

// TestReadmeAliases: the README names every kind's former names, which the
// generated table leaves out.
func TestReadmeAliases(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range core.Kinds() {
		for _, a := range k.Aliases {
			if !bytes.Contains(readme, []byte("`"+a+"`")) {
				t.Errorf("README.md does not mention %s, the former name of %s", a, k.Name)
			}
		}
	}
}

// TestReadmeUnits: the README's "units" example parses to the units it
// explains, and the claims made with it hold.
func TestReadmeUnits(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	const example = "{\"kind\": \"torch.CosineAnnealingLR\", \"lr\": 0.1, \"T_max\": 90,\n \"units\": {\"steps_per_epoch\": 390, \"accumulation\": 4, \"stepping\": \"epoch\"}}"
	if !bytes.Contains(readme, []byte("```json\n"+example+"\n```")) {
		t.Fatalf("README.md lacks the units example %s", example)
	}
	s, err := core.Parse([]byte(example))
	if err != nil {
		t.Fatal(err)
	}
	if u := s.Units(); u != (core.Units{StepsPerEpoch: 390, Accumulation: 4, Stepping: core.PerEpoch}) {
		t.Errorf("units %+v", u)
	}
	// 90 epochs of 390 steps: the last step, in epoch 89, is still above eta_min.
	if err := s.CheckSteps(35100); err != nil || s.At(35099, 35100) == 0 {
		t.Errorf("35100 steps: %v, last lr %g", err, s.At(35099, 35100))
	}
	// Per micro-batch of 4, T_max = 100 is past its floor at step 25.
	u := core.Units{StepsPerEpoch: 1, Accumulation: 4, Stepping: core.PerMicroBatch}
	if u.Call(24) >= 100 || u.Call(25) <= 100 || u.Call(0) != 3 {
		t.Errorf("c(24) = %d, c(25) = %d, c(0) = %d", u.Call(24), u.Call(25), u.Call(0))
	}
	// OneCycleLR with total_steps = 1000 runs 250 steps of 4 micro-batches, not 251.
	one, err := core.Parse([]byte(`{"kind": "torch.OneCycleLR", "max_lr": 0.1, "total_steps": 1000, "units": {"accumulation": 4, "stepping": "micro_batch"}}`))
	if err != nil || one.CheckSteps(250) != nil || one.CheckSteps(251) == nil {
		t.Errorf("OneCycleLR per micro-batch: %v, %v, %v", err, one.CheckSteps(250), one.CheckSteps(251))
	}
}
