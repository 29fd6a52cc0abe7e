"""The learned attrition model: column detection, targets, export/import, and the command line."""

import copy
import csv
import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT
from outsourcing_retention.engine import attrition_model as am

ADDON = ROOT / "addons" / "outsourcing_retention"


def people(rows=160, seed=3):
    """A small table of past employees where low satisfaction and overtime drive leaving."""
    rng = np.random.default_rng(seed)
    satisfaction = rng.uniform(0, 1, rows)
    overtime = rng.choice(["Yes", "No"], rows)
    site = rng.choice(["上海", "苏州", "杭州"], rows)
    tenure = rng.integers(0, 10, rows)
    logit = 1.5 - 4 * satisfaction + 1.2 * (overtime == "Yes") - 0.1 * tenure
    left = rng.uniform(0, 1, rows) < 1 / (1 + np.exp(-logit))
    return {
        "EmployeeNumber": [str(i + 1000) for i in range(rows)],
        "Satisfaction": [f"{value:.3f}" for value in satisfaction],
        "OverTime": list(overtime),
        "Site": list(site),
        "Tenure": [str(value) for value in tenure],
        "Country": ["CN"] * rows,
        "Left": ["Yes" if value else "No" for value in left],
    }


def write_csv(path, columns):
    names = list(columns)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(zip(*(columns[name] for name in names), strict=True))
    return path


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Yes", "no", "YES", "No"], [1, 0, 1, 0]),
        (["true", "False", "t", "f"], [1, 0, 1, 0]),
        (["1", "0", 1, 0.0], [1, 0, 1, 0]),
        (["y", "n"], [1, 0]),
    ],
)
def test_target_values(values, expected):
    assert am.parse_target(values).tolist() == expected


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["Yes", "Yes"], "one class only"),
        (["0", "0", "0"], "one class only"),
        (["Yes", "maybe"], "'maybe'"),
        (["Yes", "", "No"], "empty on row 2"),
    ],
)
def test_bad_target_values(values, message):
    with pytest.raises(am.InputError, match=message):
        am.parse_target(values)


def test_detect_columns():
    columns = people(40)
    columns["Code"] = [f"E{i}" for i in range(40)]  # distinct text: an identifier
    columns["Empty"] = [""] * 40
    numeric, categorical, dropped = am.detect_columns(columns, "Left", drop=["Site"])
    assert numeric == ["Satisfaction", "Tenure"]
    assert categorical == ["OverTime"]
    assert dropped == {
        "EmployeeNumber": "identifier",
        "Site": "dropped on request",
        "Country": "constant",
        "Code": "identifier",
        "Empty": "constant",
    }


def test_detect_columns_unknown_drop():
    with pytest.raises(am.InputError, match="'Salary' given to --drop"):
        am.detect_columns(people(20), "Left", drop=["Salary"])


def test_preparation_handles_missing_and_unseen_values():
    columns = {"age": ["30", None, "40"] * 3 + ["50"], "site": ["A", "B", None] * 3 + ["C"]}
    preparation = am.Preparation.fit(columns, ["age"], ["site"])
    # levels seen fewer than 3 times share "other"
    assert preparation.feature_names == [
        "age",
        "age=__missing__",
        "site=A",
        "site=B",
        "site=__missing__",
        "site=__other__",
    ]
    matrix = preparation.transform({"age": [None], "site": ["Z"]})  # unseen level: "other"
    assert matrix[0, 1:].tolist() == [1.0, 0.0, 0.0, 0.0, 1.0]


@pytest.fixture(scope="module")
def exported():
    columns = people(200)
    return am.train(columns, columns["Left"], "Left", evaluate=False), columns


def test_exported_model_scores_like_scikit_learn(exported):
    data, columns = exported
    model = am.ExportedModel(json.loads(json.dumps(data)))
    target = am.parse_target(columns["Left"])
    numeric, categorical, _dropped = am.detect_columns(columns, "Left")
    preparation = am.Preparation.fit(columns, numeric, categorical)
    matrix = preparation.transform(columns)
    stack = am.fit_stacked(matrix, target, 0, am.reference_c(am.fit_reference(matrix, target, 0)))
    np.testing.assert_allclose(model.predict(columns), stack.predict_proba(matrix)[:, 1], atol=1e-9)
    assert data["libraries"]["scikit-learn"]
    assert data["dropped"] == {"EmployeeNumber": "identifier", "Country": "constant"}


def test_explanation_names_the_driving_columns(exported):
    data, _columns = exported
    model = am.ExportedModel(data)
    person = {"Satisfaction": ["0.02"], "OverTime": ["Yes"], "Site": ["上海"], "Tenure": ["4"]}
    probability, reasons = model.explain(person, top=2)
    assert probability[0] > 0.5
    assert reasons[0][0][0] == "Satisfaction"
    assert all(push > 0 for _name, push in reasons[0])


def _tampered(data, change):
    copy_ = copy.deepcopy(data)
    change(copy_)
    copy_["checksum"] = am.checksum(copy_)
    return copy_


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="pickle"), "wrong format name"),
        (lambda d: d.update(format_version=2), "format version"),
        (lambda d: d.update(extra=1), "unexpected or missing keys: extra"),
        (lambda d: d["logistic"]["coef"].append(1.0), "logistic.coef"),
        (lambda d: d["logistic"].update(intercept=float("nan")), "finite"),
        (lambda d: d["logistic"].update(intercept="__import__('os')"), "finite"),
        (lambda d: d["boosting"]["trees"][0]["left"].__setitem__(0, 0), "child index out of order"),
        (lambda d: d["boosting"]["trees"][0]["feature"].__setitem__(0, 999), "feature that does not exist"),
        (lambda d: d["features"].reverse(), "feature list does not match"),
        (lambda d: d["preparation"]["numeric"][0].update(scale=0), "scale must be positive"),
    ],
)
def test_schema_refuses_malformed_models(exported, change, message):
    data, _columns = exported
    with pytest.raises(am.InputError, match=message):
        am.ExportedModel(_tampered(data, change))


def test_checksum_detects_an_edit(exported):
    data, _columns = exported
    edited = copy.deepcopy(data)
    edited["stack"]["intercept"] += 1
    with pytest.raises(am.InputError, match="checksum does not match"):
        am.ExportedModel(edited)
    with pytest.raises(am.InputError, match="not JSON"):
        am.ExportedModel.loads(b"\x80\x04\x95pickle")


def test_cross_validation_reports_every_contender_on_the_same_folds():
    columns = people(150)
    target = am.parse_target(columns["Left"])
    numeric, categorical, _dropped = am.detect_columns(columns, "Left")
    # a retention score: higher = safer, so its risk is the negative
    scorecard = -np.array([float(value) for value in columns["Satisfaction"]])
    result = am.cross_validate(columns, target, numeric, categorical, scores={"scorecard": scorecard})
    assert set(result["summary"]) == {"model", "reference", "scorecard"}
    assert result["rows"] == 150 and result["folds"] == 5
    assert len(result["per_fold"]["scorecard"]) == 5
    assert 0.5 < result["summary"]["scorecard"]["roc_auc"]["mean"] <= 1
    assert result["always_stays_accuracy"] == pytest.approx(1 - target.mean(), abs=0.01)


# --- the command line, as a user runs it: from the addon directory, no Odoo ---


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "engine.attrition_model", *map(str, args)],
        cwd=ADDON,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_cli_evaluate_and_train(tmp_path):
    path = write_csv(tmp_path / "past.csv", people(150))
    result = run_cli("evaluate", path, "--target", "Left")
    assert result.returncode == 0, result.stderr
    assert "reference" in result.stdout and "model" in result.stdout
    assert "always 'stays' accuracy" in result.stdout
    assert "EmployeeNumber (identifier)" in result.stdout
    assert "10/10 fits" in result.stderr  # the progress bar
    assert "odoo" not in result.stderr.lower()

    out = tmp_path / "model.json"
    result = run_cli("train", path, "--target", "Left", "--out", out, "--no-evaluate", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    model = am.ExportedModel.loads(out.read_text(encoding="utf-8"))
    assert model.columns == ["Satisfaction", "Tenure", "OverTime", "Site"]


def test_cli_with_a_path_instead_of_the_addon_directory(tmp_path):
    path = write_csv(tmp_path / "past.csv", {"x": ["1", "2"], "left": ["1", "1"]})
    result = subprocess.run(
        [sys.executable, "-m", "engine.attrition_model", "evaluate", str(path), "--target", "left"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ADDON), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "error: target column 'left' has one class only (2 leavers of 2)\n"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, ("--target", "Left"), "error: target column 'Quit' is not in"),
        ("", ("--target", "Left"), "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("--target", "Left"), "not a CSV text file"),
        (
            "just one line of prose without commas\nand another\n",
            ("--target", "Left"),
            "at least two columns",
        ),
        ("a,Left\n", ("--target", "Left"), "header but no rows"),
        ("a,Left\n1,Yes\n2,Yes\n3,Yes\n", ("--target", "Left"), "one class only"),
        ("a,Left\n1,Yes\n1,No\n2,Yes\n", ("--target", "Left"), "5-fold CV needs at least 5"),
        (None, ("--target", "Left", "--drop", "Salary"), "'Salary' given to --drop"),
    ],
)
def test_cli_bad_input_is_one_clear_line(tmp_path, content, args, message):
    path = tmp_path / "input.csv"
    if content is None:
        write_csv(path, people(30))
        if "--drop" not in args:
            args = ("--target", "Quit")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run_cli("evaluate", path, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def test_cli_missing_file_and_missing_arguments(tmp_path):
    result = run_cli("evaluate", tmp_path / "nope.csv", "--target", "Left")
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert "cannot read" in result.stderr
    result = run_cli("train", tmp_path / "nope.csv", "--target", "Left")
    assert result.returncode == 2
    assert result.stderr == "error: the following arguments are required: --out\n"


def test_known_features_keep_identifier_looking_columns():
    columns = {"tenure_days": [str(i) for i in range(40)], "site": ["A", "B"] * 20, "left": ["1", "0"] * 20}
    assert am.detect_columns(columns, "left")[2] == {"tenure_days": "identifier"}
    assert am.detect_columns(columns, "left", identifiers=False)[0] == ["tenure_days"]
