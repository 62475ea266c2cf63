package specjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// stdDecodeObject is DecodeObject as it was written with encoding/json's
// Decoder: the reference the small reader must agree with, messages included.
func stdDecodeObject(spec []byte) (map[string]any, []string, error) {
	notJSON := func(err error) error {
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "unexpected end of input"
		}
		return fail("", "spec is not JSON: "+msg)
	}
	dec := json.NewDecoder(bytes.NewReader(spec))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, notJSON(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, fail("", notObject)
	}
	fields := map[string]any{}
	var order []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, notJSON(err)
		}
		key := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, notJSON(err)
		}
		if _, dup := fields[key]; dup {
			return nil, nil, fail(key, "given twice")
		}
		fields[key] = v
		order = append(order, key)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, notJSON(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, fail("", "spec has data after its closing brace")
	}
	// Values as the small reader holds them.
	for k, v := range fields {
		switch v := v.(type) {
		case json.Number:
			fields[k] = Number(v)
		case []any:
			fields[k] = Composite("an array")
		case map[string]any:
			fields[k] = Composite("an object")
		}
	}
	return fields, order, nil
}

// jsonSeeds are inputs for every branch of the reader and its messages.
var jsonSeeds = []string{
	``, ` `, `{`, `}`, `]`, `,`, `:`, `[`, `[1,2]`, `"s"`, `"s`, `1`, `1x`, `-`, `-x`, `tru`, `truex`, `x`, "\xef\xbb\xbf{}",
	`{}`, ` { } `, `{]`, `{,}`, `{:}`, `{1:2}`, `{[}`, `{{}`, `{"a"}`, `{"a" 1}`, `{"a":}`, `{"a":1,}`, `{"a":1 "b":2}`,
	`{"a":1]`, `{"a":1,]`, `{"a":1,,}`, `{"a":1,:}`, `{"a":1}x`, `{"a":1} {}`, `{"a":1}  `, `{"a":1`, `{"a":1,`, `{"a":`, `{"a"`, `{"a`,
	`{"a":01}`, `{"a":-01}`, `{"a":1.}`, `{"a":1.5e}`, `{"a":1e+}`, `{"a":1E-7}`, `{"a":-0.0e00}`, `{"a":.5}`, `{"a":+1}`,
	`{"a":tru}`, `{"a":nul}`, `{"a":fals}`, `{"a":true}`, `{"a":false}`, `{"a":null}`, `{"a":t}`, `{"a":trUe}`, `{"a":nulL}`, `{"a":falsE}`,
	`{"a":[1,{"b":[true,null,"x"]}],"c":{}}`, `{"a":[]}`, `{"a":[ ]}`, `{"a":{ }}`, `{"a":[1,]}`, `{"a":[1 2]}`, `{"a":[,1]}`,
	`{"a":{"b" 1}}`, `{"a":{1:2}}`, `{"a":{"b":1 "c":2}}`, `{"a":{"b":1,}}`, `{"a":{"b":1]}`, `{"a":[1}`, `{"a":[}`, `{"a":{]}`,
	`{"a":[1`, `{"a":[1,`, `{"a":{"b"`, `{"a":{"b":`, `{"a":{"b":1`, `{"a":{"b":1,`, `{"a":"x"y}`,
	`{"a":1,"a":2}`, `{"a":1,"a":x}`, `{"a\u0062":1,"ab":2}`, `{"\ud83d\ude00":1}`, `{"\ud83d":1}`, `{"\ude00\ud83d":1}`,
	`{"\ud83d\u0041":1}`, `{"\ud83d\ud83d\ude00":1}`, `{"\u00e9\/\b\f\n\r\t\"\\":1}`, "{\"\xff\xfe\":1}", "{\"\xed\xa0\x80\":1}",
	`{"a\x":1}`, `{"a\u12g4":1}`, `{"a\u12`, "{\"a\nb\":1}", "{\"a\tb\":1}", "{\"a\x7f\":1}", `{"a":"\q"}`, `{"a":"\u"}`,
	"{\"a\":1}\x00", "{\"a\":1\x00}", "{\"a\":\xff}", "\t\r\n{\t\"kind\"\r:\n\"playground\"\t}\n",
	`{"kind":"playground","lr":"<img src=x onerror=alert(1)>"}`, `{"kind":"playground","T_mult":[2]}`,
	`{"a":'x'}`, `{'a':1}`, `{"a":1}'`, `{"a":` + strings.Repeat("[", 20) + strings.Repeat("]", 20) + `}`,
}

// specSeeds are specs as core reads them: each kind's example, numbers at
// the ends of float64, and units, an object inside the object.
var specSeeds = []string{
	`{}`, `[]`, `null`, `{"kind":"playground","T_max":1e400}`, `{"kind":"playground","T_max":-0}`,
	`{"kind":"playground","T_mult":1.0000000001,"T_max":1}`, `{"kind":"torch.CosineAnnealingLR","T_max":1,"eta_min":0.5}`,
	`{"kind":"torch.OneCycleLR","max_lr":1,"total_steps":2}`,
	`{"kind": "playground", "lr": 0.1, "T_max": 130, "T_mult": 2, "warmup": 0.09}`,
	`{"kind": "hf.wsd_schedule", "lr": 5e-5, "num_warmup_steps": 100, "num_decay_steps": 200, "num_training_steps": 1000, "min_lr_ratio": 0.1}`,
	`{"kind": "keras.CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 900, "warmup_target": 0.1, "warmup_steps": 100}`,
	`{"kind": "optax.warmup_cosine_decay_schedule", "init_value": 0, "peak_value": 1e-3, "warmup_steps": 100, "decay_steps": 1000, "end_value": 1e-5}`,
	`{"kind": "timm.CosineLRScheduler", "lr": 0.1, "t_initial": 300, "lr_min": 0.001, "cycle_limit": 3, "cycle_decay": 0.5, "warmup_t": 50, "warmup_lr_init": 0.0001, "warmup_prefix": true}`,
	`{"kind": "ignite.CosineAnnealingScheduler", "start_value": 0.1, "end_value": 0.001, "cycle_size": 200, "cycle_mult": 1.5}`,
	`{"kind": "sb3.polynomial", "initial_value": 3e-4, "final_value": 1e-5, "power": 2}`,
	`{"kind":"torch.ExponentialLR","lr":1.7976931348623157e+308,"gamma":5e-324}`,
	`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1000000000000,"eta_min":-1.7976931348623157e308}`,
	`{"kind":"hf.wsd_schedule","num_stable_steps":null,"warmup_type":"linear","decay_type":"1-sqrt"}`,
	`{"kind":"torch.ExponentialLR","gamma":0.9,"units":{"accumulation":1000000,"stepping":"micro_batch"}}`,
	`{"kind":"torch.CosineAnnealingLR","T_max":1,"units":{"accumulation":1000000,"stepping":"micro_batch"}}`,
	`{"kind":"playground","units":{"steps_per_epoch":1000000000000,"stepping":"epoch"}}`,
	`{"kind":"playground","units":{"steps_per_epoch":0}}`, `{"kind":"playground","units":[{}]}`,
	`{"kind":"playground","lr":0.1,"units":{"steps_per_epoch":7,"accumulation":3,"stepping":"epoch"}}`,
}

func TestDecodeObjectMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		checkDecodeObject(t, []byte(s))
	}
	deep := func(n int, open, close string) []byte {
		return []byte(`{"a":` + strings.Repeat(open, n) + strings.Repeat(close, n) + `}`)
	}
	for _, n := range []int{maxDepth - 1, maxDepth, maxDepth + 1} {
		checkDecodeObject(t, deep(n, "[", "]"))
		checkDecodeObject(t, deep(n, `{"x":`, "}"))
	}
	checkDecodeObject(t, deep(maxDepth+1, "[", ""))
}

func checkDecodeObject(t *testing.T, spec []byte) {
	t.Helper()
	fields, order, _, err := DecodeObject(spec)
	wantFields, wantOrder, wantErr := stdDecodeObject(spec)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("DecodeObject(%.80q) error = %v\nencoding/json says %v", spec, err, wantErr)
	}
	if !reflect.DeepEqual(fields, wantFields) || !reflect.DeepEqual(order, wantOrder) {
		t.Fatalf("DecodeObject(%.80q) = %#v %q\nencoding/json reads %#v %q", spec, fields, order, wantFields, wantOrder)
	}
	if pe, ok := err.(*Error); ok {
		if we := wantErr.(*Error); pe.Key != we.Key {
			t.Fatalf("DecodeObject(%.80q) blames %q, encoding/json %q", spec, pe.Key, we.Key)
		}
	}
}

// FuzzJSON: the reader never panics, and accepts, reads and rejects
// exactly what encoding/json's Decoder does, with the same messages.
func FuzzJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	for _, s := range specSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		checkDecodeObject(t, spec)
		// What encoding/json accepts as an object, the reader accepts.
		var m map[string]any
		if json.Unmarshal(spec, &m) == nil && m != nil {
			if _, _, _, err := DecodeObject(spec); err != nil && !strings.Contains(err.Error(), "given twice") {
				t.Fatalf("encoding/json reads %q as an object, DecodeObject says %v", spec, err)
			}
		}
	})
}

// TestDecodeObjectRaw checks the text kept of each value that is an object or an array.
func TestDecodeObjectRaw(t *testing.T) {
	tests := []struct {
		spec string
		raw  map[string]string
	}{
		{`{"a":1,"b":[{}],"c":"{}"}`, map[string]string{"b": `[{}]`}},
		{`{"a":1,"c":"[]"}`, nil},
		{`{"units": {"stepping":"epoch"} ,"u":{}}`, map[string]string{"units": `{"stepping":"epoch"}`, "u": `{}`}},
		{`{"a":{"b":{"c":[1,{"d":null}]}}}`, map[string]string{"a": `{"b":{"c":[1,{"d":null}]}}`}},
	}
	for _, tt := range tests {
		_, _, raw, err := DecodeObject([]byte(tt.spec))
		if err != nil || len(raw) != len(tt.raw) {
			t.Errorf("DecodeObject(%s): raw %q, %v; want %q", tt.spec, raw, err, tt.raw)
			continue
		}
		for k, want := range tt.raw {
			if string(raw[k]) != want {
				t.Errorf("DecodeObject(%s): raw[%q] = %s, want %s", tt.spec, k, raw[k], want)
			}
		}
	}
}

func TestDecodeArray(t *testing.T) {
	tests := []struct {
		in      string
		elems   []any
		raw     []string
		wantErr string
	}{
		{`[]`, nil, nil, ""},
		{` [ 1 , "a", true, null, {"k": [2]}, [3] ] `, []any{Number("1"), "a", true, nil, Composite("an object"), Composite("an array")},
			[]string{"1", `"a"`, "true", "null", `{"k": [2]}`, "[3]"}, ""},
		{`[1,]`, nil, nil, "invalid character ']' looking for beginning of value"},
		{`[1 2]`, nil, nil, "after array element"},
		{`[1`, nil, nil, "unexpected end"},
		{`{}`, nil, nil, "not a JSON array"},
		{`[1] 2`, nil, nil, "data after"},
	}
	for _, tt := range tests {
		elems, raw, err := DecodeArray([]byte(tt.in))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("DecodeArray(%s) = %v, %v; want an error containing %q", tt.in, elems, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(elems) != len(tt.elems) {
			t.Errorf("DecodeArray(%s) = %v, %v; want %v", tt.in, elems, err, tt.elems)
			continue
		}
		for i := range elems {
			if elems[i] != tt.elems[i] || string(raw[i]) != tt.raw[i] {
				t.Errorf("DecodeArray(%s)[%d] = %v %s; want %v %s", tt.in, i, elems[i], raw[i], tt.elems[i], tt.raw[i])
			}
		}
	}
}
