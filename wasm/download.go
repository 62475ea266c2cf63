package main

import (
	"strconv"

	"github.com/lrplay/lrplay/core"
)

// csvChunkRows is how many rows of a CSV or JSON download go in one part:
// the page joins the parts in a Blob, so no string the size of the whole
// file is ever made.
const csvChunkRows = 1 << 16

// downloadFn is a file to save of what the view draws (its first curve):
// [name, type, parts]. "csv" and "json" are the exact values (what `lrplay
// eval` prints), "spec" the spec (which `lrplay eval -spec` reads back);
// "png" and "svg" get only their name and type, since ECharts makes the
// image.
func downloadFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	what, err := a.str(1)
	if err != nil {
		return nil, err
	}
	curves, steps, problems := st.Curves()
	if len(problems) > 0 {
		return nil, errString("there is no chart to download yet")
	}
	name, mime, parts, err := download(curves[0].Sched, steps, what)
	if err != nil {
		return nil, err
	}
	return []any{name, mime, parts}, nil
}

func download(s *core.Schedule, steps int64, what string) (name, mime string, parts [][]byte, err error) {
	name = s.Kind().Name + "-" + strconv.FormatInt(steps, 10)
	switch what {
	case "png":
		return name + ".png", "image/png", nil, nil
	case "svg":
		return name + ".svg", "image/svg+xml", nil, nil
	case "spec":
		spec, err := s.MarshalJSON()
		if err != nil {
			return "", "", nil, err
		}
		return name + ".spec.json", "application/json", [][]byte{append(spec, '\n')}, nil
	case "csv", "json":
		if steps > core.MaxEvaluateSteps {
			return "", "", nil, errString("this run has " + strconv.FormatInt(steps, 10) + " steps; values download for runs of up to " +
				strconv.Itoa(core.MaxEvaluateSteps) + " steps (lrplay eval has the same limit). The chart and the spec download at any length.")
		}
		vals, err := s.Values(int(steps))
		if err != nil {
			return "", "", nil, err
		}
		if what == "csv" {
			return name + ".csv", "text/csv", csvParts(vals), nil
		}
		return name + ".json", "application/json", jsonParts(vals), nil
	}
	return "", "", nil, errString("unknown download " + strconv.Quote(what))
}

// csvParts writes vals as `lrplay eval` does, in parts of csvChunkRows rows.
func csvParts(vals []float64) [][]byte {
	parts := [][]byte{[]byte(core.CSVHeader)}
	var b []byte
	for i, x := range vals {
		b = core.AppendCSVRow(b, int64(i), x)
		if (i+1)%csvChunkRows == 0 {
			parts, b = append(parts, b), nil
		}
	}
	return append(parts, b)
}

// jsonParts writes vals as `lrplay eval -format json` does: {"values":[...]}.
func jsonParts(vals []float64) [][]byte {
	parts := [][]byte{[]byte(`{"values":[`)}
	var b []byte
	for i, x := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		b = core.AppendJSONNumber(b, x)
		if (i+1)%csvChunkRows == 0 {
			parts, b = append(parts, b), nil
		}
	}
	return append(parts, append(b, "]}\n"...))
}
