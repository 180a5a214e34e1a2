#!/usr/bin/python3
"""Run a notebook exported by the page in real PyTorch and compare it with the page's JSON export.

    /usr/bin/python3 tools/verify_export.py NOTEBOOK.ipynb RUN.json [RESULT.json]

Needs Debian's python3-torch and python3-matplotlib (the cells draw with plt; the Agg backend draws
off-screen). Exits non-zero when PyTorch's run differs from the page's: every printed loss line and
every loss within 1e-4 relative (plus the float32 floor of the residuals), the final a within 1e-4.
Writes what PyTorch printed and computed to RESULT.json, which the browser tests read.
"""
import contextlib
import io
import json
import math
import sys

import matplotlib

matplotlib.use("Agg")


def main(nb_path, run_path, out_path=None):
    nb = json.load(open(nb_path))
    page = json.load(open(run_path))
    scope = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                exec(compile("".join(cell["source"]), "<cell>", "exec"), scope)
    losses = scope["losses"]
    a = scope["a"].detach().tolist()
    ys = scope["y"].tolist()
    y_ulp = 2.0 ** (math.floor(math.log2(max(abs(v) for v in ys))) - 23)

    rows = [r for r in page["rows"] if r["loss"] is not None]
    problems = []
    if len(rows) != len(losses):
        problems.append(f"{len(rows)} page losses against {len(losses)} in PyTorch")
    for r, want in zip(rows, losses):
        tol = 1e-4 * abs(want) + 2 * math.sqrt(abs(want)) * y_ulp
        if not abs(r["loss"] - want) <= tol:
            problems.append(f"step {r['step']}: page {r['loss']} against PyTorch {want}")
    final = page["rows"][-1]
    for got, want in ((final["a1"], a[0]), (final["a2"], a[1])):
        if not abs(got - want) <= 1e-4 * max(1.0, abs(want)):
            problems.append(f"final a: page {got} against PyTorch {want}")

    result = {
        "torch_printed": printed.getvalue().splitlines(),
        "torch_losses": losses,
        "torch_a_final": a,
        "problems": problems,
    }
    if out_path:
        with open(out_path, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    for p in problems:
        print("MISMATCH", p, file=sys.stderr)
    print(f"{len(losses)} steps compared, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
