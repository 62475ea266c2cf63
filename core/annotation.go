package core

// Annotation is an event worth marking on a chart: a restart, the end of
// warmup, or the end of a phase. Peaks and troughs are not annotated; they
// are for drawing.
type Annotation struct {
	Step  int64     `json:"step"`
	Kind  EventKind `json:"kind"`
	Label string    `json:"label"`
}

var annotationLabels = map[EventKind]string{
	Restart:   "restart",
	WarmupEnd: "warmup end",
	Boundary:  "phase end",
}

// Annotations returns at most limit annotations of a run of steps steps, in
// step order, and whether there were more (a chart with thousands of restart
// lines would show only ink).
func (s *Schedule) Annotations(steps int64, limit int) (out []Annotation, more bool) {
	for e := range s.Events(steps, 0, steps) {
		label, ok := annotationLabels[e.Kind]
		if !ok {
			continue
		}
		if len(out) == limit {
			return out, true
		}
		out = append(out, Annotation{Step: e.Step, Kind: e.Kind, Label: label})
	}
	return out, false
}
