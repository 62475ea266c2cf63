package gen

import (
	"encoding/json"

	"github.com/lrplay/lrplay/core"
)

// KindsFile returns wasm/kinds_gen.go: core.Kinds() as encoding/json writes
// it, the constant kindsJSON that lrplay.kinds() returns. The wasm carries
// the text instead of linking encoding/json.
func KindsFile() ([]byte, error) {
	b, err := json.Marshal(core.Kinds())
	if err != nil {
		return nil, err
	}
	return GoConst("main", "kindsJSON",
		"kindsJSON is core.Kinds() as JSON, for lrplay.kinds().",
		string(b), "internal/gen/kinds"), nil
}
