package python

// Cost is what one Eval of l takes, in nanoseconds on a current x86-64
// core, by a cost model of its tree: every node is counted, both branches
// of x if c else y and both sides of and and or too, so it bounds Eval's
// time from above rather than predicting it. A caller that evaluates a
// lambda at every step of a run divides its time budget by it (core's
// LambdaLR and MultiplicativeLR). The weights were measured with Go 1.24
// (BenchmarkCost): a constant or the argument 4 ns; an operator or a
// comparison 10, / // % and ** 15 and 130; a call 15 plus its function's
// weight in costWeights. Under GOOS=js on Node, the same lambdas take 2.3 to
// 4 times as long (go test -bench Cost, natively and with GOOS=js
// GOARCH=wasm -exec go_js_wasm_exec: 0.95 ** e 65 and 261 ns, a
// cosine warmup 139 and 379, exp and log 192 and 445).
func (l *Lambda) Cost() float64 { return cost(l.body) }

// costWeights is what a call of each function adds to the call's 15 ns:
// the correctly rounded math functions dominate.
var costWeights = map[string]float64{
	"math.cos": 300, "math.sin": 150, "math.tan": 150, "math.exp": 120, "math.log": 150,
	"math.log2": 120, "math.log10": 120, "math.pow": 130, "pow": 130, "round": 200,
}

func cost(n *node) float64 {
	c := 10.0
	switch n.kind {
	case ndNum, ndArg:
		return 4
	case ndBinary:
		switch n.op {
		case "**":
			c = 130
		case "/", "//", "%":
			c = 15
		}
	case ndCall:
		c = 15 + costWeights[n.fn.name]
	}
	for _, k := range n.kids {
		c += cost(k)
	}
	return c
}
