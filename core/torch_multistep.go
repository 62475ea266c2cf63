package core

import (
	"slices"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var torchMultiStepKind = register(&Kind{
	Name:       "torch.MultiStepLR",
	order:      121,
	code:       torchCode,
	imports:    []importSig{{callee: "MultiStepLR", params: []string{"optimizer", "milestones", "gamma", "last_epoch", "verbose"}}},
	arithmetic: "PyTorch's MultiStepLR multiplies the lr by gamma at each milestone",
	Framework:  "PyTorch",
	Title:      "Decay at milestones (MultiStepLR)",
	Doc: "Multiplies the lr by gamma at each milestone step, computed as PyTorch does by multiplying the lr " +
		"before. PyTorch counts milestones (a collections.Counter): a milestone listed twice multiplies by " +
		"gamma ** 2 at once, and a milestone 0 already applies at step 0. The order of the list does not matter.",
	Convention:   torchConvention,
	Link:         torchDocs + "MultiStepLR.html",
	Example:      `{"kind": "torch.MultiStepLR", "lr": 0.1, "milestones": [30, 80], "gamma": 0.1}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "milestones", Type: IntList, Required: true, Range: atLeast(0),
			Doc: "the steps at which the lr is multiplied by gamma (once per time listed). PyTorch accepts " +
				"negative milestones, which its chainable form never reaches but its closed form counts; we reject them",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
		{Name: "gamma", Type: Float, Default: 0.1, Range: atLeast(0),
			Doc:  "the factor applied at each milestone; negative values would give negative lrs",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
	},
	build: func(a args) (kindCurve, error) {
		c := &torchMultiStep{lr: a.float("lr"), gamma: a.float("gamma")}
		ms := slices.Clone(a["milestones"].([]int64))
		slices.Sort(ms)
		c.sorted = ms
		g := c.lr
		for i, m := range ms {
			if i > 0 && ms[i-1] == m {
				continue
			}
			count := int64(0)
			for _, x := range ms[i:] {
				if x == m {
					count++
				}
			}
			g = g * xmath.Pow(c.gamma, float64(count))
			c.marks = append(c.marks, m)
			c.count = append(c.count, count)
			c.after = append(c.after, g)
		}
		return c, nil
	},
})

// torchMultiStep is torch.optim.lr_scheduler.MultiStepLR. Its get_lr, with
// g the lr of the step before and count(t) the times t is a milestone:
//
//	t not a milestone:  g
//	otherwise:          g·gamma ** count(t)
//
// With at most 1000 milestones, after[j] holds that product after the j-th
// distinct milestone, so at is the recursion itself, bit for bit, in
// O(log milestones).
type torchMultiStep struct {
	lr, gamma float64
	sorted    []int64   // the milestones, sorted, repeats kept
	marks     []int64   // the distinct milestones, ascending
	count     []int64   // how often each is listed
	after     []float64 // the lr from each on
}

func (c *torchMultiStep) at(i, n int64) float64 {
	j, found := slices.BinarySearch(c.marks, i)
	if found {
		j++
	}
	if j == 0 {
		return c.lr
	}
	return c.after[j-1]
}

func (c *torchMultiStep) checkSteps(n int64) error {
	for j, m := range c.marks {
		if m < n && torchBad(c.after[j]) || m < n && c.after[j] > torchMaxLR {
			return errorf("steps", "at milestone "+itoa(m)+" the lr passes "+formatFloat(torchMaxLR)+
				"; with gamma = "+formatFloat(c.gamma)+" a run can have at most "+itoa(m)+" steps")
		}
	}
	return nil
}

// events: a Boundary at each milestone after step 0.
func (c *torchMultiStep) events(n, from, to int64, yield func(Event) bool) {
	j, _ := slices.BinarySearch(c.marks, max(from, 1))
	for ; j < len(c.marks) && c.marks[j] < to && c.marks[j] < n; j++ {
		if !yield(Event{c.marks[j], Boundary}) {
			return
		}
	}
}

func (c *torchMultiStep) shape(a args, n int64) (shape, string) {
	return shape{}, "MultiStepLR's staircase is not a shape the translations know"
}

func (c *torchMultiStep) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
	if len(c.marks) > 0 && c.marks[len(c.marks)-1] < lintEndCap {
		f.end, f.endName = c.marks[len(c.marks)-1], "the last milestone"
	}
	if c.gamma == 1 {
		f.flatWhy, f.flatFix = "gamma = 1 leaves the lr unchanged", lintFix("gamma", 0.1)
	}
	f.lintZeroLR(ls.k, c.lr)
	return f
}

// construct is MultiStepLR on a group: get_lr above, and the closed form
// base_lr·gamma ** bisect_right(sorted milestones, last_epoch).
func (c *torchMultiStep) construct(g *torchGroup) torchScheduler {
	return newTorchBase(g, func(g *torchGroup, b *torchBase) float64 {
		j, found := slices.BinarySearch(c.marks, b.lastEpoch)
		if !found {
			return g.lr
		}
		return g.lr * xmath.Pow(c.gamma, float64(c.count[j]))
	}, func(b *torchBase) float64 {
		k, _ := slices.BinarySearch(c.sorted, b.lastEpoch+1) // bisect_right: the milestones ≤ last_epoch
		return b.baseLR * xmath.Pow(c.gamma, float64(k))
	})
}
