package python_test

import (
	"fmt"

	"github.com/lrplay/lrplay/core/internal/python"
)

func ExampleCompileLambda() {
	// WARMUP = 500, as a pasted snippet assigns it before the scheduler.
	consts := map[string]*python.Value{"WARMUP": {Kind: python.Int, Int: 500}}
	l, err := python.CompileLambda("lambda step: min(1.0, (step + 1) / WARMUP)", consts)
	if err != nil {
		panic(err)
	}
	for _, step := range []int64{0, 249, 499, 1000} {
		v, _ := l.Eval(step)
		fmt.Println(l.Param, step, v.Float64())
	}

	l, _ = python.CompileLambda("lambda epoch: 1 / epoch", nil)
	_, err = l.Eval(0)
	fmt.Println(err)

	_, err = python.CompileLambda("lambda epoch: np.cos(epoch)", nil)
	fmt.Println(err.(*python.Error).Line, err.(*python.Error).Col)
	// Output:
	// step 0 0.002
	// step 249 0.5
	// step 499 1
	// step 1000 1
	// line 1, column 17: ZeroDivisionError at epoch 0: division by zero
	// 1 15
}
