"""Measures ignite's PiecewiseLinear and ConcatScheduler for core's tests
(ignite_measured_test.go): each scheduler is called once per event, as
simulate_values does (whose torch.load(weights_only=True) older torch cannot
run), and the optimizer's lr read after each call.

    PYTHONPATH=<a checkout of pytorch/ignite> python3 measure.py > wave2_measured.json
"""
import json, sys, torch
import torch.optim.lr_scheduler as L

if not hasattr(L, "LRScheduler"):  # torch < 2.0 names it _LRScheduler
    L.LRScheduler = L._LRScheduler
from ignite.handlers.param_scheduler import ConcatScheduler, CosineAnnealingScheduler, LinearCyclicalScheduler, PiecewiseLinear
opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.0)
def PL(mv): return PiecewiseLinear(opt, "lr", milestones_values=mv)
def run(sched, n):
    out = []
    for i in range(n):
        sched(None)
        out.append([i, opt.param_groups[0]["lr"]])
    return out
class PWS:
    @staticmethod
    def simulate_values(n, param_name, milestones_values): return run(PL(milestones_values), n)
class CS:
    @staticmethod
    def simulate_values(n, schedulers, durations): return run(ConcatScheduler(schedulers, durations), n)
cases = {
 "pl1": (lambda: PWS.simulate_values(60, param_name="lr", milestones_values=[(5, 0.5), (15, 1.0), (25, 0.0), (35, 1.0), (40, 0.5)]), 60),
 "pl2": (lambda: PWS.simulate_values(10, param_name="lr", milestones_values=[(0,1),(4,0),(4,0.5),(4,0.9),(6,0.1)]), 10),
 "pl3": (lambda: PWS.simulate_values(6, param_name="lr", milestones_values=[(-2,1),(2,0)]), 6),
 "pl4": (lambda: PWS.simulate_values(1000, param_name="lr", milestones_values=[(0,0),(100,0.1),(800,0.001)]), 1000),
 "pl5": (lambda: PWS.simulate_values(100, param_name="lr", milestones_values=[(3,0.3),(3,0.7),(10,0.01),(77,0.123456789)]), 100),
 "c1": (lambda: CS.simulate_values(12, schedulers=[PL([(0,0),(10,1)]), PL([(0,5),(10,6)])], durations=[3]), 12),
 "c2": (lambda: CS.simulate_values(8, schedulers=[PL([(0,1)]), PL([(0,2)]), PL([(0,3)])], durations=[0,2]), 8),
 "c3": (lambda: CS.simulate_values(8, schedulers=[PL([(0,1)]), PL([(0,2)]), PL([(0,3)])], durations=[2,0]), 8),
 "c4": (lambda: CS.simulate_values(8, schedulers=[PL([(0,1)]), PL([(0,2)]), PL([(0,3)])], durations=[0,0]), 8),
 "c5": (lambda: CS.simulate_values(8, schedulers=[PL([(0,1)]), PL([(0,2)]), PL([(0,3)])], durations=[1,-3]), 8),
 "c6": (lambda: CS.simulate_values(8, schedulers=[PL([(0,1)]), PL([(0,2)]), PL([(0,3)])], durations=[-1,2]), 8),
 "c7": (lambda: CS.simulate_values(30, schedulers=[LinearCyclicalScheduler(opt, "lr", 0, 1, 8), CosineAnnealingScheduler(opt, "lr", 1, 0.2, 4)], durations=[4]), 30),
 "c8": (lambda: CS.simulate_values(1000, schedulers=[PL([(0,0),(100,0.1)]), CosineAnnealingScheduler(opt, "lr", 0.1, 0.001, 300)], durations=[100]), 1000),
 "c9": (lambda: CS.simulate_values(60, schedulers=[PL([(0,1)]), LinearCyclicalScheduler(opt, "lr", 0.1, 0.5, 10), PL([(0,0.3)])], durations=[0,25]), 60),
}
out = {}
for k, (f, n) in cases.items():
    out[k] = [v[1] for v in f()]
json.dump(out, sys.stdout)
