package core

import "testing"

// Tests of keras.PiecewiseConstantDecay. Its values are the list's, rounded
// to float32 (struct.unpack('f', struct.pack('f', x)) in python3 gives the
// expected numbers); which one a step gets follows Keras's comparisons
// step ≤ boundaries[0], boundaries[j-1] < step ≤ boundaries[j], step > boundaries[-1].

func init() {
	// Specs whose events stress Downsample (see downsampleSpecs): a change at
	// every step, values that rise and fall, a boundary below 0.
	downsampleSpecs["keras.PiecewiseConstantDecay"] = []string{
		`{"kind":"keras.PiecewiseConstantDecay","boundaries":[0,1,2,3,4,5,6],"values":[1,0.5,1,0.5,1,0.5,1,0.5]}`,
		`{"kind":"keras.PiecewiseConstantDecay","boundaries":[-5,100,101,700],"values":[9,0.1,0.3,0.2,0.001]}`,
		`{"kind":"keras.PiecewiseConstantDecay","boundaries":[250],"values":[0.001,0.1]}`,
	}
}

func kerasPiecewiseSpec(p string) string { return `{"kind":"keras.PiecewiseConstantDecay",` + p + `}` }

func TestKerasPiecewisePoints(t *testing.T) {
	tests := []struct {
		params string
		want   map[int]float64
	}{
		// Keras's test_piecewise_values: 1.0 at 100, 0.1 at 105 and 110, 0.01 at 120, 0.001 at 999.
		{`"boundaries":[100,110,120],"values":[1.0,0.1,0.01,0.001]`, map[int]float64{
			0: 1, 100: 1, 101: 0.10000000149011612, 105: 0.10000000149011612, 110: 0.10000000149011612,
			111: 0.009999999776482582, 120: 0.009999999776482582, 121: 0.0010000000474974513, 999: 0.0010000000474974513}},
		// Keras's test_boundary_values: 0.4 at 0 and 1, 0.5 at 2, 0.6 at 3, 0.7 at 4.
		{`"boundaries":[1,2,3],"values":[0.4,0.5,0.6,0.7]`, map[int]float64{
			0: 0.4000000059604645, 1: 0.4000000059604645, 2: 0.5, 3: 0.6000000238418579, 4: 0.699999988079071}},
		// Hand: a boundary below 0 hides values[0]; a rise after 10.
		{`"boundaries":[-3,10],"values":[5,0.001,0.1]`, map[int]float64{
			0: 0.0010000000474974513, 10: 0.0010000000474974513, 11: 0.10000000149011612}},
	}
	for _, tt := range tests {
		n := 0
		for i := range tt.want {
			n = max(n, i+1)
		}
		checkPoints(t, kerasPiecewiseSpec(tt.params), n, tt.want, 0)
	}
	s := mustParse(t, kerasPiecewiseSpec(`"boundaries":[100,900000000],"values":[0.1,0.01,0.001]`))
	for i, want := range map[int64]float64{900000000: 0.009999999776482582, 900000001: 0.0010000000474974513, MaxSteps - 1: 0.0010000000474974513} {
		if v := s.At(i, MaxSteps); v != want {
			t.Errorf("At(%d) = %v, want %v", i, v, want)
		}
	}
}

func TestKerasPiecewiseErrors(t *testing.T) {
	tests := []struct{ params, param, want string }{
		{`"values":[1]`, "boundaries", "missing"},
		{`"boundaries":[10]`, "values", "missing"},
		// Keras: ValueError from __init__, its text quoted.
		{`"boundaries":[100000,110000],"values":[1.0,0.5]`, "values", "Keras raises ValueError: The length of boundaries should be 1 less than " +
			"the length of values. Received: boundaries=[100000, 110000] of length 2, and values=[1.0, 0.5] of length 2."},
		{`"boundaries":[],"values":[0.1]`, "boundaries", "IndexError"},
		{`"boundaries":[10,10],"values":[0.1,0.2,0.3]`, "boundaries", "boundaries[1] = 10 is not above boundaries[0] = 10; Keras requires strictly increasing"},
		{`"boundaries":[10.5],"values":[0.1,0.2]`, "boundaries[0]", "whole"},
		{`"boundaries":[10],"values":[0.1,-0.2]`, "values[1]", "out of range"},
		{`"boundaries":[10],"values":[0.1,1e39]`, "values[1]", "out of range"},
	}
	for _, tt := range tests {
		wantParseError(t, kerasPiecewiseSpec(tt.params), tt.param, tt.want)
	}
}

func TestKerasPiecewiseEvents(t *testing.T) {
	wantEvents(t, kerasPiecewiseSpec(`"boundaries":[-5,0,10,20,30],"values":[1,0.1,0.01,0.5,0.5,0.2]`), 25,
		[]Event{{1, Boundary}, {11, Restart}, {21, Boundary}})
	for _, spec := range downsampleSpecs["keras.PiecewiseConstantDecay"] {
		checkEventContract(t, spec, 1000)
	}
}

func TestKerasPiecewiseImport(t *testing.T) {
	tests := []struct{ src, want string }{
		{"lr = keras.optimizers.schedules.PiecewiseConstantDecay(boundaries=[100000, 110000], values=[1.0, 0.5, 0.1])",
			`{"kind":"keras.PiecewiseConstantDecay","boundaries":[100000,110000],"values":[1,0.5,0.1]}`},
		{`PiecewiseConstantDecay([10], [1e-3, 1e-4], name="pcd")`,
			`{"kind":"keras.PiecewiseConstantDecay","boundaries":[10],"values":[0.001,0.0001]}`},
	}
	for _, tt := range tests {
		got, _, err := ImportCode(tt.src)
		if err != nil || string(got) != tt.want {
			t.Errorf("ImportCode(%s) = %s, %v; want %s", tt.src, got, err, tt.want)
		}
	}
}
