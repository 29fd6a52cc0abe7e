"""Evaluate the learned attrition model against its logistic reference on given HR tables.

The tables are not in the repository (their licences are unclear): download them
yourself (docs/attrition-model.md says where from) and pass each as
``FILE:TARGET[:DROP1,DROP2]``::

    python bench/attrition_model.py \\
        data/WA_Fn-UseC_-HR-Employee-Attrition.csv:Attrition \\
        data/HR_comma_sep.csv:left \\
        --out docs/attrition-model-bench.md

It prints (and with ``--out`` writes) one Markdown table: rows, columns, leavers, and the
5-fold stratified CV ROC-AUC, PR-AUC and Brier score of both models on the same folds.
"""

import argparse
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "addons" / "outsourcing_retention"))

from engine import attrition_model as am  # noqa: E402


def run(spec, seed):
    path, _sep, rest = spec.partition(":")
    target, _sep, drop = rest.partition(":")
    frame = am.read_csv(path)
    columns = am.frame_columns(frame)
    labels = am.parse_target(columns[target], target)
    drops = [name for name in drop.split(",") if name]
    numeric, categorical, dropped = am.detect_columns(columns, target, drops)
    started = time.monotonic()
    evaluation = am.cross_validate(
        columns, labels, numeric, categorical, seed=seed, progress=am._Progress(pathlib.Path(path).name)
    )
    return {
        "file": pathlib.Path(path).name,
        "target": target,
        "shape": frame.shape,
        "used": f"{len(numeric)} num + {len(categorical)} cat",
        "dropped": dropped,
        "evaluation": evaluation,
        "seconds": time.monotonic() - started,
    }


def table(results):
    lines = [
        "| file | rows × cols | leavers | features used | model | ROC-AUC | PR-AUC | Brier "
        "| always 'stays' |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        evaluation = result["evaluation"]
        for label in ("model", "reference"):
            row = evaluation["summary"][label]
            cells = " | ".join(
                f"{row[key]['mean']:.3f} ± {row[key]['std']:.3f}" for key in ("roc_auc", "pr_auc", "brier")
            )
            head = (
                f"{result['file']} (`{result['target']}`) | {result['shape'][0]} × {result['shape'][1]} | "
                f"{evaluation['leavers']} | {result['used']}"
                if label == "model"
                else " | | | "
            )
            lines.append(f"| {head} | {label} | {cells} | {evaluation['always_stays_accuracy']:.3f} |")
    lines.append("")
    for result in results:
        dropped = ", ".join(f"{name} ({why})" for name, why in result["dropped"].items()) or "none"
        verdict = "matches or beats" if am.beats(result["evaluation"]) else "does NOT beat"
        lines.append(
            f"- {result['file']}: dropped {dropped}; the model {verdict} the reference; "
            f"{result['seconds']:.0f} s for the 10 fits."
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+", help="FILE:TARGET[:DROP1,DROP2]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", help="write the Markdown table here too")
    args = parser.parse_args()
    text = table([run(spec, args.seed) for spec in args.specs])
    print(text)
    if args.out:
        pathlib.Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
