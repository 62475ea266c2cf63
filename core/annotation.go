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

// maxEventsScanned bounds the events Annotations reads: a curve may turn at
// every step (a cosine of less than two steps per period) and a run may have
// 10^12 steps.
const maxEventsScanned = 100_000

// Annotations returns at most limit annotations of a run of steps steps, in
// step order, and whether there may be more (a chart with thousands of
// restart lines would show only ink).
func (s *Schedule) Annotations(steps int64, limit int) (out []Annotation, more bool) {
	scanned := 0
	for e := range s.Events(steps, 0, steps) {
		if scanned++; scanned > maxEventsScanned {
			return out, true
		}
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
