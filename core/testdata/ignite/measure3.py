"""Measures ignite's LRScheduler and create_lr_scheduler_with_warmup for
core's tests (ignite_measured_test.go): each scheduler is called once per
event, as simulate_values does, and the optimizer's lr read after each call.
ignite.engine may be a stand-in defining Engine, CallableEventWithFilter,
EventsList and Events: param_scheduler.py only names them.

    PYTHONPATH=<a checkout of pytorch/ignite> python3 measure3.py > wave3_measured.json

Run under torch 1.13. Current torch's ExponentialLR, PolynomialLR and
MultiplicativeLR keep the lr at last_epoch 0 only inside the constructor's
initial step (_is_initial), and CosineAnnealingLR's recursion differs at
last_epoch 0, so l_exp, l_poly and l_cos's event 0 differ there: the test
checks those against current torch's arithmetic instead.
"""
import json, sys, warnings, torch
import torch.optim.lr_scheduler as L

warnings.simplefilter("ignore")
from ignite.handlers.param_scheduler import (LRScheduler, PiecewiseLinear, LinearCyclicalScheduler,
                                             CosineAnnealingScheduler, create_lr_scheduler_with_warmup)

def opt(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)

def run(sched, o, n):
    out = []
    for _ in range(n):
        sched(None)
        out.append(o.param_groups[0]["lr"])
    return out

def lrs(make, lr=0.1, n=40, legacy=False):
    o = opt(lr)
    return run(LRScheduler(make(o), use_legacy=legacy), o, n)

def warm(make, start, dur, end=None, lr=0.1, n=40):
    o = opt(lr)
    return run(create_lr_scheduler_with_warmup(make(o), warmup_start_value=start, warmup_duration=dur, warmup_end_value=end), o, n)

cases = {
 "l_step": lambda: lrs(lambda o: L.StepLR(o, step_size=3, gamma=0.1), n=12),
 "l_exp": lambda: lrs(lambda o: L.ExponentialLR(o, gamma=0.9)),
 "l_cos": lambda: lrs(lambda o: L.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
 "l_linear": lambda: lrs(lambda o: L.LinearLR(o, start_factor=0.5, total_iters=4), n=10),
 "l_const": lambda: lrs(lambda o: L.ConstantLR(o, factor=0.5, total_iters=2), n=6),
 "l_restarts": lambda: lrs(lambda o: L.CosineAnnealingWarmRestarts(o, T_0=4, T_mult=2, eta_min=0.01)),
 "l_multistep": lambda: lrs(lambda o: L.MultiStepLR(o, milestones=[3, 7], gamma=0.5), n=12),
 "l_multistep0": lambda: lrs(lambda o: L.MultiStepLR(o, milestones=[0, 3], gamma=0.5), n=8),
 "l_poly": lambda: lrs(lambda o: L.PolynomialLR(o, total_iters=8, power=2.0), n=12),
 "l_exp_legacy": lambda: lrs(lambda o: L.ExponentialLR(o, gamma=0.9), n=10, legacy=True),
 "l_linear_legacy": lambda: lrs(lambda o: L.LinearLR(o, start_factor=0.5, total_iters=4), n=10, legacy=True),
 "l_restarts_legacy": lambda: lrs(lambda o: L.CosineAnnealingWarmRestarts(o, T_0=4), n=12, legacy=True),
 "w_doc": lambda: warm(lambda o: L.ExponentialLR(o, gamma=0.98), 0.0, 3, 0.1, n=8),
 "w_exp_end": lambda: warm(lambda o: L.ExponentialLR(o, gamma=0.5), 0.0, 3, 0.2, n=10),
 "w_linear": lambda: warm(lambda o: L.LinearLR(o, start_factor=0.5, total_iters=4), 0.0, 3, n=12),
 "w_restarts": lambda: warm(lambda o: L.CosineAnnealingWarmRestarts(o, T_0=4), 0.0, 3, n=12),
 "w_cos": lambda: warm(lambda o: L.CosineAnnealingLR(o, T_max=20), 0.001, 10, n=40),
 "w_step_end": lambda: warm(lambda o: L.StepLR(o, step_size=5, gamma=0.5), 0.0, 4, 0.3, n=20),
 "w_ig_eq": lambda: warm(lambda o: PiecewiseLinear(o, "lr", [(0, 0.1), (10, 0.0)]), 0.0, 5, 0.1, n=20),
 "w_ig_eq2": lambda: warm(lambda o: PiecewiseLinear(o, "lr", [(0, 0.1), (10, 0.0)]), 0.0, 2, 0.1, n=20),
 "w_ig_ne": lambda: warm(lambda o: PiecewiseLinear(o, "lr", [(0, 0.2), (10, 0.0)]), 0.0, 3, 0.1, n=20),
 "w_ig_none": lambda: warm(lambda o: CosineAnnealingScheduler(o, "lr", 0.05, 0.001, 10), 0.0, 4, None, lr=0.05, n=30),
 "w_ig_cyc": lambda: warm(lambda o: LinearCyclicalScheduler(o, "lr", 0.1, 0.5, 10), 0.01, 7, 0.1, n=30),
}
json.dump({k: f() for k, f in cases.items()}, sys.stdout)
