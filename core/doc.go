// Package core is where every number of LR Playground comes from: schedule
// kinds, spec parsing and validation, evaluation and events, the pitfalls of
// a run ([Lint]) and specs read from pasted training code ([ImportCode]). It
// uses the standard library only and never panics on input: Parse
// validates, and a Schedule it returns evaluates without failing.
//
// # Specs
//
// A schedule is one JSON object, {"kind": KIND, ...parameters}. Each
// framework kind keeps its framework's own parameter names (T_max,
// num_warmup_steps, decay_steps, ...) because users paste them from training
// scripts; optional parameters take the framework's defaults. [Kinds] lists
// every kind with its parameter table. A renamed kind keeps its former names
// as [Kind.Aliases], which Parse and [LookupKind] accept (the lr_schedule.*
// kinds were sb3.*).
//
// # A kind is a file
//
// Each kind lives in one file (a small family that shares a type, such as
// the lr_schedule kinds, in one): its Kind, registered by
// var xKind = register(&Kind{...}) with its order in Kinds, its code
// template and the constructors ImportCode reads; and the curve its build
// returns, a kindCurve: the values (at, and fill for a framework's
// recursion), the events drawing relies on, the shape Translate reads and
// the facts Lint checks. A framework registers itself the same way
// (registerFramework) with its title and its tools (frameworkTools): the
// target that writes shapes as its kinds, and its import hooks. The features that cut across kinds (Code, Translate, Lint,
// ImportCode, Downsample, Annotations) reach kinds only through these, so no
// other file names a kind.
//
// # Vocabulary
//
// Inside the package, a step is 0-based: step i is the i-th optimizer step of
// a run of N steps, and "the lr of step i" is the learning rate in effect
// while it runs. Each kind's doc comment says which value of its framework
// that is (for PyTorch, param_groups[0]["lr"] after i calls of
// scheduler.step()). That counts calls of scheduler.step(); [Units] (a
// spec's "units") says how a training loop makes them — once per optimizer
// step, per micro-batch or per epoch — and a Schedule with units counts
// optimizer steps, step t reading the kind's step [Units.Call](t).
//
// # The playground kind
//
// The page's main sliders drive our own teaching schedule. With N the number
// of steps and W = round(warmup·N) (halves away from zero):
//
//	for i < W:  lr_i = warmup_start + (lr − warmup_start)·i/W
//
// then t = i − W, and cycle k = 0, 1, ... has length L_k = T_max·T_mult^k and
// starts at S_k = L_0 + ... + L_{k−1} = T_max·(T_mult^k − 1)/(T_mult − 1).
// With restarts, for the k with S_k ≤ t < S_k + L_k,
//
//	lr_i = eta_min + (lr·decay^k − eta_min)·(1 + cos(π·(t − S_k)/L_k))/2
//
// and without restarts one cosine, then eta_min held:
//
//	lr_i = eta_min + (lr − eta_min)·(1 + cos(π·min(t, T_max)/T_max))/2
//
// A restart happens at the first step whose t reaches S_k, W + ⌈S_k⌉. S_k
// is computed in float64 and taken to the nearest whole number when within
// 2^-44 of it, relatively: a whole S_k is exact (234 for T_max 234 and
// T_mult 3.15, 21 for T_max 10 and T_mult 1.1, as a person computes it).
//
// # Translations and code
//
// [Translate] writes a run in every other framework. It reads the run as a
// shape (a warmup, a stable phase, cosine cycles or a decay, and what follows
// them), writes the shape as each framework's kinds, and evaluates both runs:
// a translation is exact only when every value is the same float64. [Code]
// writes a run as a Python snippet in a framework, the kind's own or, through
// Translate, another; for the playground kind, the closest composition.
package core
