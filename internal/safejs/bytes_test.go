//go:build js && wasm

package safejs

import (
	"testing"

	"github.com/lrplay/lrplay/internal/safejs/internal/assert"
)

func TestCopyBytesError(t *testing.T) {
	t.Parallel()
	_, err := CopyBytesToGo(nil, Undefined())
	assert.EqualError(t, err, "syscall/js: CopyBytesToGo: expected src to be a Uint8Array or Uint8ClampedArray")

	_, err = CopyBytesToJS(Undefined(), nil)
	assert.EqualError(t, err, "syscall/js: CopyBytesToJS: expected dst to be a Uint8Array or Uint8ClampedArray")
}
