package core

import (
	"encoding/json"
	"os"
	"testing"
)

// TestIgniteWave2Measured: PiecewiseLinear and ConcatScheduler against the
// values ignite itself set (testdata/ignite/wave2_measured.json, written by
// testdata/ignite/measure.py from ignite's param_scheduler.py at commit
// de08e799 under torch 1.13), every event exactly: repeated and negative
// milestones, zero and negative durations, the ConcatScheduler docstring's
// example and this kind's.
func TestIgniteWave2Measured(t *testing.T) {
	b, err := os.ReadFile("testdata/ignite/wave2_measured.json")
	if err != nil {
		t.Fatal(err)
	}
	var measured map[string][]float64
	if err := json.Unmarshal(b, &measured); err != nil {
		t.Fatal(err)
	}
	pl := func(mv string) string { return `{"kind":"ignite.PiecewiseLinear","milestones_values":` + mv + `}` }
	specs := map[string]string{
		"pl1": pl(`[[5,0.5],[15,1.0],[25,0.0],[35,1.0],[40,0.5]]`),
		"pl2": pl(`[[0,1],[4,0],[4,0.5],[4,0.9],[6,0.1]]`),
		"pl3": pl(`[[-2,1],[2,0]]`),
		"pl4": pl(`[[0,0],[100,0.1],[800,0.001]]`),
		"pl5": pl(`[[3,0.3],[3,0.7],[10,0.01],[77,0.123456789]]`),
		"c1":  igniteConcatSpec("[3]", igniteL, igniteF),
		"c2":  igniteConcatSpec("[0,2]", igniteA, igniteB, igniteC),
		"c3":  igniteConcatSpec("[2,0]", igniteA, igniteB, igniteC),
		"c4":  igniteConcatSpec("[0,0]", igniteA, igniteB, igniteC),
		"c5":  igniteConcatSpec("[1,-3]", igniteA, igniteB, igniteC),
		"c6":  igniteConcatSpec("[-1,2]", igniteA, igniteB, igniteC),
		"c7": igniteConcatSpec("[4]", `{"kind":"ignite.LinearCyclicalScheduler","start_value":0,"end_value":1,"cycle_size":8}`,
			`{"kind":"ignite.CosineAnnealingScheduler","start_value":1,"end_value":0.2,"cycle_size":4}`),
		"c8": igniteConcatKind.Example,
		"c9": igniteConcatSpec("[0,25]", igniteA, `{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.5,"cycle_size":10}`,
			pl(`[[0,0.3]]`)),
	}
	if len(measured) != len(specs) {
		t.Fatalf("%d cases measured, %d specs", len(measured), len(specs))
	}
	for name, spec := range specs {
		want := measured[name]
		if len(want) == 0 {
			t.Fatalf("%s: not measured", name)
		}
		got := mustValues(t, spec, len(want))
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: event %d = %.17g, ignite set %.17g", name, i, got[i], want[i])
			}
		}
	}
}
