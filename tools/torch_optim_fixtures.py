"""Fixtures for the optimizer chapter and the one-step X-ray: real torch.optim runs, step by step.

Imported by make_torch_fixtures.py. Each run is the program the page shows:

    torch.manual_seed(seed)
    x = torch.ones(n, 2); x[:, 0].uniform_(-1., 1)          # or the reader's own x
    y = x @ torch.tensor([3., 2]) + noise * torch.rand(n)  # or the reader's own y
    a = nn.Parameter(torch.rand(2))
    opt = torch.optim.SGD([a], lr=lr, momentum=momentum, nesterov=nesterov)   # opt=sgd
    opt = torch.optim.Adam([a], lr=lr, betas=(beta1, beta2))                  # opt=adam
    per_epoch = math.ceil(n / batch)
    for t in range(steps):
        if batch < n:
            if t % per_epoch == 0: perm = torch.randperm(n)
            idx = perm[(t % per_epoch) * batch:(t % per_epoch + 1) * batch]
            xb, yb = x[idx], y[idx]
        else:
            xb, yb = x, y
        loss = mse(xb @ a, yb)
        if t % 10 == 0: print(loss)
        opt.zero_grad(); loss.backward(); opt.step()

and records, for every step, the batch loss, a.grad, a after the step and the optimizer's state,
with PyTorch's own printed strings.
"""
import json
import math
import os

import torch
from torch import nn

OPT_CONFIGS = [
    # name, seed, n, noise, lr, steps, options
    ("momentum", 42, 100, 0.0, 0.1, 100, {"momentum": 0.9}),
    ("nesterov", 7, 37, 1.0, 0.05, 120, {"momentum": 0.8, "nesterov": True}),
    ("adam", 42, 100, 0.0, 0.1, 100, {"opt": "adam"}),
    ("adam-betas", 2019, 64, 0.5, 0.05, 150, {"opt": "adam", "beta1": 0.8, "beta2": 0.99}),
    ("minibatch", 42, 100, 0.5, 0.1, 100, {"batch": 10}),
    ("minibatch-momentum", 3, 100, 0.25, 0.05, 90, {"batch": 20, "momentum": 0.9}),
    ("minibatch-ragged", 11, 37, 1.0, 0.2, 60, {"batch": 10}),
    ("minibatch-adam", 5, 50, 0.5, 0.05, 80, {"batch": 8, "opt": "adam", "beta1": 0.85}),
    ("plain-gd", 0, 100, 0.0, 0.1, 40, {}),
    ("own-data", 42, 0, 0.0, 0.1, 60, {"data": [[-0.9, 0.3], [-0.2, 1.4], [0.1, 2.2], [0.5, 3.1], [0.8, 3.9]]}),
    ("own-data-wide", 7, 0, 0.0, 0.01, 80, {"data": [[-3.0, -4.2], [-1.5, -1.1], [0.0, 2.3], [2.0, 6.1], [4.5, 10.8], [6.0, 14.0]]}),
]


def num(v):
    v = float(v)
    if math.isfinite(v):
        return v
    return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")


XRAY_POINTS = 3


def add_xray(fx):
    """The one-step X-ray of every step: at a_t (the fixture's own a before step t), the batch's first
    points' forward x[i] @ a, residual, dL/dy_hat and share of a.grad (y_hat.grad[j] * x[j], the terms
    that mv's backward sums), as PyTorch computes and prints them. Computed from the recorded a_t, so
    the entries agree with the recorded run even where a machine's float32 kernels differ in an ulp."""
    n = len(fx["x0"])
    x = torch.ones(n, 2)
    x[:, 0] = torch.tensor(fx["x0"])
    y = torch.tensor(fx["y"])
    batch = fx["params"]["batch"]
    per_epoch = math.ceil(n / batch)
    a_t = fx["a_init"]
    for t, step in enumerate(fx["steps"]):
        if batch < n:
            perm = torch.tensor(fx["perms"][t // per_epoch])
            idx = perm[(t % per_epoch) * batch : (t % per_epoch + 1) * batch]
            xb, yb = x[idx], y[idx]
        else:
            idx, xb, yb = None, x, y
        a = nn.Parameter(torch.tensor(a_t))
        y_hat = xb @ a
        y_hat.retain_grad()
        ((y_hat - yb) ** 2).mean().backward()
        k = min(XRAY_POINTS, len(yb))
        with torch.no_grad():
            yh = y_hat[:k].clone()
            r = yh - yb[:k]
            dy = y_hat.grad[:k].clone()
            contrib = dy[:, None] * xb[:k]
        step["xray"] = {
            "index": list(range(k)) if idx is None else idx[:k].tolist(),
            "y_hat": [num(v) for v in yh.tolist()],
            "y_hat_str": str(yh),
            "r": [num(v) for v in r.tolist()],
            "r_str": str(r),
            "dy_hat": [num(v) for v in dy.tolist()],
            "dy_hat_str": str(dy),
            "contrib": [[num(v) for v in row] for row in contrib.tolist()],
            "contrib_str": str(contrib),
            # a.grad recomputed at the recorded a_t: the sum of the shares above, as autograd sums them.
            "grad_str": str(a.grad),
        }
        a_t = step["a"]
    if fx["data"]:
        # The program for own data prints its first rows: x[:5], and y[:5] where the post prints a.
        fx["x_head_str"] = str(x[:5])
        fx["y_head_str"] = str(y[:5])
    return fx


def add_xray_to_files(out_dir):
    """Add the X-ray entries to the optimizer fixtures already written, leaving their runs as they are."""
    for name, *_ in OPT_CONFIGS:
        path = os.path.join(out_dir, f"{name}.json")
        with open(path) as f:
            fx = json.load(f)
        with open(path, "w") as f:
            json.dump(add_xray(fx), f, allow_nan=False)
            f.write("\n")


def run(name, seed, n, noise, lr, steps, o):
    opt_name = o.get("opt", "sgd")
    momentum = o.get("momentum", 0.0)
    nesterov = o.get("nesterov", False)
    beta1, beta2 = o.get("beta1", 0.9), o.get("beta2", 0.999)
    torch.manual_seed(seed)
    if "data" in o:
        n = len(o["data"])
        x = torch.ones(n, 2)
        x[:, 0] = torch.tensor([p[0] for p in o["data"]])
        y = torch.tensor([p[1] for p in o["data"]])
    else:
        x = torch.ones(n, 2)
        x[:, 0].uniform_(-1.0, 1)
        y = x @ torch.tensor([3.0, 2]) + noise * torch.rand(n)
    a = nn.Parameter(torch.rand(2))
    a_init = a.detach().clone()
    if opt_name == "sgd":
        opt = torch.optim.SGD([a], lr=lr, momentum=momentum, nesterov=nesterov)
    else:
        opt = torch.optim.Adam([a], lr=lr, betas=(beta1, beta2))
    batch = o.get("batch", n)
    per_epoch = math.ceil(n / batch)

    def mse(y_hat, y):
        return ((y_hat - y) ** 2).mean()

    steps_out, perms, printed = [], [], []
    for t in range(steps):
        if batch < n:
            if t % per_epoch == 0:
                perm = torch.randperm(n)
                perms.append(perm.tolist())
            idx = perm[(t % per_epoch) * batch : (t % per_epoch + 1) * batch]
            xb, yb = x[idx], y[idx]
        else:
            xb, yb = x, y
        loss = mse(xb @ a, yb)
        if t % 10 == 0:
            printed.append(str(loss))
        opt.zero_grad()
        loss.backward()
        grad = a.grad.detach().clone()
        grad_str = str(a.grad)
        opt.step()
        st = opt.state[a]
        state = {}
        if "momentum_buffer" in st and st["momentum_buffer"] is not None:
            state["buf"] = [num(v) for v in st["momentum_buffer"].tolist()]
        if "exp_avg" in st:
            state["m"] = [num(v) for v in st["exp_avg"].tolist()]
            state["v"] = [num(v) for v in st["exp_avg_sq"].tolist()]
        steps_out.append(
            {
                "loss": num(loss.item()),
                "grad": [num(v) for v in grad.tolist()],
                "grad_str": grad_str,
                "a": [num(v) for v in a.detach().tolist()],
                "a_str": str(a),
                "state": state,
            }
        )

    return {
        "name": name,
        "torch_version": torch.__version__,
        "params": {
            "seed": seed,
            "n": n,
            "noise": noise,
            "lr": lr,
            "steps": steps,
            "opt": opt_name,
            "momentum": momentum,
            "nesterov": 1 if nesterov else 0,
            "beta1": beta1,
            "beta2": beta2,
            "batch": batch,
        },
        "data": o.get("data"),
        "x0": x[:, 0].tolist(),
        "y": y.tolist(),
        "a_init": a_init.tolist(),
        "perms": perms,
        "steps": steps_out,
        "printed": printed,
    }


def randperm_cases():
    """torch.randperm on CPU, fresh after the seed and after other draws of the same generator."""
    cases = []
    for n, seed, before in ((37, 1, 0), (100, 42, 0), (1000, 7, 0), (37, 3, 5), (100, 42, 202), (1000, 9, 2)):
        torch.manual_seed(seed)
        if before:
            torch.rand(before)
        cases.append({"n": n, "seed": seed, "draws_before": before, "perm": torch.randperm(n).tolist()})
    return cases


def write_optimizer_fixtures(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name, seed, n, noise, lr, steps, o in OPT_CONFIGS:
        with open(os.path.join(out_dir, f"{name}.json"), "w") as f:
            json.dump(add_xray(run(name, seed, n, noise, lr, steps, o)), f, allow_nan=False)
            f.write("\n")
    with open(os.path.join(out_dir, "randperm.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": randperm_cases()}, f, allow_nan=False)
        f.write("\n")
