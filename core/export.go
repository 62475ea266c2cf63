package core

import (
	"strconv"

	"github.com/lrplay/lrplay/core/internal/specjson"
)

// The formats values leave in: `lrplay eval`, the page's downloads. They
// are written here once so that every way out gives the same bytes.

// CSVHeader starts a CSV of values: one "step,lr" row per step follows.
const CSVHeader = "step,lr\n"

// AppendCSVRow appends the row of one step: the lr in the shortest text
// that reads back to the same float64.
func AppendCSVRow(dst []byte, step int64, lr float64) []byte {
	dst = strconv.AppendInt(dst, step, 10)
	dst = append(dst, ',')
	dst = strconv.AppendFloat(dst, lr, 'g', -1, 64)
	return append(dst, '\n')
}

// AppendJSONNumber appends x as encoding/json writes a float64, so that a
// {"values": [...]} document written piece by piece is byte for byte what
// encoding/json makes of it.
func AppendJSONNumber(dst []byte, x float64) []byte { return specjson.AppendFloat(dst, x) }
