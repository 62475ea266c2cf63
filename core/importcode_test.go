package core

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// importCases are constructor calls as people write them in training
// scripts, READMEs and framework docs, with the spec each must give (the
// framework's defaults left to Parse) and a fragment of each note.
var importCases = []struct {
	name, src, spec string
	notes           []string
}{
	{"the issue's SGDR", `CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2,"eta_min":0.000001}`,
		[]string{"lr = 0.1 (the default)"}},
	{"torch, full path, optimizer line above (pytorch-cifar)",
		"optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)\n" +
			"scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=200)",
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":200}`, nil},
	{"AdamW lr, comments, line breaks, trailing comma",
		"import torch\nfrom torch.optim import lr_scheduler\n\n" +
			"opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)  # AdamW\n" +
			"scheduler = lr_scheduler.CosineAnnealingLR(  # per step\n    opt,\n    T_max=10_000,\n    eta_min=1e-6,\n)\n",
		`{"kind":"torch.CosineAnnealingLR","lr":0.0003,"T_max":10000,"eta_min":0.000001}`, nil},
	{"an optimizer built in the call, lr positional", `torch.optim.lr_scheduler.CosineAnnealingLR(torch.optim.SGD(model.parameters(), 0.05), 100)`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.05,"T_max":100}`, nil},
	{"constants and arithmetic", "EPOCHS = 90\nSTEPS_PER_EPOCH = 390  # CIFAR at batch 128\n" +
		"sched = lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS * STEPS_PER_EPOCH, eta_min=0)",
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":35100,"eta_min":0}`, []string{"lr = 0.1"}},
	{"annotated attribute assignment", `self.scheduler: LRScheduler = CosineAnnealingLR(self.optimizer, T_max=50)`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":50}`, []string{"lr = 0.1 (the default)"}},
	{"OneCycleLR with epochs and steps_per_epoch",
		`lr_scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01, epochs=10, steps_per_epoch=390, pct_start=0.25, anneal_strategy="linear")`,
		`{"kind":"torch.OneCycleLR","max_lr":0.01,"epochs":10,"steps_per_epoch":390,"pct_start":0.25,"anneal_strategy":"linear"}`, nil},
	{"OneCycleLR momentum arguments", `OneCycleLR(optimizer, 0.1, total_steps=1000, cycle_momentum=True, base_momentum=0.85)`,
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, []string{"cycle_momentum changes the momentum", "base_momentum"}},
	{"LinearLR warmup with 1/3 and last_epoch", `warmup = LinearLR(optimizer, start_factor=1/3, total_iters=5, last_epoch=-1)`,
		`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.3333333333333333,"total_iters":5}`, []string{"lr = 0.1 (the default)"}},
	{"ExponentialLR positional", `ExponentialLR(optimizer, 0.95)`, `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.95}`, []string{"lr = 0.1 (the default)"}},
	{"PolynomialLR", `torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=10_000, power=2.0)`,
		`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":10000,"power":2}`, []string{"lr = 0.1 (the default)"}},
	{"timm, as in its training scripts",
		`lr_scheduler = timm.scheduler.CosineLRScheduler(optimizer, t_initial=300, lr_min=1e-6, warmup_t=5, warmup_lr_init=1e-6, warmup_prefix=True, cycle_limit=1, t_in_epochs=False)`,
		`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":300,"lr_min":0.000001,"cycle_limit":1,"warmup_t":5,"warmup_lr_init":0.000001,"warmup_prefix":true}`,
		[]string{"t_in_epochs only says"}},
	{"timm before 0.5", `scheduler = CosineLRScheduler(optimizer, t_initial=100, t_mul=1.0, lr_min=1e-5, decay_rate=0.1, warmup_t=3, cycle_limit=1)`,
		`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":100,"lr_min":0.00001,"cycle_mul":1,"cycle_decay":0.1,"cycle_limit":1,"warmup_t":3}`,
		[]string{"timm's names from before 0.5"}},
	{"the issue's Hugging Face call", `get_cosine_schedule_with_warmup(opt, num_warmup_steps=500, num_training_steps=10000)`,
		`{"kind":"hf.cosine_schedule_with_warmup","lr":0.00005,"num_warmup_steps":500,"num_training_steps":10000}`,
		[]string{"lr = 5e-05 (the default)"}},
	{"Hugging Face, positional, optimizer from the transformers AdamW line",
		"optimizer = AdamW(model.parameters(), lr=2e-5, eps=1e-8)\nscheduler = transformers.get_cosine_schedule_with_warmup(optimizer, 100, 1000)",
		`{"kind":"hf.cosine_schedule_with_warmup","lr":0.00002,"num_warmup_steps":100,"num_training_steps":1000}`, nil},
	{"get_scheduler with the name positional, num_cycles left at 1",
		`lr_scheduler = get_scheduler("cosine_with_restarts", optimizer=optimizer, num_warmup_steps=100, num_training_steps=1000)`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":0.00005,"num_warmup_steps":100,"num_training_steps":1000}`, []string{"lr = 5e-05 (the default)"}},
	{"get_scheduler with SchedulerType and specific kwargs",
		`get_scheduler(SchedulerType.COSINE_WITH_MIN_LR, optimizer, num_warmup_steps=0, num_training_steps=5000, scheduler_specific_kwargs={"min_lr": 1e-6})`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":0.00005,"num_warmup_steps":0,"num_training_steps":5000,"min_lr":0.000001}`, []string{"lr = 5e-05 (the default)"}},
	{"WSD", `get_wsd_schedule(optimizer, num_warmup_steps=1000, num_decay_steps=2000, num_training_steps=20000, min_lr_ratio=0.1)`,
		`{"kind":"hf.wsd_schedule","lr":0.00005,"num_warmup_steps":1000,"num_decay_steps":2000,"num_training_steps":20000,"min_lr_ratio":0.1}`, []string{"lr = 5e-05 (the default)"}},
	{"WSD positional, today's order", `get_wsd_schedule(optimizer, 100, 200, 1000)`,
		`{"kind":"hf.wsd_schedule","lr":0.00005,"num_warmup_steps":100,"num_decay_steps":200,"num_training_steps":1000}`,
		[]string{"older transformers releases put num_stable_steps third"}},
	{"the issue's optax call, from optax's docs",
		`schedule = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=1.0, warmup_steps=50, decay_steps=1_000, end_value=0.0)`,
		`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":50,"decay_steps":1000,"end_value":0}`, nil},
	{"optax positional", `optax.schedules.cosine_decay_schedule(1e-3, 5000, 0.1)`,
		`{"kind":"optax.cosine_decay_schedule","init_value":0.001,"decay_steps":5000,"alpha":0.1}`, nil},
	{"keras restarts", `keras.optimizers.schedules.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=1000, t_mul=2.0, m_mul=1.0, alpha=0.0)`,
		`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":1000,"t_mul":2,"m_mul":1,"alpha":0}`, nil},
	{"tf.keras with warmup and a name",
		`lr_schedule = tf.keras.optimizers.schedules.CosineDecay(initial_learning_rate=1e-3, decay_steps=10000, alpha=0.0, name="cosine", warmup_target=1e-2, warmup_steps=1000)`,
		`{"kind":"keras.CosineDecay","initial_learning_rate":0.001,"decay_steps":10000,"alpha":0,"warmup_target":0.01,"warmup_steps":1000}`, nil},
	{"tf.keras.experimental", `tf.keras.experimental.CosineDecay(0.1, 1000)`,
		`{"kind":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":1000}`, nil},
	{"ignite, as in its docs", `scheduler = CosineAnnealingScheduler(optimizer, 'lr', 1e-1, 1e-3, 390)`,
		`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":390}`, nil},
	{"ignite with keywords", `CosineAnnealingScheduler(optimizer, "lr", start_value=0.05, end_value=1e-4, cycle_size=1000, cycle_mult=1.5, warmup_duration=100, save_history=True)`,
		`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.05,"end_value":0.0001,"cycle_size":1000,"cycle_mult":1.5,"warmup_duration":100}`, nil},
	{"a dict literal splatted", `CosineAnnealingLR(optimizer, **{"T_max": 30, "eta_min": 0.001})`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":30,"eta_min":0.001}`, []string{"lr = 0.1 (the default)"}},
	{"lines the reader skips", "for epoch in range(10):\n    train(epoch)\nscheduler = CosineAnnealingLR(optimizer, T_max=10)\nscheduler.step()",
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10}`, []string{"line 1, column"}},

	// lr_schedule: BaseLRSchedule.create(cfg) dispatches on cfg["type"]; each class takes its cfg.
	{"lr_schedule's own test: create with a type", `linear = BaseLRSchedule.create({"type": "linear", "initial_value": 0.02})`,
		`{"kind":"lr_schedule.linear","initial_value":0.02}`, nil},
	{"create, the config written out as a training config holds it",
		"from trading.src.alg.agents.lr_schedule import BaseLRSchedule\n\nschedule = BaseLRSchedule.create(\n    {\n" +
			"        \"type\": \"cosine_warmup\",\n        \"initial_value\": 1e-3,\n        \"final_value\": 1e-5,\n" +
			"        \"warmup_fraction\": 0.1,\n    }\n)\n",
		`{"kind":"lr_schedule.cosine_warmup","initial_value":0.001,"final_value":0.00001,"warmup_fraction":0.1}`, nil},
	{"create, each type", `BaseLRSchedule.create({"type": "cosine", "initial_value": 1e-3, "final_value": 1e-5})`,
		`{"kind":"lr_schedule.cosine","initial_value":0.001,"final_value":0.00001}`, nil},
	{"create, exponential with the final_value it reads and ignores",
		`BaseLRSchedule.create({"type": "exponential", "initial_value": 1e-3, "final_value": 1e-5, "decay_rate": 0.1})`,
		`{"kind":"lr_schedule.exponential","initial_value":0.001,"final_value":0.00001,"decay_rate":0.1}`, nil},
	{"create, polynomial with an int power", `BaseLRSchedule.create({"type": "polynomial", "initial_value": 1e-3, "final_value": 1e-5, "power": 3})`,
		`{"kind":"lr_schedule.polynomial","initial_value":0.001,"final_value":0.00001,"power":3}`, nil},
	{"create, constant", `BaseLRSchedule.create({"type": "constant", "initial_value": 5e-4})`,
		`{"kind":"lr_schedule.constant","initial_value":0.0005}`, nil},
	{"create without a type", `BaseLRSchedule.create({"initial_value": 5e-4, "final_value": 1e-5})`,
		`{"kind":"lr_schedule.constant","initial_value":0.0005,"final_value":0.00001}`, []string{`names no "type", so BaseLRSchedule.create makes the constant`}},
	{"create, an empty config", `BaseLRSchedule.create({})`, `{"kind":"lr_schedule.constant"}`, []string{`names no "type"`}},
	{"create from a float", `base = BaseLRSchedule.create(0.01)`, `{"kind":"lr_schedule.constant","initial_value":0.01}`, nil},
	{"BaseLRSchedule from a float", `BaseLRSchedule(0.001)`, `{"kind":"lr_schedule.constant","initial_value":0.001}`, nil},
	{"BaseLRSchedule from a dict", `BaseLRSchedule({"initial_value": 3e-4})`, `{"kind":"lr_schedule.constant","initial_value":0.0003}`, nil},
	{"BaseLRSchedule reads no type", `BaseLRSchedule({"type": "cosine", "initial_value": 3e-4})`,
		`{"kind":"lr_schedule.constant","initial_value":0.0003}`, []string{`BaseLRSchedule reads no "type": the config's "cosine" is ignored, and the schedule is constant`}},
	{"each class", `CosineAnnealingLRSchedule({"initial_value": 0.0003, "final_value": 1e-05})`,
		`{"kind":"lr_schedule.cosine","initial_value":0.0003,"final_value":0.00001}`, nil},
	{"LinearLRSchedule", `LinearLRSchedule({"initial_value": 0.0003})`, `{"kind":"lr_schedule.linear","initial_value":0.0003}`, nil},
	{"ExponentialLRSchedule", `ExponentialLRSchedule({"decay_rate": 0.01})`, `{"kind":"lr_schedule.exponential","decay_rate":0.01}`, nil},
	{"CosineWarmupLRSchedule", `CosineWarmupLRSchedule({"warmup_fraction": 0.05})`, `{"kind":"lr_schedule.cosine_warmup","warmup_fraction":0.05}`, nil},
	{"PolynomialLRSchedule", `PolynomialLRSchedule({"power": 0.5, "initial_value": 1})`,
		`{"kind":"lr_schedule.polynomial","initial_value":1,"power":0.5}`, nil},
	{"a class with its own type", `LinearLRSchedule({"type": "linear", "initial_value": 1e-3})`, `{"kind":"lr_schedule.linear","initial_value":0.001}`, nil},
	{"a class reads no type", `LinearLRSchedule({"type": "cosine", "initial_value": 1e-3})`, `{"kind":"lr_schedule.linear","initial_value":0.001}`,
		[]string{`LinearLRSchedule reads no "type"`, "the schedule is linear"}},
	{"ExponentialLRSchedule from a float", `ExponentialLRSchedule(0.001)`, `{"kind":"lr_schedule.exponential","initial_value":0.001}`,
		[]string{"decay_rate is the default, 0.1"}},
	{"a class's create dispatches like BaseLRSchedule's", `CosineAnnealingLRSchedule.create({"type": "linear"})`, `{"kind":"lr_schedule.linear"}`, nil},
	{"the module imported", "from trading.src.alg.agents import lr_schedule\n" +
		`schedule = lr_schedule.BaseLRSchedule.create({"type": "cosine", "initial_value": 3e-4})`,
		`{"kind":"lr_schedule.cosine","initial_value":0.0003}`, nil},
	{"a class through the module", `lr_schedule.PolynomialLRSchedule({"initial_value": 3e-4, "power": 1})`,
		`{"kind":"lr_schedule.polynomial","initial_value":0.0003,"power":1}`, nil},
	{"a float through the module", `lr_schedule.BaseLRSchedule.create(3e-4)`, `{"kind":"lr_schedule.constant","initial_value":0.0003}`, nil},
	{"cfg as a keyword", `LinearLRSchedule(cfg={"initial_value": 1e-3})`, `{"kind":"lr_schedule.linear","initial_value":0.001}`, nil},
	{"constants and a config assigned above",
		"LR = 3e-4\nKIND = \"cosine_warmup\"\ncfg = {\"type\": KIND, \"initial_value\": LR, \"final_value\": LR / 30, \"warmup_fraction\": 0.05}\n" +
			"lr = BaseLRSchedule.create(cfg)",
		`{"kind":"lr_schedule.cosine_warmup","initial_value":0.0003,"final_value":0.000009999999999999999,"warmup_fraction":0.05}`, nil}, // 3e-4 / 30, as Python divides
	{"a float constant", "LR = 0.001\nschedule = BaseLRSchedule.create(LR)", `{"kind":"lr_schedule.constant","initial_value":0.001}`, nil},
	{"a key given twice: Python keeps the last", `BaseLRSchedule.create({"type": "linear", "initial_value": 1e-3, "initial_value": 2e-3})`,
		`{"kind":"lr_schedule.linear","initial_value":0.002}`, nil},
	{"keys the type does not read", `BaseLRSchedule.create({"type": "linear", "initial_value": 1e-3, "decay_rate": 0.5, "warmup_fraction": 0.1})`,
		`{"kind":"lr_schedule.linear","initial_value":0.001}`,
		[]string{`the config's "decay_rate" is not read by the linear type, and lr_schedule ignores keys a type does not read`,
			`"warmup_fraction" is not read`}},
	{"a misspelt key, which the module silently ignores", `BaseLRSchedule.create({"type": "cosine", "inital_value": 1e-3})`,
		`{"kind":"lr_schedule.cosine"}`, []string{`"inital_value" is not read by the cosine type`, `did you mean "initial_value"?`}},
	{"a schedule passed to Stable-Baselines3",
		`model = PPO("MlpPolicy", env, learning_rate=BaseLRSchedule.create({"type": "cosine", "initial_value": 3e-4}), verbose=1)`,
		`{"kind":"lr_schedule.cosine","initial_value":0.0003}`, nil},
	{"a schedule passed to a Keras optimizer", `optimizer = keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.CosineDecay(1e-3, 1000))`,
		`{"kind":"keras.CosineDecay","initial_learning_rate":0.001,"decay_steps":1000}`, nil},
	{"True computes as 1", `PolynomialLRSchedule({"power": True})`, `{"kind":"lr_schedule.polynomial","power":1}`, nil},
	{"SequentialLR of schedulers built before", `optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
warmup = LinearLR(optimizer, start_factor=0.01, total_iters=500)
cosine = CosineAnnealingLR(optimizer, T_max=9500, eta_min=1e-6)
scheduler = SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[500])`,
		`{"kind":"torch.SequentialLR","lr":0.0003,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":500},` +
			`{"kind":"torch.CosineAnnealingLR","T_max":9500,"eta_min":0.000001}],"milestones":[500]}`, nil},
	{"SequentialLR with the calls inline", `opt = SGD(params, 0.1)
sched = lr_scheduler.SequentialLR(opt, [lr_scheduler.ExponentialLR(opt, 0.9), lr_scheduler.PolynomialLR(opt, total_iters=10)], [5])`,
		`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.ExponentialLR","gamma":0.9},` +
			`{"kind":"torch.PolynomialLR","total_iters":10}],"milestones":[5]}`, nil},
	{"ChainedScheduler with optimizer=", `optimizer = SGD(params, lr=0.05)
s1 = LinearLR(optimizer, start_factor=0.1, total_iters=20)
s2 = ExponentialLR(optimizer, gamma=0.9)
scheduler = ChainedScheduler([s1, s2], optimizer=optimizer)`,
		`{"kind":"torch.ChainedScheduler","lr":0.05,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":20},` +
			`{"kind":"torch.ExponentialLR","gamma":0.9}]}`, nil},
	{"ChainedScheduler without optimizer (PyTorch 1.13)", `optimizer = SGD(params, lr=0.05)
scheduler = ChainedScheduler([ExponentialLR(optimizer, gamma=0.9)])`,
		`{"kind":"torch.ChainedScheduler","lr":0.05,"schedulers":[{"kind":"torch.ExponentialLR","gamma":0.9}]}`, nil},
	{"nested compositions", `optimizer = SGD(params, lr=0.1)
a = LinearLR(optimizer, start_factor=0.5, total_iters=4)
b = ExponentialLR(optimizer, gamma=0.9)
chain = ChainedScheduler([a, b])
cos = CosineAnnealingLR(optimizer, T_max=10)
scheduler = SequentialLR(optimizer, [chain, cos], milestones=[8])`,
		`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.ChainedScheduler","schedulers":[` +
			`{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":4},{"kind":"torch.ExponentialLR","gamma":0.9}]},` +
			`{"kind":"torch.CosineAnnealingLR","T_max":10}],"milestones":[8]}`, nil},
}

func TestImportCode(t *testing.T) {
	for _, tc := range importCases {
		spec, notes, err := ImportCode(tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(spec) != tc.spec {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, spec, tc.spec)
		}
		if _, err := Parse(spec); err != nil {
			t.Errorf("%s: Parse: %v", tc.name, err)
		}
		all := strings.Join(notes, "\n")
		for _, want := range tc.notes {
			if !strings.Contains(all, want) {
				t.Errorf("%s: notes %q lack %q", tc.name, notes, want)
			}
		}
		if len(tc.notes) == 0 && len(notes) > 0 {
			t.Errorf("%s: unexpected notes %q", tc.name, notes)
		}
	}
}

// importErrors are snippets ImportCode cannot read, with the *Error's
// parameter and a fragment of its message.
var importErrors = []struct {
	name, src, param, msg string
}{
	{"torchvision's args", `torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs - args.lr_warmup_epochs, eta_min=args.lr_min)`,
		"T_max", "uses args.epochs, a name LR Playground cannot see"},
	{"a variable", `CosineAnnealingLR(optimizer, T_max=num_epochs)`, "T_max", "write its value, like T_max=20, or paste its assignment (num_epochs = ...)"},
	{"len(train_loader)", `OneCycleLR(optimizer, max_lr=0.01, steps_per_epoch=len(train_loader), epochs=10)`,
		"steps_per_epoch", "len(train_loader) is computed when the script runs"},
	{"arithmetic with a call", `get_cosine_schedule_with_warmup(optimizer, 0, len(loader) * 3)`, "num_training_steps", "is computed when the script runs"},
	{"**kwargs", `CosineAnnealingLR(optimizer, **scheduler_kwargs)`, "**scheduler_kwargs", "write its arguments out"},
	{"*args", `CosineAnnealingLR(*args)`, "*args", "write its arguments out"},
	{"a typo", `CosineAnnealingLR(optimizer, T_max=100, eta_mim=1e-6)`, "eta_mim", `did you mean "eta_min"?`},
	{"an argument of another framework", `CosineAnnealingLR(optimizer, num_training_steps=100)`, "num_training_steps", "its arguments are optimizer, T_max"},
	{"an unknown scheduler", `FlatLR(optimizer, size=30, gamma=0.1)`, "", `does not know the scheduler "FlatLR"; it reads CosineAnnealingLR`},
	{"a misspelt scheduler", `lr_scheduler.CosineAnealingLR(optimizer, 100)`, "", `did you mean "CosineAnnealingLR"?`},
	{"SequentialLR of names not built", `SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[5])`, "schedulers[0]", "warmup is not a scheduler built in the snippet"},
	{"SequentialLR of a list it cannot see", `SequentialLR(optimizer, schedulers=scheds, milestones=[5])`, "schedulers", "is not a list of schedulers"},
	{"a scheduler no composition takes", "optimizer = SGD(params, lr=0.1)\nw = LinearLR(optimizer)\nc = ExponentialLR(optimizer, 0.9)\ns = SequentialLR(optimizer, [w], [])",
		"", "which no composition is given"},
	{"SequentialLR's child names lr", "optimizer = SGD(params, lr=0.1)\ns = SequentialLR(optimizer, [ExponentialLR(optimizer, 0.9, T_max=3)], [])",
		"schedulers[0].T_max", "unknown argument"},
	{"SequentialLR's milestones", "optimizer = SGD(params, lr=0.1)\ns = SequentialLR(optimizer, [ExponentialLR(optimizer, 0.9)], [3])",
		"milestones", "Sequential Schedulers expects number of schedulers provided to be one more"},
	{"get_scheduler(\"exp\")", `get_scheduler("exp", optimizer, num_warmup_steps=0, num_training_steps=100)`, "name", `exp is not a valid SchedulerType, please select one of ['linear', 'cosine'`},
	{"too many positionals", `ExponentialLR(optimizer, 0.9, -1, False, 5)`, "", "takes at most 4 positional arguments"},
	{"an argument twice", `CosineAnnealingLR(optimizer, 100, T_max=100)`, "T_max", "got multiple values for argument T_max"},
	{"a missing parenthesis", "scheduler = CosineAnnealingLR(optimizer,\n    T_max=10", "", `line 1, column 30: this "(" is never closed`},
	{"out of range", `CosineAnnealingLR(optimizer, T_max=0)`, "T_max", "0 is out of range"},
	{"a required argument missing", `CosineAnnealingLR(optimizer)`, "T_max", "missing: torch.CosineAnnealingLR needs T_max"},
	{"an index", `get_cosine_with_hard_restarts_schedule_with_warmup(opt, 10, 100, num_cycles=cfg["cycles"])`, "num_cycles", "an index"},
	{"a lambda", `CosineAnnealingLR(opt, T_max=lambda: 3)`, "T_max", "is not a literal value (a lambda)"},
	{"an f-string", `OneCycleLR(opt, max_lr=0.1, total_steps=100, anneal_strategy=f"{kind}")`, "anneal_strategy", "an f-string"},
	{"two schedulers", "a = CosineAnnealingLR(opt, T_max=10)\nb = ExponentialLR(opt, 0.9)", "", "2 scheduler calls (lines 1 and 2): paste one"},
	{"nothing", ``, "", "no scheduler call found"},
	{"only an optimizer", `optimizer = SGD(model.parameters(), lr=0.1)`, "", "no scheduler call found"},
	{"a broken line", `x = 1 +`, "", "line 1, column 8: the line ends before the expression does"},
	{"a division by zero", `CosineAnnealingLR(opt, T_max=1 // 0)`, "T_max", "a division by zero"},
	{"an overflow", `CosineAnnealingLR(opt, T_max=10 ** 100)`, "T_max", "too large"},
	{"a float too large", `CosineAnnealingLR(opt, T_max=100, eta_min=1e999)`, "eta_min", "not a finite number"},
	{"a leading zero", `CosineAnnealingLR(opt, T_max=0100)`, "T_max", "a leading zero"},
	{"a stray character", "CosineAnnealingLR(opt, T_max=10) $", "", `unexpected character '$'`},

	// lr_schedule: what the module raises, in its words.
	{"an unknown type", `BaseLRSchedule.create({"type": "step", "initial_value": 1e-3})`, "type",
		`BaseLRSchedule.create({"type": "step", "initial_value": 1e-3}) raises ValueError in lr_schedule: Unknown learning rate schedule type: step`},
	{"a type that is no string", `BaseLRSchedule.create({"type": 3})`, "type", "Unknown learning rate schedule type: 3"},
	{"a type it cannot see", `BaseLRSchedule.create({"type": args.schedule})`, "type", "args.schedule is not a literal"},
	{"an int config", `BaseLRSchedule.create(1)`, "cfg",
		"BaseLRSchedule.create(1) raises ValueError in lr_schedule: Invalid learning rate configuration: 1 (a config is a dict or a float: write 1.0)"},
	{"a bool config", `BaseLRSchedule.create(True)`, "cfg", "Invalid learning rate configuration: True"},
	{"None", `BaseLRSchedule.create(None)`, "cfg", "Invalid learning rate configuration: None"},
	{"an int config for a class", `LinearLRSchedule(1)`, "cfg", "LinearLRSchedule(1) raises ValueError in lr_schedule: Invalid configuration type"},
	{"an int config for BaseLRSchedule", `BaseLRSchedule(3)`, "cfg", "Invalid configuration type (a config is a dict or a float: write 3.0)"},
	{"LinearLRSchedule from a float", `LinearLRSchedule(0.001)`, "cfg",
		"LinearLRSchedule(0.001) fails in lr_schedule: a float config sets no final_value, so its first call raises AttributeError"},
	{"CosineAnnealingLRSchedule from a float", `CosineAnnealingLRSchedule(3e-4)`, "cfg",
		`CosineAnnealingLRSchedule(3e-4) fails in lr_schedule: a float config sets no final_value, so its first call raises AttributeError; write a dict such as {"initial_value": 0.0003} instead`},
	{"PolynomialLRSchedule from a float, through the module", `lr_schedule.PolynomialLRSchedule(1e-3)`, "cfg",
		"PolynomialLRSchedule(1e-3) fails in lr_schedule: a float config sets no final_value, so its first call raises AttributeError"},
	{"CosineWarmupLRSchedule from a float", `CosineWarmupLRSchedule(0.001)`, "cfg",
		"CosineWarmupLRSchedule(0.001) fails in lr_schedule: a float config sets no final_value, which the cosine after the warmup reads: " +
			"the warmup's calls (progress below warmup_fraction, 0.1) return initial_value·progress/0.1, and the first call at progress 0.1 " +
			"or more (progress_remaining 0.9 or less) raises AttributeError"},
	{"decay_rate out of range", `BaseLRSchedule.create({"type": "exponential", "decay_rate": 0})`, "decay_rate",
		"lr_schedule raises ValueError: decay_rate must be in the interval (0, 1], got 0"},
	{"warmup_fraction out of range", `CosineWarmupLRSchedule({"warmup_fraction": 1.0})`, "warmup_fraction",
		"lr_schedule raises ValueError: warmup_fraction must be in the open interval (0, 1), got 1"},
	{"a negative power", `BaseLRSchedule.create({"type": "polynomial", "power": -1})`, "power",
		"PolynomialLRSchedule 'power' must be non-negative, got -1"},
	{"a power that is no number", `BaseLRSchedule.create({"type": "polynomial", "power": "2"})`, "power",
		`raises TypeError in lr_schedule: PolynomialLRSchedule 'power' must be a number (int or float), got str`},
	{"a config it cannot see", `schedule = BaseLRSchedule.create(cfg)`, "cfg",
		`cfg is a name LR Playground cannot see (no Python is run): write the config itself, like {"type": "cosine", "initial_value": 0.0003}`},
	{"the agent's config", `lr = BaseLRSchedule.create(config.kwargs.get("learning_rate", 0.1))`, "cfg", "is computed when the script runs"},
	{"a value it cannot see", `LinearLRSchedule({"initial_value": lr})`, "initial_value", `write its value, like "initial_value": 0.0003`},
	{"no config", `LinearLRSchedule()`, "cfg", "LinearLRSchedule() needs its config"},
	{"two configs", `LinearLRSchedule({}, {})`, "", "LinearLRSchedule() takes at most 1 positional arguments"},
	{"a misspelt class", `CosineAnnealingLRSchedul({"initial_value": 1e-3})`, "", `did you mean "CosineAnnealingLRSchedule"?`},
	{"create of something else", `Factory.create({"type": "cosine"})`, "", `does not know the scheduler "Factory.create"`},
}

func TestImportCodeErrors(t *testing.T) {
	for _, tc := range importErrors {
		spec, _, err := ImportCode(tc.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: ImportCode = %s, %v; want an *Error", tc.name, spec, err)
			continue
		}
		if e.Param != tc.param || !strings.Contains(e.Msg, tc.msg) || !strings.HasPrefix(e.Error(), "core: ") {
			t.Errorf("%s: %q (param %q), want param %q and %q", tc.name, e.Error(), e.Param, tc.param, tc.msg)
		}
	}
}

// TestImportCodeRoundTrip: a kind's example written as a call with its
// parameters as keywords reads back as the same schedule.
func TestImportCodeRoundTrip(t *testing.T) {
	for _, sg := range importSigs() {
		if sg.kind == nil {
			continue
		}
		k := sg.kind
		if takesSchedules(k) {
			continue // a composition: TestTorchComposedImport (TestIgniteWrapImport) reads its code snippet back
		}
		s := mustParse(t, k.Example)
		var b strings.Builder
		if len(sg.owners) > 0 {
			b.WriteString(sg.owners[0] + ".") // a namesake's own call
		}
		b.WriteString(sg.callee + "(")
		if sg.params[0] == "optimizer" {
			b.WriteString("optimizer")
			if k.Param("lr") != nil {
				b.WriteString(", lr=" + formatValue(s.args["lr"])) // not the scheduler's: see below
			}
		}
		arg := func(name string) string { return ", " + name + "=" } // or, in lr_schedule's config, "name": value
		if sg.params[0] == "cfg" {
			b.WriteString("{")
			arg = func(name string) string { return `, "` + name + `": ` }
		}
		for _, p := range k.Params {
			if p.Name == "lr" && sg.params[0] == "optimizer" {
				continue
			}
			switch v := s.args[p.Name].(type) {
			case nil:
				b.WriteString(arg(p.Name) + "None")
			case bool:
				b.WriteString(arg(p.Name) + map[bool]string{true: "True", false: "False"}[v])
			case string:
				if p.Type == Text {
					b.WriteString(arg(p.Name) + v) // a lambda
				} else {
					b.WriteString(arg(p.Name) + "'" + v + "'")
				}
			case []*Schedule: // the children as code writes them
				b.WriteString(arg(p.Name) + pyValue(&p, v))
			case []stepValue: // a dict {step: value} or a list of (step, value) tuples
				items := make([]string, len(v))
				for i, x := range v {
					items[i] = fmt.Sprintf("(%d, %v)", x.step, x.value)
					if p.Dict {
						items[i] = fmt.Sprintf("%d: %v", x.step, x.value)
					}
				}
				if p.Dict {
					b.WriteString(arg(p.Name) + "{" + strings.Join(items, ", ") + "}")
				} else {
					b.WriteString(arg(p.Name) + "[" + strings.Join(items, ", ") + "]")
				}
			default:
				b.WriteString(arg(p.Name) + formatValue(v))
			}
		}
		if sg.params[0] == "cfg" {
			b.WriteString("}")
		}
		b.WriteString(")")
		src := strings.Replace(strings.Replace(b.String(), "(, ", "(", 1), "({, ", "({", 1)
		if strings.Contains(src, ", lr=") {
			// The lr belongs to the optimizer: put it there.
			lr := s.args["lr"]
			src = "optimizer = SGD(params, lr=" + formatValue(lr) + ")\n" + strings.Replace(src, ", lr="+formatValue(lr), "", 1)
		}
		spec, _, err := ImportCode(src)
		if err != nil {
			t.Errorf("%s: %s: %v", k.Name, src, err)
			continue
		}
		got := mustParse(t, string(spec))
		if got.Kind() != k {
			t.Errorf("%s: %s read as %s", k.Name, src, got.Kind().Name)
		}
		for name, want := range s.args {
			if c, ok := want.([]*Schedule); ok { // children: their specs
				if g, _ := appendChildren(nil, got.args[name].([]*Schedule)); string(g) != string(mustChildrenJSON(appendChildren(nil, c))) {
					t.Errorf("%s: %s: %s = %s", k.Name, src, name, g)
				}
				continue
			}
			if g := got.args[name]; formatValue(g) != formatValue(want) {
				t.Errorf("%s: %s: %s = %v, want %v", k.Name, src, name, g, want)
			}
		}
	}
}

// TestPickImportSig: a constructor with owners takes the calls qualified
// with one of them from a namesake without, which keeps every other call.
func TestPickImportSig(t *testing.T) {
	plain := &importSig{callee: "Cosine"}
	owned := &importSig{callee: "Cosine", owners: []string{"pkg", "p"}}
	other := &importSig{callee: "Linear", owners: []string{"pkg"}}
	for _, sigs := range [][]*importSig{{plain, owned, other}, {owned, plain, other}} {
		for callee, want := range map[string]*importSig{
			"Cosine":                 plain,
			"mod.Cosine":             plain,
			"mod.pkg.Cosine":         plain,
			"pkgx.Cosine":            plain,
			"pkg.Cosine":             owned,
			"pkg.sub.Cosine":         owned,
			"p.sub.mod.Cosine":       owned,
			"Linear":                 nil, // owned, and not qualified
			"pkg.Linear":             other,
			"pkg.Step":               nil,
			"torch.pkg.sched.Cosine": plain,
		} {
			if got := pickImportSig(callee, sigs); got != want {
				t.Errorf("pickImportSig(%q) = %+v, want %+v", callee, got, want)
			}
		}
	}
	if got := pickImportSig("pkg.Cosine", []*importSig{owned}); got != owned {
		t.Errorf("pickImportSig without a namesake = %+v", got)
	}
}

// TestImportCodeLimits: hostile input is refused quickly, without a panic.
func TestImportCodeLimits(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("(", 200) + strings.Repeat(")", 200),
		"CosineAnnealingLR(opt, T_max=" + strings.Repeat("-", 5000) + "1)",
		"CosineAnnealingLR(opt, T_max=" + strings.Repeat("(", 90) + "1" + strings.Repeat(")", 90) + ")",
		"CosineAnnealingLR(opt, T_max=" + strings.Repeat("1+", 3000) + "1)",
		"CosineAnnealingLR(opt, T_max=1 ** 99999999999)",
		"CosineAnnealingLR(opt, T_max=(-1) ** 99999999999 + 2)",
		strings.Repeat("x", MaxSpecBytes+1),
		"'''",
		"r'\\",
		"\\",
		"0x",
		"1e",
		"CosineAnnealingLR(opt, T_max=2 ** 62 * 4)",
	} {
		ImportCode(src) // must return
	}
	if _, _, err := ImportCode("CosineAnnealingLR(opt, T_max=(-1) ** 99999999999 + 2)"); err != nil {
		t.Errorf("(-1) ** odd + 2: %v", err)
	}
}

func FuzzImportCode(f *testing.F) {
	for _, tc := range importCases {
		f.Add(tc.src)
	}
	for _, tc := range importErrors {
		f.Add(tc.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		spec, _, err := ImportCode(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ImportCode(%q): %v is not an *Error", src, err)
			}
			return
		}
		if _, err := Parse(spec); err != nil {
			t.Fatalf("ImportCode(%q) = %s, which Parse rejects: %v", src, spec, err)
		}
	})
}

// mustChildrenJSON returns b, for appendChildren, which reports success separately.
func mustChildrenJSON(b []byte, ok bool) []byte {
	if !ok {
		panic("core: test: cannot write children")
	}
	return b
}
