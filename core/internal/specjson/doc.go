// Package specjson reads and writes the JSON of a spec: one object of
// scalar values. Core reads and writes exactly that itself, so that the
// WebAssembly bridge links neither encoding/json nor the reflection it
// needs. The reader accepts what encoding/json accepts and reports each
// problem in the words its Decoder uses, so messages did not change when it
// replaced the Decoder; it keeps numbers as their text and refuses a key
// given twice. The writers write values as encoding/json does.
package specjson
