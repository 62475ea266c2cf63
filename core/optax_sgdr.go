package core

// optax's sgdr_schedule (optax/schedules/_schedule.py):
//
//	boundaries, schedules, step = [], [], 0
//	for kwargs in cosine_kwargs:
//	  schedules += [warmup_cosine_decay_schedule(**kwargs)]
//	  boundaries += [step + kwargs['decay_steps']]
//	  step += kwargs['decay_steps']
//	return join_schedules(schedules, boundaries[:-1])
//
// Here cosine_kwargs is a Schedules parameter whose children must be
// warmup_cosine_decay_schedule specs (each dict of kwargs); the curve is
// join_schedules' (optax_join.go).

var optaxSgdrKind = register(&Kind{
	Name:      "optax.sgdr_schedule",
	order:     512,
	code:      optaxSgdrCode,
	imports:   []importSig{{callee: "sgdr_schedule", params: []string{"cosine_kwargs"}, dictChild: "warmup_cosine_decay_schedule"}},
	Framework: "optax",
	Title:     "SGDR (warm restarts)",
	Doc: "sgdr_schedule: warmup cosine cycles one after the other, each a warmup_cosine_decay_schedule of its own " +
		"kwargs that runs for its decay_steps, given the count since its start: join_schedules of them with the " +
		"cumulative decay_steps as boundaries, in float32 as JAX computes it by default. cosine_kwargs is the list " +
		"of each cycle's kwargs, written here as specs of kind " + optaxWarmupCosineKind.Name + " (Python's dicts " +
		"{'init_value': ..., 'peak_value': ..., ...}, which import reads); the last cycle's end_value holds after it.",
	Convention: optaxConvention,
	Link:       optaxLink + "#optax.schedules.sgdr_schedule",
	Example: `{"kind": "optax.sgdr_schedule", "cosine_kwargs": [` +
		`{"kind": "` + optaxWarmupCosineKind.Name + `", "init_value": 0, "peak_value": 1e-3, "warmup_steps": 50, "decay_steps": 300}, ` +
		`{"kind": "` + optaxWarmupCosineKind.Name + `", "init_value": 0, "peak_value": 5e-4, "warmup_steps": 50, "decay_steps": 700}]}`,
	ExampleSteps: 1000,
	Params: []Param{
		{Name: "cosine_kwargs", Type: Schedules, Required: true,
			Doc: "each cycle's warmup_cosine_decay_schedule arguments, as a spec of that kind; the cycle lasts its decay_steps"},
	},
	build: func(a args) (kindCurve, error) {
		children, err := parseChildren(a, "cosine_kwargs", nil, optaxChildCheck(optaxWarmupCosineKind.Name))
		if err != nil {
			return nil, err
		}
		if len(children) == 0 {
			return nil, errorf("cosine_kwargs", "no cycles: optax's sgdr_schedule raises IndexError: list index out of range")
		}
		var bounds []int64
		step := int64(0)
		for i, ch := range children {
			step += ch.args.int("decay_steps")
			if i < len(children)-1 && step > -optaxMinInt32 {
				// At step 0 the next cycle is evaluated at 0 − step, which JAX cannot make an int32.
				return nil, errorf("cosine_kwargs"+listOpen+itoa(int64(i))+listClose+".decay_steps", "the cycles up to this one "+
					"last "+itoa(step)+" steps, past 2³¹: optax raises OverflowError (the next cycle's count 0 − "+itoa(step)+" is no int32)")
			}
			bounds = append(bounds, step)
		}
		return &optaxJoin{children: children, bounds: bounds[:len(bounds)-1], name: "sgdr_schedule"}, nil
	},
})

// optaxMinInt32 is the smallest count JAX makes an int32.
const optaxMinInt32 = -optaxMaxInt32 - 1

// optaxSgdrCode writes each cycle's kwargs as a dict.
func optaxSgdrCode(w *pyWriter, s *Schedule, steps int64) {
	var b []byte
	for _, ch := range s.args["cosine_kwargs"].([]*Schedule) {
		b = append(b, "    {\n"...)
		for i := range ch.kind.Params {
			p := &ch.kind.Params[i]
			b = append(b, "        \""+p.Name+"\": "+pyValue(p, ch.args[p.Name])+",\n"...)
		}
		b = append(b, "    },\n"...)
	}
	w.set("cycles", string(b))
	w.put(`import optax

schedule = optax.sgdr_schedule([
{cycles}])

# An optimizer given learning_rate=schedule uses schedule(count) at update count.
lrs = [float(schedule(step)) for step in range({n})]
print(lrs)
`)
}
