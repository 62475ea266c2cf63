package core

import "github.com/lrplay/lrplay/core/internal/python"

// timm's PlateauLRScheduler (timm/scheduler/plateau_lr.py) wraps torch's
// ReduceLROnPlateau: it lowers the lr when the metric passed to
// step(epoch, metric) stops improving, so its curve depends on that metric.
// There is no kind for it: import reads the class and create_scheduler_v2's
// sched="plateau" only to refuse them, saying why.

// timmPlateauWhy is the refusal's reason.
const timmPlateauWhy = "which lowers the lr by decay_rate when the metric passed to step(epoch, metric) stops improving " +
	"for patience_t epochs (torch's ReduceLROnPlateau inside): its curve depends on the training run's metric and " +
	"cannot be drawn from a step count"

// timmDispatchers are what import reads of timm besides the kinds' classes.
var timmDispatchers = []importSig{
	{callee: "PlateauLRScheduler", params: []string{"optimizer", "decay_rate", "patience_t", "threshold", "cooldown_t",
		"warmup_t", "warmup_lr_init", "lr_min", "mode", "noise_range_t", "noise_type", "noise_pct", "noise_std",
		"noise_seed", "initialize"},
		resolve: func(*importer, map[string]*python.Value) (*importSig, map[string]*python.Value, error) {
			return nil, nil, errorf("", "PlateauLRScheduler() is timm's scheduler "+timmPlateauWhy)
		}},
	{callee: "create_scheduler_v2", params: []string{"optimizer", "sched", "num_epochs", "decay_epochs", "decay_milestones",
		"cooldown_epochs", "patience_epochs", "decay_rate", "min_lr", "warmup_lr", "warmup_epochs", "warmup_prefix", "noise",
		"noise_pct", "noise_std", "noise_seed", "cycle_mul", "cycle_decay", "cycle_limit", "k_decay", "plateau_mode",
		"step_on_epochs", "updates_per_epoch"},
		resolve: timmCreateScheduler},
}

func (*timmTools) dispatchers() []importSig { return timmDispatchers }

// timmCreateScheduler refuses sched="plateau", which makes a
// PlateauLRScheduler, and says what to paste for the others, whose
// parameters create_scheduler_v2 renames and scales by updates_per_epoch.
func timmCreateScheduler(_ *importer, args map[string]*python.Value) (*importSig, map[string]*python.Value, error) {
	sched := "cosine" // the default
	if v, ok := args["sched"]; ok {
		if v.Kind != python.Str {
			return nil, nil, errorf("sched", v.Text+" is not a literal scheduler name such as \"cosine\"")
		}
		sched = v.Str
	}
	if sched == "plateau" {
		return nil, nil, errorf("sched", `create_scheduler_v2(sched="plateau") makes a PlateauLRScheduler, `+timmPlateauWhy)
	}
	return nil, nil, errorf("sched", `create_scheduler_v2(sched="`+sched+`") is not read here: paste the scheduler it makes, `+
		"such as CosineLRScheduler(optimizer, t_initial=..., ...), with the values it passes")
}
