package core

// PyTorch's schedulers as objects. A composition (SequentialLR,
// ChainedScheduler) runs several schedulers on one optimizer: each reads
// and writes the param group's lr, and what one does in its constructor or
// its step changes what the next computes. So each torch kind's curve can
// also construct its scheduler as an object on a shared group
// (torchConstructor), and the composition drives those objects exactly as
// torch.optim.lr_scheduler does. Standalone, a kind's curve keeps its own
// fill and at; TestTorchObjects checks that constructing and stepping the
// object gives fill's values bit for bit.

// torchGroup is optimizer.param_groups[0] as the schedulers see it.
type torchGroup struct {
	lr         float64
	initialLR  float64 // group["initial_lr"], once hasInitial
	hasInitial bool
	// maxLR and minLR are group["max_lr"] and group["min_lr"], which
	// OneCycleLR writes in its constructor and reads at every step.
	maxLR, minLR float64
	// err is what PyTorch raises in a step (ZeroDivisionError, ValueError,
	// NotImplementedError), the first one; the lr is then left as it was.
	err string
}

// raise records what PyTorch raises, the first time.
func (g *torchGroup) raise(msg string) {
	if g.err == "" {
		g.err = msg
	}
}

// torchScheduler is a constructed scheduler on a group.
type torchScheduler interface {
	// step is scheduler.step(): last_epoch += 1, then group["lr"] = get_lr(),
	// the chainable form, which may read the group's lr.
	step(g *torchGroup)
	// initialStep is scheduler._initial_step(): step() with _is_initial set,
	// what the constructor runs and what SequentialLR runs again on its
	// first scheduler.
	initialStep(g *torchGroup)
	// stepAt is scheduler._update_lr(epoch), what SequentialLR calls with 0
	// at a milestone: last_epoch = epoch, then the closed form
	// (_get_closed_form_lr) where the class has one, else get_lr().
	stepAt(g *torchGroup, epoch int64)
	// undo is SequentialLR.recursive_undo on a scheduler it holds: "last_epoch
	// -= 1", or the same on each scheduler a composition holds.
	undo()
}

// torchConstructor is a torch kind's curve that can construct its
// scheduler: the class's __init__ with last_epoch = -1, including what it
// sets on the group and LRScheduler.__init__'s initial step.
type torchConstructor interface {
	construct(g *torchGroup) torchScheduler
}

// torchBase is LRScheduler's own machinery, which most classes keep: a
// class supplies get_lr and, where it has one, _get_closed_form_lr.
type torchBase struct {
	lastEpoch int64
	baseLR    float64 // base_lrs[0]
	initial   bool    // _is_initial: inside _initial_step
	getLR     func(g *torchGroup, b *torchBase) float64
	closed    func(g *torchGroup, b *torchBase) float64 // nil where the class has no closed form
}

// newTorchBase is LRScheduler.__init__(optimizer, last_epoch=-1): the group's
// initial_lr is set if no scheduler set it before (setdefault), base_lr is
// read from it, and the initial step runs.
func newTorchBase(g *torchGroup, getLR func(*torchGroup, *torchBase) float64, closed func(*torchGroup, *torchBase) float64) *torchBase {
	if !g.hasInitial {
		g.initialLR, g.hasInitial = g.lr, true
	}
	b := &torchBase{lastEpoch: -1, baseLR: g.initialLR, getLR: getLR, closed: closed}
	b.initialStep(g)
	return b
}

// set is the end of _update_lr: group["lr"] = the value, unless computing it
// raised.
func (g *torchGroup) set(v float64) {
	if g.err == "" {
		g.lr = v
	}
}

func (b *torchBase) step(g *torchGroup) {
	b.lastEpoch++
	g.set(b.getLR(g, b))
}

func (b *torchBase) initialStep(g *torchGroup) {
	b.initial = true
	b.step(g)
	b.initial = false
}

func (b *torchBase) stepAt(g *torchGroup, epoch int64) {
	b.lastEpoch = epoch
	if b.closed != nil {
		g.set(b.closed(g, b))
		return
	}
	g.set(b.getLR(g, b))
}

func (b *torchBase) undo() { b.lastEpoch-- }

// torchZeroDivision is the message of Python's ZeroDivisionError.
const torchZeroDivision = "ZeroDivisionError: division by zero"
