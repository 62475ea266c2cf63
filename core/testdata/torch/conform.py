"""The PyTorch side of core's conformance test (torch_conformance_test.go, build tag torch).

One process answers the whole stage, because importing torch takes about a second. It reads
requests from stdin, one JSON object a line, and answers each with one JSON line on stdout:

    request: {"runs": [{"id": 0, "spec": SPEC, "steps": 100}, ...],
              "snippets": [{"id": 0, "code": "import torch\n..."}, ...],
              "libm": "glibc" or "correctly rounded"}
    answer:  {"torch": "1.13.0a0", "debian": "python3-torch 1.13.1+dfsg-4" or "", "python": "3.11.2",
              "import_seconds": 1.0, "runs_seconds": 5.0, "snippets_seconds": 9.0,
              "runs": [RESULT, ...], "snippets": [RESULT, ...],
              "libm_error": why there are no correctly rounded runs (absent when there are)}
    RESULT:  {"id": 0, "values": ["0x1.999999999999ap-4", ...], "error": null or
              {"type": "ValueError", "message": "...", "at": 3, "line": "..."}}

A SPEC is core's spec with typed values: {"kind": "torch.OneCycleLR", "max_lr": {"float": HEX},
"total_steps": 100, "three_phase": true, ...}. Floats come as float.hex() strings, and values go
back the same way, so that both sides compare the exact doubles. A parameter whose value is a spec
(or a list of specs) is built into a scheduler on the same optimizer first, which is how composed
kinds (SequentialLR, ChainedScheduler) will pass their children.

A run's values are optimizer.param_groups[0]["lr"] after i calls of scheduler.step(), for i from 0
to steps - 1. When PyTorch raises, "values" holds the lrs before it and "at" is how many there were
(0: the constructor raised). A snippet is core.Code's output: it is run with exec in a fresh
namespace, its stdout captured, and the list it prints last parsed as its lrs; "line" is the
snippet's line that raised.

With "libm": "correctly rounded", the runs are made with the schedulers' math.cos and the float
parameters' ** correctly rounded (by mpmath, which Debian's python3-torch brings through sympy)
instead of the C library's: where glibc rounds one ulp off, these are the values core computes.
"""

import ast
import contextlib
import io
import json
import math
import platform
import shutil
import subprocess
import sys
import time
import traceback
import warnings


def optimizer_for(torch, lr):
    """A stand-in optimizer over one parameter, as core.Code's snippets build it."""
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def schedulers(torch):
    """kind -> (the spec parameter that is the optimizer's lr, or None, and the constructor).

    A kind added to core joins the stage with an entry here and a generator in
    torch_conformance_test.go. The constructor is called as constructor(optimizer, **parameters),
    with the lr parameter taken out; child specs among the parameters are built first.
    """
    lrs = torch.optim.lr_scheduler
    return {
        **more_schedulers(torch),
        "torch.CosineAnnealingLR": ("lr", lrs.CosineAnnealingLR),
        "torch.CosineAnnealingWarmRestarts": ("lr", lrs.CosineAnnealingWarmRestarts),
        # OneCycleLR sets the lr itself; the optimizer's lr is never read.
        "torch.OneCycleLR": (None, lrs.OneCycleLR),
        "torch.LinearLR": ("lr", lrs.LinearLR),
        "torch.ExponentialLR": ("lr", lrs.ExponentialLR),
        "torch.PolynomialLR": ("lr", lrs.PolynomialLR),
        # Compositions: their schedulers (specs) are built first, in list order.
        "torch.SequentialLR": ("lr", lrs.SequentialLR),
        # Positional: 1.13's ChainedScheduler(schedulers) has no optimizer argument.
        "torch.ChainedScheduler": ("lr", lambda optimizer, schedulers: lrs.ChainedScheduler(schedulers)),
    }


def more_schedulers(torch):
    """StepLR, MultiStepLR, ConstantLR, CyclicLR, LambdaLR and MultiplicativeLR: a lambda kind's
    lr_lambda is the lambda's text, evaluated here (see compile_lambda)."""
    lrs = torch.optim.lr_scheduler
    return {
        "torch.StepLR": ("lr", lrs.StepLR),
        "torch.MultiStepLR": ("lr", lambda optimizer, **kw: lrs.MultiStepLR(optimizer, **rounded_gamma(kw))),
        "torch.ConstantLR": ("lr", lrs.ConstantLR),
        # CyclicLR sets the optimizer's lr to base_lr itself.
        "torch.CyclicLR": (None, lambda optimizer, **kw: lrs.CyclicLR(optimizer, **rounded_gamma(kw))),
        "torch.LambdaLR": ("lr", lambda optimizer, lr_lambda: lrs.LambdaLR(optimizer, compile_lambda(lrs, lr_lambda))),
        "torch.MultiplicativeLR": (
            "lr", lambda optimizer, lr_lambda: lrs.MultiplicativeLR(optimizer, compile_lambda(lrs, lr_lambda))),
    }


def rounded_gamma(kw):
    """kw with a CorrectlyRounded Real gamma (the runs with "libm": "correctly rounded") made a
    RoundedBase, whose gamma ** i (MultiStepLR's, exp_range's) is correctly rounded too."""
    g = kw.get("gamma")
    if isinstance(g, float) and type(g) is not float:
        kw = dict(kw, gamma=RoundedBase(g))
    return kw


class RoundedBase(float):
    """A float whose ** (as the base) is correctly rounded where Python's is a finite normal float."""

    mp = None

    def __pow__(self, e):
        r = float(self) ** e
        if isinstance(r, float) and math.isfinite(r) and abs(r) >= LambdaMath.TINY and self > 0:
            if RoundedBase.mp is None:
                import mpmath
                RoundedBase.mp = mpmath.mp.clone()
                RoundedBase.mp.prec = 160
            mp = RoundedBase.mp
            return float(mp.power(mp.mpf(float(self)), mp.mpf(e)))
        return r


def compile_lambda(lrs, text):
    """The lambda of text (test code: eval is what it is for). When lr_scheduler's math is the
    CorrectlyRounded one, the lambda's math functions, its ** and pow are correctly rounded too
    (LambdaMath), as core's lambdas compute them."""
    if lrs.math is math:
        return eval(compile(text, "<lr_lambda>", "eval"), {"math": math})
    m = LambdaMath(lrs.math)
    tree = ast.fix_missing_locations(m.PowToCall().visit(ast.parse(text, mode="eval")))
    return eval(compile(tree, "<lr_lambda>", "eval"), {"math": m.math, "pow": m.pow, "_pow": m.pow})


class LambdaMath:
    """A lambda's math.cos, exp, log and pow, and its ** and pow, correctly rounded (by mpmath)
    where Python's value is a finite normal float; Python's own result (and exception) otherwise.
    math.sin, tan, log2 and log10 stay glibc's: core's differ from both (see core/internal/python)."""

    TINY = 2.2250738585072014e-308

    class PowToCall(ast.NodeTransformer):
        def visit_BinOp(self, node):
            self.generic_visit(node)
            if isinstance(node.op, ast.Pow):
                return ast.Call(func=ast.Name(id="_pow", ctx=ast.Load()), args=[node.left, node.right], keywords=[])
            return node

    def __init__(self, crmath):
        import mpmath
        mp = mpmath.mp.clone()
        mp.prec = 160
        self.mp = mp
        self.math = type(math)("math")
        self.math.__dict__.update(math.__dict__)
        self.math.cos = crmath.cos
        self.math.exp = self.rounded(math.exp, lambda x: mp.exp(mp.mpf(float(x))))
        self.math.pow = self.rounded(math.pow, self.power)
        ln = self.rounded(math.log, lambda x: mp.log(mp.mpf(float(x))))

        def log(x, base=None):
            if base is None:
                return ln(x)
            math.log(x, base)  # Python's exceptions
            return ln(x) / ln(base)
        self.math.log = log

    def power(self, a, b):
        return self.mp.power(self.mp.mpf(float(a)), self.mp.mpf(float(b)))

    def rounded(self, plain, exact):
        def f(*a):
            r = plain(*a)
            if isinstance(r, float) and math.isfinite(r) and abs(r) >= self.TINY:
                return float(exact(*a))
            return r
        return f

    def pow(self, a, b):
        r = a ** b
        if isinstance(r, float) and math.isfinite(r) and abs(r) >= self.TINY and float(a) > 0:
            return float(self.power(a, b))
        return r


class NoBuilder(Exception):
    """The spec's kind has no entry in schedulers()."""


def decode(value, real=float):
    """A typed spec value as Python: {"float": HEX} is a real (a float); the rest is as JSON reads it."""
    if isinstance(value, dict) and set(value) == {"float"}:
        return real(float.fromhex(value["float"]))
    if isinstance(value, list):
        return [decode(v, real) for v in value]
    return value


class CorrectlyRounded:
    """math.cos and ** correctly rounded, for the runs with "libm": "correctly rounded"."""

    def __init__(self):
        import mpmath  # Debian's python3-torch depends on python3-sympy, which depends on it
        self.mp = mpmath.mp.clone()
        self.mp.prec = 160
        mp = self.mp

        class Real(float):
            """A float parameter whose ** (as the exponent) is correctly rounded: Python tries a
            subclass's reflected method first, so x ** p calls p.__rpow__(x)."""
            def __rpow__(self, base):
                if not isinstance(base, float) or base <= 0:
                    return float(base) ** float(self)
                return float(mp.power(mp.mpf(base), mp.mpf(float(self))))

        self.Real = Real
        self.math = type(math)("math")
        self.math.__dict__.update(math.__dict__)
        self.math.cos = lambda x: float(mp.cos(mp.mpf(x)))

    @contextlib.contextmanager
    def patched(self, module):
        """module's math is this one for the duration."""
        saved = module.math
        module.math = self.math
        try:
            yield
        finally:
            module.math = saved


def is_spec(value):
    return isinstance(value, dict) and "kind" in value


def build(table, spec, optimizer, real=float):
    """The scheduler of spec on optimizer, with its float parameters of type real."""
    kind = spec["kind"]
    if kind not in table:
        raise NoBuilder("no constructor for " + kind + " in conform.py's schedulers()")
    lr_param, constructor = table[kind]
    kwargs = {}
    for name, value in spec.items():
        if name == "kind" or name == lr_param:
            continue
        if is_spec(value):
            kwargs[name] = build(table, value, optimizer, real)
        elif isinstance(value, list) and value and all(is_spec(v) for v in value):
            kwargs[name] = [build(table, v, optimizer, real) for v in value]
        else:
            kwargs[name] = decode(value, real)
    return constructor(optimizer, **kwargs)


def optimizer_lr(table, spec):
    """The optimizer's lr for spec: its lr parameter, or core's default 0.1 when the spec leaves it
    out (PyTorch has no default: the lr belongs to the optimizer), or 1.0 for a kind that sets the
    lr itself."""
    entry = table.get(spec["kind"])
    if entry is None or entry[0] is None:
        return 1.0
    return decode(spec.get(entry[0], {"float": (0.1).hex()}))


def hexes(values):
    out = []
    for v in values:
        if not isinstance(v, (float, int)) or isinstance(v, bool):
            raise TypeError("an lr is a " + type(v).__name__ + ", not a float: " + repr(v))
        out.append(float(v).hex())
    return out


def raised(e, at, code=None):
    line = ""
    if code is not None:
        frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == "<snippet>"]
        if frames:
            lines = code.splitlines()
            n = frames[-1].lineno
            line = "line %d: %s" % (n, lines[n - 1].strip() if 0 < n <= len(lines) else "")
    return {"type": type(e).__name__, "message": str(e), "at": at, "line": line}


def run(torch, table, case, real=float):
    spec, steps = case["spec"], case["steps"]
    values = []
    try:
        optimizer = optimizer_for(torch, optimizer_lr(table, spec))
        scheduler = build(table, spec, optimizer, real)
        for i in range(steps):
            if i > 0:
                scheduler.step()
            values.append(optimizer.param_groups[0]["lr"])
        return {"id": case["id"], "values": hexes(values), "error": None}
    except NoBuilder as e:
        return {"id": case["id"], "values": [], "error": raised(e, -1)}
    except Exception as e:
        return {"id": case["id"], "values": hexes(values), "error": raised(e, len(values))}


def snippet(case):
    code, out = case["code"], io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<snippet>", "exec"), {"__name__": "__snippet__"})
        printed = out.getvalue().strip().splitlines()
        if not printed:
            raise ValueError("the snippet printed nothing")
        lrs = ast.literal_eval(printed[-1])
        if not isinstance(lrs, list):
            raise TypeError("the snippet's last line is a " + type(lrs).__name__ + ", not a list")
        return {"id": case["id"], "values": hexes(lrs), "error": None}
    except Exception as e:
        return {"id": case["id"], "values": [], "error": raised(e, -1, code)}


def debian_version(torch):
    """The Debian package's version when torch comes from one: Debian's build reports a
    torch.__version__ of its own (1.13.0a0 for python3-torch 1.13.1)."""
    if not shutil.which("dpkg-query"):
        return ""
    try:
        owner = subprocess.run(["dpkg-query", "-S", torch.__file__], capture_output=True, text=True, timeout=10)
        package = owner.stdout.split(":")[0].strip() if owner.returncode == 0 else ""
        if not package:
            return ""
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                                 capture_output=True, text=True, timeout=10)
        return package + " " + version.stdout.strip() if version.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def answer(torch, table, request, libms):
    t1 = time.monotonic()
    out = {}
    if request.get("libm", "glibc") == "glibc":
        runs = [run(torch, table, case) for case in (request.get("runs") or [])]
    else:
        try:
            if not libms:
                libms.append(CorrectlyRounded())
            with libms[0].patched(torch.optim.lr_scheduler):
                runs = [run(torch, table, case, libms[0].Real) for case in (request.get("runs") or [])]
        except ImportError as e:
            runs, out["libm_error"] = [], str(e)
    t2 = time.monotonic()
    snippets = [snippet(case) for case in (request.get("snippets") or [])]
    t3 = time.monotonic()
    out.update({"runs_seconds": t2 - t1, "snippets_seconds": t3 - t2, "runs": runs, "snippets": snippets})
    return out


def main():
    t0 = time.monotonic()
    import torch
    t1 = time.monotonic()
    # Every scheduler warns once about its own first step (the constructor's), and the runs
    # here never call optimizer.step(); the warnings say nothing about the values.
    warnings.simplefilter("ignore")
    table = schedulers(torch)
    libms = []  # the CorrectlyRounded, made when first asked for
    about = {
        "torch": torch.__version__,
        "debian": debian_version(torch),
        "python": platform.python_version(),
        "import_seconds": t1 - t0,
    }
    for line in sys.stdin:
        out = dict(about)
        out.update(answer(torch, table, json.loads(line), libms))
        json.dump(out, sys.stdout)
        sys.stdout.write("\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
