package core

import (
	"math"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core/internal/specjson"
	"github.com/lrplay/lrplay/internal/strs"
)

// Type is the JSON type of a parameter's value.
type Type string

// The parameter types. Int parameters are integers in the framework's
// signature and must be whole numbers here too.
const (
	Float Type = "float"
	Int   Type = "int"
	Bool  Type = "bool"
	Enum  Type = "enum"
	// IntList and FloatList are JSON arrays of numbers (milestones,
	// boundaries), each in the parameter's Range; args holds []int64 and
	// []float64. A kind's build checks their length and order.
	IntList   Type = "int_list"
	FloatList Type = "float_list"
	// Text is free text the kind reads itself, such as a Python lambda.
	Text Type = "text"
	// Schedules is a JSON array of child specs, the schedules a composed
	// kind runs (SequentialLR's schedulers). The kind's build parses them
	// with parseChildren; args then holds []*Schedule.
	Schedules Type = "schedules"
	// PairList is a JSON array of [step, value] pairs ([[100, 0.1], [200,
	// 0.01]]), each step a whole number and each value in the parameter's
	// Range; args holds []stepValue, in the order written. It serves a
	// Python dict {step: value} (Dict set) or a list of (step, value)
	// tuples. A kind's build checks order and repeats.
	PairList Type = "pair_list"
)

// Range is the closed or open interval a numeric parameter must lie in.
// Infinite bounds mean "unbounded"; every value must be finite anyway.
type Range struct {
	Min, Max         float64
	MinOpen, MaxOpen bool
}

// The range constructors are not inlined: the kinds' parameter tables call
// them at a hundred sites, once each at start-up.
//
//go:noinline
func atLeast(x float64) Range { return Range{Min: x, Max: math.Inf(1), MaxOpen: true} }

//go:noinline
func above(x float64) Range { return Range{Min: x, Max: math.Inf(1), MinOpen: true, MaxOpen: true} }

//go:noinline
func between(lo, hi float64) Range {
	return Range{Min: lo, Max: hi}
}

// anyFinite admits every finite number.
var anyFinite = Range{Min: math.Inf(-1), Max: math.Inf(1), MinOpen: true, MaxOpen: true}

// Contains reports whether x lies in r.
func (r Range) Contains(x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return false
	}
	if x < r.Min || (r.MinOpen && x == r.Min) {
		return false
	}
	return !(x > r.Max || (r.MaxOpen && x == r.Max))
}

// String writes r the way error messages and docs show it, as people write
// ranges: "> 0", "≥ 1", "[0, 1]", "[1, 1e12]", "any finite number". A bound
// of 2^53 (the largest whole number a parameter may take) is no bound a
// reader needs: [0, 2^53] reads "≥ 0".
func (r Range) String() string {
	lo, hi := !math.IsInf(r.Min, -1), !math.IsInf(r.Max, 1) && r.Max != maxInt
	switch {
	case lo && hi:
		l, h := "[", "]"
		if r.MinOpen {
			l = "("
		}
		if r.MaxOpen {
			h = ")"
		}
		return l + boundText(r.Min) + ", " + boundText(r.Max) + h
	case lo:
		if r.MinOpen {
			return "> " + boundText(r.Min)
		}
		return "≥ " + boundText(r.Min)
	case hi:
		if r.MaxOpen {
			return "< " + boundText(r.Max)
		}
		return "≤ " + boundText(r.Max)
	}
	return "any finite number"
}

// boundText writes a range's bound as people write one: whole numbers in
// digits unless they end in four zeros or more (2147483647, 1000, 1e12),
// exponents as 1e300, 1e6 and 3.4028234663852886e38.
func boundText(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if t := strings.TrimRight(s, "0"); len(s)-len(t) < 4 {
			return s
		}
	}
	m, e, ok := strings.Cut(strconv.FormatFloat(x, 'g', -1, 64), "e")
	if !ok {
		return m
	}
	sign := ""
	if e[0] == '-' {
		sign = "-"
	}
	return m + "e" + sign + strings.TrimLeft(e[1:], "0")
}

// MarshalJSON writes r as {"min", "max", "min_open", "max_open", "text"},
// infinite bounds as null and the open flags only when set.
func (r Range) MarshalJSON() ([]byte, error) {
	b := []byte(`{"min":`)
	for i, x := range []float64{r.Min, r.Max} {
		if i == 1 {
			b = append(b, `,"max":`...)
		}
		if math.IsNaN(x) {
			return nil, errorf("", "a range bound is NaN")
		}
		if math.IsInf(x, 0) {
			b = append(b, "null"...)
		} else {
			b = specjson.AppendFloat(b, x)
		}
	}
	if r.MinOpen {
		b = append(b, `,"min_open":true`...)
	}
	if r.MaxOpen {
		b = append(b, `,"max_open":true`...)
	}
	b = append(b, `,"text":`...)
	return append(specjson.AppendString(b, r.String()), '}'), nil
}

// Param describes one parameter of a kind, spelled as in the framework's signature.
type Param struct {
	Name string `json:"name"`
	Type Type   `json:"type"`
	// Default is the framework's default: float64, int64, bool, string, or nil
	// for a parameter whose default is None (see Nullable). Ignored when Required.
	Default  any  `json:"default"`
	Required bool `json:"required,omitempty"`
	// Nullable parameters accept JSON null, the framework's None.
	Nullable bool     `json:"nullable,omitempty"`
	Range    Range    `json:"range"`
	Options  []string `json:"options,omitempty"` // the values of an Enum
	Doc      string   `json:"doc"`
	// Hint suggests slider bounds for controls; the Range still decides validity.
	Hint Hint `json:"hint"`
	// Raises is what the framework itself raises for a value outside Range,
	// where it checks one, with {} standing for the value as written: a
	// message about such a value quotes it.
	Raises string `json:"-"`
	// Dict marks a PairList the framework takes as a dict {step: value}
	// rather than a list of (step, value) tuples: how code writes it and
	// import reads it.
	Dict bool `json:"-"`
}

// Hint is how a control for a parameter should look by default.
type Hint struct {
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
	Step float64 `json:"step,omitempty"` // 0: continuous
	Log  bool    `json:"log,omitempty"`  // a slider on a log scale
}

// args holds a spec's validated parameter values, defaults filled in:
// float64 for Float, int64 for Int, bool, string, or nil for None.
type args map[string]any

// The accessors are called from every kind's builder (about a hundred
// call sites, none hot): inlined, they cost the wasm 10 KB compressed.
//
//go:noinline
func (a args) float(name string) float64 {
	switch v := a[name].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	panic("core: parameter " + name + " is not numeric") // a kind's table and builder disagree
}

//go:noinline
func (a args) int(name string) int64 {
	v, ok := a[name].(int64)
	if !ok {
		panic("core: parameter " + name + " is not an int")
	}
	return v
}

//go:noinline
func (a args) bool(name string) bool { return a[name].(bool) }

//go:noinline
func (a args) string(name string) string { return a[name].(string) }

//go:noinline
func (a args) null(name string) bool { return a[name] == nil }

// formatFloat writes a float for messages in its shortest round-trip form.
// Not inlined, as itoa is not.
//
//go:noinline
func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// formatValue renders a parameter value for messages.
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case float64:
		return formatFloat(v)
	case int64:
		return itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return strs.Quote(v)
	case []float64:
		return formatList(len(v), func(i int) string { return formatFloat(v[i]) })
	case []int64:
		return formatList(len(v), func(i int) string { return itoa(v[i]) })
	case []*Schedule:
		return "[" + itoa(int64(len(v))) + " schedules]"
	case []stepValue:
		return formatList(len(v), func(i int) string {
			return listOpen + itoa(v[i].step) + listSep + formatFloat(v[i].value) + listClose
		})
	}
	return "?" // no parameter holds another type
}

// ParseText reads a value of p typed by a person or carried in a URL: a
// number, "true"/"false", one of an Enum's options, or, where p is
// Nullable, "" or "None" for None. It checks the range as Parse does and
// returns the value as Parse would hold it, or an *Error naming p.
func (p *Param) ParseText(text string) (any, error) {
	switch p.Type {
	case IntList, FloatList, Text, Schedules, PairList:
		return p.parseTextMore(text)
	}
	text = strings.TrimSpace(text)
	if p.Nullable && (text == "" || text == "None" || text == "null") {
		return nil, nil
	}
	if text == "" {
		return nil, errorf(p.Name, "empty; must be "+p.describe())
	}
	switch p.Type {
	case Float, Int:
		// strconv would also take "inf", "nan", hex and underscores; a person means decimal.
		if !strs.IsDecimal(text) {
			return nil, errorf(p.Name, strs.Quote(strs.Shorten(text))+" is not a number; must be "+p.describe())
		}
		return p.convert(specjson.Number(text))
	case Bool:
		switch strings.ToLower(text) {
		case "true", "1", "on", "yes":
			return true, nil
		case "false", "0", "off", "no":
			return false, nil
		}
		return nil, errorf(p.Name, strs.Quote(strs.Shorten(text))+" is not true or false")
	}
	return p.convert(text)
}

// FormatValue writes a value as ParseText reads it back: lists as
// "[10, 20]", children as their JSON array.
func (p *Param) FormatValue(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	if c, ok := v.([]*Schedule); ok {
		b, _ := appendChildren(nil, c)
		return string(b)
	}
	if pairs, ok := v.([]stepValue); ok {
		return formatPairs(pairs)
	}
	return formatValue(v)
}
