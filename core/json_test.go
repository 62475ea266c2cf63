package core

import (
	"reflect"
	"testing"

	"github.com/lrplay/lrplay/core/internal/specjson"
)

// TestDecodeObjectErrors checks the boundary: core reads a spec as specjson
// does, and its message is specjson's, blaming the same key.
func TestDecodeObjectErrors(t *testing.T) {
	seeds := append(fuzzSeeds(), `{`, `{"a":1,"a":2}`, `[1]`, `{"a":1} x`, `{"a":01}`)
	for _, s := range seeds {
		fields, order, raw, err := decodeObjectRaw([]byte(s))
		wantFields, wantOrder, wantRaw, wantErr := specjson.DecodeObject([]byte(s))
		if !reflect.DeepEqual(fields, wantFields) || !reflect.DeepEqual(order, wantOrder) || !reflect.DeepEqual(raw, wantRaw) {
			t.Fatalf("decodeObjectRaw(%.80q) = %#v %q %q\nspecjson reads %#v %q %q", s, fields, order, raw, wantFields, wantOrder, wantRaw)
		}
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("decodeObjectRaw(%.80q) error = %v, specjson's %v", s, err, wantErr)
		}
		if err == nil {
			continue
		}
		e, ok := err.(*Error)
		we := wantErr.(*specjson.Error)
		if !ok || e.Param != we.Key || e.Msg != we.Msg || e.Error() != "core: "+we.Error() {
			t.Fatalf("decodeObjectRaw(%.80q) error = %#v, want core's of %#v", s, err, we)
		}
	}
}
