package core

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core/internal/specjson"
	"github.com/lrplay/lrplay/internal/strs"
)

// MaxSpecBytes bounds the size of a spec Parse reads.
const MaxSpecBytes = 64 << 10

// maxInt is the largest whole number a parameter may take: every int64 up to
// it is exactly a float64, so integer and float views of a value agree.
const maxInt = 1 << 53

// Parse reads a spec, a JSON object {"kind": KIND, ...parameters}, and
// validates it. An optional key "units", an object with any of
// UnitsParams' names ({"steps_per_epoch": 390, "accumulation": 4,
// "stepping": "epoch"}), draws the schedule in optimizer steps (see Units
// and InUnits); no kind has a parameter of that name. Unknown keys are
// errors, inside "units" too. Every error is an *Error naming the
// parameter, the value and what is allowed. Parse is the only place input is checked: a Schedule it
// returns evaluates without failing.
func Parse(spec []byte) (*Schedule, error) {
	if len(spec) > MaxSpecBytes {
		return nil, errorf("", "spec is "+itoa(int64(len(spec)))+" bytes, more than the "+itoa(int64(MaxSpecBytes))+" allowed")
	}
	fields, order, raw, err := decodeObjectRaw(spec)
	if err != nil {
		return nil, err
	}
	units := DefaultUnits()
	readUnits := func(v any, raw []byte) (err error) {
		units, err = parseUnits(v, raw)
		return err
	}
	k, a, err := parseFields(fields, order, raw, nil, readUnits)
	if err != nil {
		return nil, err
	}
	c, err := k.build(a)
	if err != nil {
		return nil, err
	}
	return newSchedule(k, a, c, units), nil
}

// parseFields reads a decoded spec's kind and parameters, defaults filled
// in, and hands "units" to readUnits (nil for a child, which has none).
// inherited holds the values a child of a composition takes from its
// parent (the optimizer's lr), which its spec must not name.
func parseFields(fields map[string]any, order []string, raw map[string][]byte, inherited args, readUnits func(any, []byte) error) (*Kind, args, error) {
	rawKind, ok := fields["kind"]
	if !ok {
		return nil, nil, errorf("kind", `missing: a spec needs "kind", one of `+kindList())
	}
	name, ok := rawKind.(string)
	if !ok {
		return nil, nil, errorf("kind", "must be a string, one of "+kindList())
	}
	k := LookupKind(name)
	if k == nil {
		msg := "unknown kind " + strs.Quote(name)
		if s := suggest(name, kindNames()); s != "" {
			msg += `; did you mean "` + s + `"?`
		} else {
			msg += "; the kinds are " + kindList()
		}
		return nil, nil, errorf("kind", msg)
	}
	a := make(args, len(k.Params))
	for _, key := range order {
		if key == "kind" {
			continue
		}
		if key == "units" && readUnits != nil {
			if err := readUnits(fields[key], raw[key]); err != nil {
				return nil, nil, err
			}
			continue
		}
		if key == "units" {
			return nil, nil, errorf(key, "a schedule inside a composition has no units of its own; give them to the composition")
		}
		p := k.Param(key)
		if p == nil {
			return nil, nil, unknownParam(k, key)
		}
		if _, ok := inherited[key]; ok {
			return nil, nil, errorf(key, "a schedule inside a composition names no "+key+": it is the composition's")
		}
		v := fields[key]
		if r, ok := raw[key]; ok && p.composite() {
			v = rawJSON(r)
		}
		v, err := p.convert(v)
		if err != nil {
			return nil, nil, err
		}
		a[key] = v
	}
	for key, v := range inherited {
		if k.Param(key) != nil {
			a[key] = v
		}
	}
	for i := range k.Params {
		p := &k.Params[i]
		if _, set := a[p.Name]; set {
			continue
		}
		if p.Required {
			return nil, nil, errorf(p.Name, "missing: "+k.Name+" needs "+p.Name+" ("+p.describe()+")")
		}
		a[p.Name] = p.Default
	}
	return k, a, nil
}

func kindList() string {
	return `"` + strings.Join(kindNames(), `", "`) + `"`
}

// kindNames lists the kinds' names in Kinds' order.
func kindNames() []string {
	var names []string
	for _, k := range Kinds() {
		names = append(names, k.Name)
	}
	return names
}

func unknownParam(k *Kind, key string) error {
	names := make([]string, len(k.Params))
	for i, p := range k.Params {
		names[i] = p.Name
	}
	shown := key
	if len(shown) > 40 {
		shown = shown[:40] + "…"
	}
	msg := "unknown parameter " + strs.Quote(shown) + " for " + k.Name
	if s := suggest(key, names); s != "" {
		msg += `; did you mean "` + s + `"?`
	} else if len(names) > 0 {
		msg += "; its parameters are " + strings.Join(names, ", ")
	}
	return &Error{Param: shown, Msg: msg}
}

// describe says what values p takes, for messages.
func (p *Param) describe() string {
	var s string
	switch p.Type {
	case Float:
		s = "a number " + p.Range.String()
	case Int:
		s = "a whole number " + p.Range.String()
	case Bool:
		s = "true or false"
	case Enum:
		s = `one of "` + strings.Join(p.Options, `", "`) + `"`
	case IntList:
		s = "a list of whole numbers " + p.Range.String()
	case FloatList:
		s = "a list of numbers " + p.Range.String()
	case Text:
		s = "text"
	case Schedules:
		s = `a list of schedules, each a spec like {"kind": ...}`
	case PairList:
		s = "a list of [step, value] pairs, each step a whole number and each value " + p.Range.String()
	}
	if p.Nullable {
		s += ", or null"
	}
	return s
}

// convert checks one JSON value against p and returns it as the Go type args holds.
func (p *Param) convert(v any) (any, error) {
	bad := func(why string) error {
		return errorf(p.Name, why+"; must be "+p.describe())
	}
	if v == nil {
		if p.Nullable {
			return nil, nil
		}
		return nil, bad("null is not allowed")
	}
	switch p.Type {
	case Float, Int:
		n, ok := v.(specjson.Number)
		if !ok {
			return nil, bad(describeJSON(v) + " is not a number")
		}
		x, err := strconv.ParseFloat(string(n), 64)
		if err != nil || math.IsInf(x, 0) {
			return nil, bad(strs.Shorten(string(n)) + " is too large")
		}
		if !p.Range.Contains(x) {
			msg := strs.Shorten(string(n)) + " is out of range; must be " + p.describe()
			if p.Raises != "" { // and the framework's own words
				msg += " (" + strings.Replace(p.Raises, "{}", strs.Shorten(string(n)), 1) + ")"
			}
			return nil, errorf(p.Name, msg)
		}
		if p.Type == Float {
			return x, nil
		}
		if x != math.Trunc(x) {
			return nil, bad(strs.Shorten(string(n)) + " is not a whole number")
		}
		if math.Abs(x) > maxInt {
			return nil, bad(strs.Shorten(string(n)) + " is too large")
		}
		return int64(x), nil
	case Bool:
		b, ok := v.(bool)
		if !ok {
			return nil, bad(describeJSON(v) + " is not a boolean")
		}
		return b, nil
	case Enum:
		s, ok := v.(string)
		if !ok || !slices.Contains(p.Options, s) {
			return nil, bad(describeJSON(v) + " is not an option")
		}
		return s, nil
	case IntList, FloatList, Text, Schedules, PairList:
		return p.convertMore(v)
	}
	panic("core: parameter " + p.Name + " has no type")
}

// describeJSON names a decoded JSON value for a message, shortened.
func describeJSON(v any) string {
	switch v := v.(type) {
	case string:
		return strs.Quote(strs.Shorten(v))
	case specjson.Number:
		return strs.Shorten(string(v))
	case bool:
		return strconv.FormatBool(v)
	case specjson.Composite:
		return string(v)
	}
	return "null"
}
