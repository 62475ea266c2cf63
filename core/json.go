package core

import "github.com/lrplay/lrplay/core/internal/specjson"

// decodeObject reads a spec's one JSON object (specjson.DecodeObject), with
// its error as an *Error.
func decodeObject(spec []byte) (map[string]any, []string, error) {
	fields, order, _, err := decodeObjectRaw(spec)
	return fields, order, err
}

// decodeObjectRaw is decodeObject that also returns the JSON text of each
// value that is an object, for a key whose value is one (a spec's "units").
func decodeObjectRaw(spec []byte) (map[string]any, []string, map[string][]byte, error) {
	fields, order, raw, err := specjson.DecodeObject(spec)
	if e, ok := err.(*specjson.Error); ok {
		return nil, nil, nil, errorf(e.Key, e.Msg)
	}
	return fields, order, raw, err
}
