#!/usr/bin/python3
"""Write the PyTorch oracle fixtures under test/fixtures/torch/.

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tools/make_torch_fixtures.py

Each configuration runs the exact program the page shows in its PyTorch code cells
(docs/ARCHITECTURE.md, "Same seed, same numbers") and records every number and every printed string, so that the
unit tests can check the TypeScript port bit for bit without PyTorch installed.
"""
import json
import math
import os
import sys

import torch
from torch import nn, tensor

from torch_optim_fixtures import add_xray_to_files, write_optimizer_fixtures

CONFIGS = [
    # name, seed, n, noise, lr, steps
    ("post", 42, 100, 0.0, 0.1, 100),
    ("seed0", 0, 100, 0.0, 0.1, 100),
    ("noisy-small", 7, 37, 1.0, 0.5, 200),
    ("cautious-large", 123, 1000, 0.5, 0.01, 50),
    ("tiny-very-noisy", 2019, 5, 2.0, 0.3, 120),
    ("diverges", 42, 100, 0.0, 1.5, 40),
    ("diverges-to-inf", 3, 64, 0.25, 3.0, 150),
]


def num(v):
    """JSON has no inf/nan: encode them as strings, keep finite float32 values exact."""
    v = float(v)
    if math.isfinite(v):
        return v
    return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")


def run(name, seed, n, noise, lr, steps):
    torch.manual_seed(seed)
    x = torch.ones(n, 2)
    x[:, 0].uniform_(-1.0, 1)
    a = tensor([3.0, 2])  # fastai spells it tensor(3., 2)
    a_true_str = str(a)
    y = x @ a + noise * torch.rand(n)
    a = nn.Parameter(torch.rand(2))
    a_init = a.detach().clone()
    a_init_str = str(a)

    def mse(y_hat, y):
        return ((y_hat - y) ** 2).mean()

    losses, a_path, printed = [], [a_init.tolist()], []
    for t in range(steps):
        y_hat = x @ a
        loss = mse(y_hat, y)
        losses.append(num(loss.item()))
        if t % 10 == 0:
            printed.append(str(loss))
        loss.backward()
        with torch.no_grad():
            a.sub_(lr * a.grad)
            a.grad.zero_()
        a_path.append([num(v) for v in a.detach().tolist()])

    # Independent float64 oracles for the analysis: least squares and the Hessian's eigenvalues.
    x64, y64 = x.double(), y.double()
    a_star = torch.linalg.lstsq(x64, y64.unsqueeze(1)).solution.squeeze(1)
    hessian = (2.0 / n) * x64.T @ x64
    eigenvalues = torch.linalg.eigvalsh(hessian)

    return {
        "name": name,
        "analysis": {
            "a_star": a_star.tolist(),
            "hessian": hessian.tolist(),
            "eigenvalues": eigenvalues.tolist(),
        },
        "torch_version": torch.__version__,
        "params": {"seed": seed, "n": n, "noise": noise, "lr": lr, "steps": steps},
        "x0": x[:, 0].tolist(),
        "y": y.tolist(),
        "a_init": a_init.tolist(),
        "losses": losses,
        "a_path": a_path,
        "printed": {
            "x_head": str(x[:5]),
            "a_true": a_true_str,
            "a_init": a_init_str,
            "losses": printed,
            "a_final": str(a),
        },
    }


def format_cases():
    """Extra strings that exercise PyTorch's printing rules (width, sci mode, int mode, non-finite)."""
    cases = []
    for values in (
        [3.0, 2.0],
        [0.5055, 0.0874],
        [-0.5704, 1.0],
        [1e-5, 1.0],
        [12345.0, 0.5],
        [1e9, 2.0],
        [0.03125, 0.5],
        [0.00015, 0.25],
        [float("inf"), 1.5],
        [float("nan"), -2.0],
        [-0.0, 4.0],
        [100.0, 20000.0],
        [1.5e-5, 2.5e-5],
        [-1e-4, 7.0],
    ):
        t = torch.tensor(values, dtype=torch.float32)
        cases.append({"kind": "vector", "values": [num(v) for v in t.tolist()], "str": str(t)})
    for v in (5.4649, 7.5263e-05, 2.1110e-05, 4.0, 0.0, 1e10, float("inf"), float("nan"), 0.03125, 123.456):
        t = torch.tensor(v, dtype=torch.float32, requires_grad=True)
        s = str(t.mean())
        cases.append({"kind": "loss", "values": [num(t.item())], "str": s})
    m = torch.tensor([[-0.5704, 1.0], [0.25, 1.0], [0.0001, 1.0]], dtype=torch.float32)
    cases.append({"kind": "matrix", "values": [num(v) for v in m.reshape(-1).tolist()], "shape": [3, 2], "str": str(m)})
    long_vec = torch.linspace(-1, 1, 23)
    cases.append({"kind": "vector", "values": [num(v) for v in long_vec.tolist()], "str": str(long_vec)})
    return cases


def main():
    out_dir = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "torch")
    if sys.argv[1:] == ["--xray-only"]:
        # PyTorch's float32 kernels can differ in an ulp between machines: keep the recorded runs.
        add_xray_to_files(os.path.join(out_dir, "optim"))
        print("added the X-ray entries to the optimizer fixtures")
        return
    os.makedirs(out_dir, exist_ok=True)
    for cfg in CONFIGS:
        data = run(*cfg)
        with open(os.path.join(out_dir, f"{cfg[0]}.json"), "w") as f:
            json.dump(data, f, allow_nan=False)
            f.write("\n")
    write_optimizer_fixtures(os.path.join(out_dir, "optim"))
    with open(os.path.join(out_dir, "format-cases.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": format_cases()}, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {len(CONFIGS)} runs and the format cases to {os.path.normpath(out_dir)}")


if __name__ == "__main__":
    main()
