"""Learned attrition model: feature preparation, training, honest evaluation, export.

Plain Python (no ``odoo`` import). Training and evaluation need scikit-learn and
pandas (imported when used); scoring an exported model needs only numpy, so the
Odoo side can load a model without unpickling anything.

The model ("stacked") is a logistic regression over two base learners fitted on
the same prepared matrix: a cross-validated, L2-regularised logistic regression
and a small histogram gradient-boosting ensemble; the combiner is fitted on
out-of-fold margins, so it learns how far to trust the trees on each table (on
small survey-like tables it leans on the logistic model, on tables with strong
interactions on the trees) and its output is calibrated.

The reference is the same well-regularised one-hot logistic regression alone,
evaluated on the same folds.

Command line (needs no Odoo and no database), from ``addons/outsourcing_retention``::

    python -m engine.attrition_model evaluate FILE.csv --target COLUMN
    python -m engine.attrition_model train FILE.csv --target COLUMN --out model.json
"""

import argparse
import csv
import hashlib
import json
import math
import platform
import sys
import time
from datetime import datetime, timezone

import numpy as np

FORMAT = "retention-attrition-model"
FORMAT_VERSION = 1
DEFAULT_FOLDS = 5
MAX_LEVELS = 30  # categorical levels kept per column (most frequent); the rest become "other"
MIN_LEVEL_COUNT = 3
OTHER = "__other__"
MISSING = "__missing__"

POSITIVE = {"1", "1.0", "yes", "y", "true", "t"}
NEGATIVE = {"0", "0.0", "no", "n", "false", "f"}
ID_WORDS = ("id", "number", "code", "no", "name", "uuid", "key")


def preload():
    """Import the training libraries now (they are imported lazily by default).

    Odoo's tests freeze time with freezegun, which swaps ``datetime``: compiled modules
    imported for the first time under a frozen clock crash. Tests call this at import.
    """
    import sklearn.ensemble
    import sklearn.linear_model
    import sklearn.metrics
    import sklearn.model_selection
    import threadpoolctl

    return sklearn.ensemble, sklearn.linear_model, sklearn.metrics, sklearn.model_selection, threadpoolctl


class InputError(ValueError):
    """Bad input: the command line prints its message on one line and exits non-zero."""


# ---------------------------------------------------------------------------
# Reading and column detection
# ---------------------------------------------------------------------------


def read_csv(path):
    """Read a CSV file into a pandas DataFrame, refusing what is not a CSV table."""
    import pandas as pd

    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    if not head.strip():
        raise InputError(f"{path} is empty")
    if b"\x00" in head:
        raise InputError(f"{path} is not a CSV text file (binary content)")
    encoding = _encoding(head)
    if encoding is None:
        raise InputError(f"{path} is not a CSV text file (neither UTF-8 nor GB18030)")
    sample = head.decode(encoding, errors="ignore")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(path, encoding=encoding, sep=delimiter, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(f"{path} is not a readable CSV table: {message}") from None
    if frame.shape[1] < 2:
        raise InputError(f"{path} is not a CSV table with at least two columns")
    if frame.empty:
        raise InputError(f"{path} has a header but no rows")
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame


def _encoding(head):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding == "utf-8-sig" and error.start >= len(head) - 3:
                return encoding  # a character cut at the end of the sample
            continue
        return encoding
    return None


def parse_target(values, name="target"):
    """Map yes/no, true/false, 1/0 (any case) to 1/0; refuse anything else or one class only."""
    result = np.empty(len(values), dtype=np.int8)
    for index, value in enumerate(values):
        text = "" if value is None else str(value).strip().lower()
        if text in POSITIVE:
            result[index] = 1
        elif text in NEGATIVE:
            result[index] = 0
        elif text in ("", "nan", "none"):
            raise InputError(f"target column {name!r} is empty on row {index + 1}")
        else:
            raise InputError(
                f"target column {name!r} has the value {value!r} on row {index + 1}; "
                "expected yes/no, true/false or 1/0"
            )
    positives = int(result.sum())
    if positives in (0, len(result)):
        raise InputError(f"target column {name!r} has one class only ({positives} leavers of {len(result)})")
    return result


def _is_number(text):
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def _column_values(column):
    """A column as a list of stripped strings (None for missing)."""
    out = []
    for value in column:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            out.append(None)
            continue
        text = str(value).strip()
        out.append(text if text and text.lower() not in ("nan", "none", "null") else None)
    return out


def detect_columns(columns, target, drop=(), identifiers=True):
    """Decide how each column is used.

    ``columns`` maps a name to its values (any sequence). Returns ``(numeric, categorical,
    dropped)`` where ``dropped`` maps a name to the reason it was left out. ``identifiers=False``
    keeps identifier-looking columns (for known features, such as Odoo's).
    """
    numeric, categorical, dropped = [], [], {}
    names = list(columns)
    for name in drop:
        if name not in columns:
            raise InputError(f"column {name!r} given to --drop is not in the file")
    for name in names:
        if name == target:
            continue
        if name in drop:
            dropped[name] = "dropped on request"
            continue
        values = _column_values(columns[name])
        present = [value for value in values if value is not None]
        count = len(values)
        distinct = set(present)
        if len(distinct) <= 1:
            dropped[name] = "constant"
            continue
        if all(_is_number(value) for value in present):
            floats = np.array([float(value) for value in present])
            integral = bool(np.all(floats == np.round(floats)))
            lowered = name.lower().replace("_", " ").replace("-", " ")
            id_like_name = any(word in lowered.split() or lowered.endswith(word) for word in ID_WORDS)
            if identifiers and integral and len(distinct) == count and (id_like_name or _is_sequence(floats)):
                dropped[name] = "identifier"
                continue
            numeric.append(name)
            continue
        if (
            identifiers
            and len(distinct) > max(0.5 * count, MAX_LEVELS)
            and len(distinct) > 0.9 * len(present)
        ):
            dropped[name] = "identifier"
            continue
        categorical.append(name)
    if not numeric and not categorical:
        raise InputError("no usable feature column is left (all constant, identifiers or dropped)")
    return numeric, categorical, dropped


def _is_sequence(floats):
    ordered = np.sort(floats)
    return bool(np.all(np.diff(ordered) > 0)) and (ordered[-1] - ordered[0]) < 2 * len(ordered)


# ---------------------------------------------------------------------------
# Preparation (fitted on training rows only, stored as plain values)
# ---------------------------------------------------------------------------


class Preparation:
    """Median imputation, missing indicators, standardisation, one-hot encoding."""

    def __init__(self, numeric=(), categorical=()):
        self.numeric = list(numeric)  # dicts: name, median, mean, scale, indicator
        self.categorical = list(categorical)  # dicts: name, levels, mode

    @classmethod
    def fit(cls, columns, numeric_names, categorical_names):
        numeric = []
        for name in numeric_names:
            raw = _to_float(columns[name])
            missing = np.isnan(raw)
            median = float(np.nanmedian(raw)) if (~missing).any() else 0.0
            filled = np.where(missing, median, raw)
            scale = float(filled.std()) or 1.0
            numeric.append(
                {
                    "name": name,
                    "median": median,
                    "mean": float(filled.mean()),
                    "scale": scale,
                    "indicator": bool(missing.any()),
                }
            )
        categorical = []
        for name in categorical_names:
            values = [MISSING if value is None else value for value in _column_values(columns[name])]
            counts = {}
            for value in values:
                counts[value] = counts.get(value, 0) + 1
            ranked = sorted(counts, key=lambda level: (-counts[level], level))
            levels = [level for level in ranked if counts[level] >= MIN_LEVEL_COUNT][:MAX_LEVELS]
            if len(levels) < len(ranked):
                levels.append(OTHER)
            categorical.append({"name": name, "levels": levels, "mode": ranked[0]})
        return cls(numeric, categorical)

    @property
    def feature_names(self):
        names = []
        for column in self.numeric:
            names.append(column["name"])
            if column["indicator"]:
                names.append(f"{column['name']}={MISSING}")
        for column in self.categorical:
            names.extend(f"{column['name']}={level}" for level in column["levels"])
        return names

    @property
    def column_names(self):
        return [column["name"] for column in self.numeric] + [column["name"] for column in self.categorical]

    def feature_columns(self):
        """For each feature (matrix column), the index of the input column it comes from."""
        owners = []
        for index, column in enumerate(self.numeric):
            owners.append(index)
            if column["indicator"]:
                owners.append(index)
        offset = len(self.numeric)
        for index, column in enumerate(self.categorical):
            owners.extend([offset + index] * len(column["levels"]))
        return np.array(owners, dtype=np.int64)

    def transform(self, columns):
        blocks = []
        for column in self.numeric:
            if column["name"] not in columns:
                raise InputError(f"column {column['name']!r} is missing")
            raw = _to_float(columns[column["name"]])
            missing = np.isnan(raw)
            filled = np.where(missing, column["median"], raw)
            blocks.append(((filled - column["mean"]) / column["scale"])[:, None])
            if column["indicator"]:
                blocks.append(missing.astype(float)[:, None])
        for column in self.categorical:
            if column["name"] not in columns:
                raise InputError(f"column {column['name']!r} is missing")
            index = {level: position for position, level in enumerate(column["levels"])}
            other = index.get(OTHER)
            values = _column_values(columns[column["name"]])
            block = np.zeros((len(values), len(column["levels"])))
            for row, value in enumerate(values):
                position = index.get(MISSING if value is None else value, other)
                if position is not None:
                    block[row, position] = 1.0
            blocks.append(block)
        return np.hstack(blocks) if blocks else np.zeros((0, 0))

    def reference_values(self):
        """A typical value per input column (median or most frequent level), for explanations."""
        values = {column["name"]: column["median"] for column in self.numeric}
        values.update({column["name"]: column["mode"] for column in self.categorical})
        return values

    def to_dict(self):
        return {"numeric": self.numeric, "categorical": self.categorical}


def _to_float(values):
    out = np.empty(len(values), dtype=float)
    for index, value in enumerate(values):
        if value is None:
            out[index] = np.nan
            continue
        try:
            out[index] = float(value)
        except (TypeError, ValueError):
            out[index] = np.nan
    return out


def frame_columns(frame):
    """A pandas DataFrame as a dict of name -> list (the engine's input shape)."""
    return {name: frame[name].tolist() for name in frame.columns}


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


def _single_thread():
    """Fits run single-threaded: on a shared, loaded machine BLAS/OpenMP threads thrash (10x slower)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _logistic_cv(seed):
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.model_selection import StratifiedKFold

    return LogisticRegressionCV(
        Cs=np.logspace(-3, 2, 8),
        l1_ratios=(0.0,),
        cv=StratifiedKFold(5, shuffle=True, random_state=seed),
        scoring="neg_log_loss",
        max_iter=5000,
        use_legacy_attributes=False,
    )


def _boosting(seed):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        learning_rate=0.05,
        max_iter=300,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        early_stopping=True,
        validation_fraction=0.15,
        n_iter_no_change=20,
        random_state=seed,
    )


def fit_reference(matrix, target, seed=0):
    """The reference: a one-hot logistic regression, L2 strength chosen by inner CV on log-loss."""
    with _single_thread():
        return _logistic_cv(seed).fit(matrix, target)


def reference_c(reference):
    return float(np.ravel(reference.C_)[0])


def fit_stacked(matrix, target, seed=0, c=1.0):
    """The model: logistic + boosting, combined by a logistic fitted on out-of-fold margins.

    ``c`` is the logistic's inverse L2 strength, taken from the reference fitted on the same
    training rows (so its choice never sees the test fold).
    """
    from sklearn.ensemble import StackingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    stack = StackingClassifier(
        estimators=[("logistic", LogisticRegression(C=c, max_iter=5000)), ("boosting", _boosting(seed))],
        final_estimator=LogisticRegression(C=1.0),
        cv=StratifiedKFold(
            max(2, min(5, int(np.bincount(target).min()))), shuffle=True, random_state=seed + 1
        ),
        stack_method="decision_function",
    )
    with _single_thread():
        return stack.fit(matrix, target)


# ---------------------------------------------------------------------------
# Metrics and cross-validation
# ---------------------------------------------------------------------------


def metrics(target, probability):
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    return {
        "roc_auc": float(roc_auc_score(target, probability)),
        "pr_auc": float(average_precision_score(target, probability)),
        "brier": float(brier_score_loss(target, probability)),
    }


def folds(target, n_folds=DEFAULT_FOLDS, seed=0):
    """The stratified folds every contender is evaluated on, as (train, test) index pairs."""
    from sklearn.model_selection import StratifiedKFold

    counts = np.bincount(target, minlength=2)
    if counts.min() < n_folds:
        raise InputError(
            f"only {int(counts.min())} rows in the smaller class; {n_folds}-fold CV needs at least {n_folds}"
        )
    splitter = StratifiedKFold(n_folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(target)), target))


def _platt(score_train, target_train, score_test):
    """Turn a score into a probability with a 1-D logistic fitted on the training fold only."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, max_iter=1000)
    model.fit(np.asarray(score_train, dtype=float)[:, None], target_train)
    return model.predict_proba(np.asarray(score_test, dtype=float)[:, None])[:, 1]


def cross_validate(
    columns, target, numeric, categorical, n_folds=DEFAULT_FOLDS, seed=0, scores=None, progress=None
):
    """Evaluate the model and the reference (and any given scores) on the same stratified folds.

    ``scores`` maps a label to an array where HIGHER means MORE likely to leave (negate a
    retention score first); each is calibrated on the training fold (Platt) for its Brier score.
    Returns a dict: per-contender mean and standard deviation of each metric, the per-fold
    figures, and the accuracy of always predicting "stays".
    """
    scores = scores or {}
    split = folds(target, n_folds, seed)
    per_fold = {"model": [], "reference": [], **{label: [] for label in scores}}
    stays = []
    steps = len(split) * 2
    done = 0
    for train, test in split:
        sub_train = {name: [columns[name][i] for i in train] for name in numeric + categorical}
        sub_test = {name: [columns[name][i] for i in test] for name in numeric + categorical}
        preparation = Preparation.fit(sub_train, numeric, categorical)
        x_train, x_test = preparation.transform(sub_train), preparation.transform(sub_test)
        y_train, y_test = target[train], target[test]
        reference = fit_reference(x_train, y_train, seed)
        per_fold["reference"].append(metrics(y_test, reference.predict_proba(x_test)[:, 1]))
        done += 1
        if progress:
            progress(done, steps)
        model = fit_stacked(x_train, y_train, seed, reference_c(reference))
        per_fold["model"].append(metrics(y_test, model.predict_proba(x_test)[:, 1]))
        done += 1
        if progress:
            progress(done, steps)
        for label, values in scores.items():
            values = np.asarray(values, dtype=float)
            per_fold[label].append(metrics(y_test, _platt(values[train], y_train, values[test])))
        stays.append(float(1.0 - y_test.mean()))
    summary = {}
    for label, rows in per_fold.items():
        summary[label] = {
            key: {
                "mean": float(np.mean([row[key] for row in rows])),
                "std": float(np.std([row[key] for row in rows])),
            }
            for key in ("roc_auc", "pr_auc", "brier")
        }
    return {
        "folds": n_folds,
        "seed": seed,
        "rows": len(target),
        "leavers": int(target.sum()),
        "always_stays_accuracy": float(np.mean(stays)),
        "summary": summary,
        "per_fold": per_fold,
    }


def beats(evaluation, challenger="model", incumbent="reference"):
    """True when the challenger is at least as good on ROC-AUC and PR-AUC and no worse on Brier."""
    mine, theirs = evaluation["summary"][challenger], evaluation["summary"][incumbent]
    return (
        mine["roc_auc"]["mean"] >= theirs["roc_auc"]["mean"]
        and mine["pr_auc"]["mean"] >= theirs["pr_auc"]["mean"]
        and mine["brier"]["mean"] <= theirs["brier"]["mean"]
    )


# ---------------------------------------------------------------------------
# Export: plain JSON arrays, rebuilt without pickle
# ---------------------------------------------------------------------------


def _library_versions():
    import sklearn  # training needs it (and calls this); scoring does not

    return {"python": platform.python_version(), "numpy": np.__version__, "scikit-learn": sklearn.__version__}


def _trees(boosting):
    trees = []
    for iteration in boosting._predictors:
        nodes = iteration[0].nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].astype(int).tolist(),
                "threshold": nodes["num_threshold"].astype(float).tolist(),
                "left": nodes["left"].astype(int).tolist(),
                "right": nodes["right"].astype(int).tolist(),
                "leaf": nodes["is_leaf"].astype(bool).tolist(),
                "value": nodes["value"].astype(float).tolist(),
            }
        )
    return trees


def train(
    columns,
    target_values,
    target_name,
    drop=(),
    seed=0,
    n_folds=DEFAULT_FOLDS,
    evaluate=True,
    progress=None,
    scores=None,
    identifiers=True,
):
    """Fit the model on every row and return its exportable dict (with its CV evaluation)."""
    target = parse_target(target_values, target_name)
    numeric, categorical, dropped = detect_columns(columns, target_name, drop, identifiers)
    evaluation = None
    if evaluate:
        evaluation = cross_validate(
            columns,
            target,
            numeric,
            categorical,
            n_folds=n_folds,
            seed=seed,
            scores=scores,
            progress=progress,
        )
    preparation = Preparation.fit(columns, numeric, categorical)
    matrix = preparation.transform(columns)
    stack = fit_stacked(matrix, target, seed, reference_c(fit_reference(matrix, target, seed)))
    logistic, boosting = stack.estimators_
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "target": target_name,
        "libraries": _library_versions(),
        "rows": len(target),
        "leavers": int(target.sum()),
        "dropped": dropped,
        "preparation": preparation.to_dict(),
        "features": preparation.feature_names,
        "logistic": {"coef": logistic.coef_[0].tolist(), "intercept": float(logistic.intercept_[0])},
        "boosting": {
            "baseline": float(np.ravel(boosting._baseline_prediction)[0]),
            "trees": _trees(boosting),
        },
        "stack": {
            "coef": stack.final_estimator_.coef_[0].tolist(),
            "intercept": float(stack.final_estimator_.intercept_[0]),
        },
        "evaluation": evaluation,
    }
    data["checksum"] = checksum(data)
    return data


def checksum(data):
    body = {key: value for key, value in data.items() if key != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


class ExportedModel:
    """A model rebuilt from its JSON dict after a strict schema check; scoring needs numpy only."""

    def __init__(self, data):
        validate(data)
        self.data = data
        prep = data["preparation"]
        self.preparation = Preparation(prep["numeric"], prep["categorical"])
        self.coef = np.array(data["logistic"]["coef"], dtype=float)
        self.intercept = float(data["logistic"]["intercept"])
        self.baseline = float(data["boosting"]["baseline"])
        self.trees = [
            {key: np.array(tree[key], dtype=dtype) for key, dtype in _TREE_KEYS.items()}
            for tree in data["boosting"]["trees"]
        ]
        self.stack_coef = np.array(data["stack"]["coef"], dtype=float)
        self.stack_intercept = float(data["stack"]["intercept"])

    @classmethod
    def loads(cls, text):
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            raise InputError("the model file is not JSON") from None
        return cls(data)

    @property
    def columns(self):
        return self.preparation.column_names

    def margins(self, matrix):
        linear = matrix @ self.coef + self.intercept
        boosted = np.full(matrix.shape[0], self.baseline)
        rows = np.arange(matrix.shape[0])
        for tree in self.trees:
            node = np.zeros(matrix.shape[0], dtype=np.int64)
            for _depth in range(len(tree["leaf"])):
                inner = ~tree["leaf"][node]
                if not inner.any():
                    break
                go_left = matrix[rows, tree["feature"][node]] <= tree["threshold"][node]
                node = np.where(inner, np.where(go_left, tree["left"][node], tree["right"][node]), node)
            boosted += tree["value"][node]
        return linear, boosted

    def predict_matrix(self, matrix):
        linear, boosted = self.margins(matrix)
        combined = self.stack_coef[0] * linear + self.stack_coef[1] * boosted + self.stack_intercept
        return 1.0 / (1.0 + np.exp(-combined))

    def predict(self, columns):
        return self.predict_matrix(self.preparation.transform(columns))

    def explain(self, columns, top=3):
        """Per row, the input columns that pushed the probability most, with how much.

        Each column in turn is set to its typical value (median or most frequent level);
        the change in probability is that column's push. Returns, per row, a list of
        ``(column, push)`` sorted by push, largest first, positive pushes only.
        """
        references = self.preparation.reference_values()
        rows = len(next(iter(columns.values()), ()))
        # One prediction over the rows and every one-column variant of them, stacked: the
        # trees are walked once per batch instead of once per column.
        variants = [columns]
        for name in self.columns:
            changed = dict(columns)
            changed[name] = [references[name]] * rows
            variants.append(changed)
        stacked = self.predict_matrix(np.vstack([self.preparation.transform(v) for v in variants]))
        base = stacked[:rows]
        pushes = (base[None, :] - stacked[rows:].reshape(len(self.columns), rows)).T
        result = []
        for row in pushes:
            order = np.argsort(-row, kind="stable")
            result.append([(self.columns[i], float(row[i])) for i in order[:top] if row[i] > 1e-4])
        return base, result


_TREE_KEYS = {
    "feature": np.int64,
    "threshold": float,
    "left": np.int64,
    "right": np.int64,
    "leaf": bool,
    "value": float,
}
_TOP_KEYS = {
    "format",
    "format_version",
    "created",
    "target",
    "libraries",
    "rows",
    "leavers",
    "dropped",
    "preparation",
    "features",
    "logistic",
    "boosting",
    "stack",
    "evaluation",
    "checksum",
}


def _fail(message):
    raise InputError(f"not a model exported by this project: {message}")


def _finite_list(value, length, where):
    if not isinstance(value, list) or (length is not None and len(value) != length):
        _fail(f"{where} must be a list of {length} numbers")
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item):
            _fail(f"{where} holds a value that is not a finite number")


def _finite(value, where):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        _fail(f"{where} must be a finite number")


def validate(data):
    """Strict schema check of an exported model; raises InputError on the first problem."""
    if not isinstance(data, dict):
        _fail("the top level is not an object")
    if data.get("format") != FORMAT:
        _fail("wrong format name")
    if data.get("format_version") != FORMAT_VERSION:
        _fail(f"format version {data.get('format_version')!r} is not {FORMAT_VERSION}")
    if set(data) != _TOP_KEYS:
        _fail("unexpected or missing keys: " + ", ".join(sorted(set(data) ^ _TOP_KEYS)))
    if data["checksum"] != checksum(data):
        _fail("the checksum does not match (the file was changed after export)")
    prep = data["preparation"]
    if not isinstance(prep, dict) or set(prep) != {"numeric", "categorical"}:
        _fail("preparation must hold numeric and categorical")
    names = []
    for column in prep["numeric"] if isinstance(prep["numeric"], list) else _fail("numeric is not a list"):
        if not isinstance(column, dict) or set(column) != {"name", "median", "mean", "scale", "indicator"}:
            _fail("a numeric column has the wrong keys")
        if not isinstance(column["name"], str) or not isinstance(column["indicator"], bool):
            _fail("a numeric column has a wrong name or indicator")
        for key in ("median", "mean", "scale"):
            _finite(column[key], f"{column['name']}.{key}")
        if column["scale"] <= 0:
            _fail(f"{column['name']}.scale must be positive")
        names.append(column["name"])
    categorical = prep["categorical"]
    if not isinstance(categorical, list):
        _fail("categorical is not a list")
    for column in categorical:
        if not isinstance(column, dict) or set(column) != {"name", "levels", "mode"}:
            _fail("a categorical column has the wrong keys")
        levels = column["levels"]
        if (
            not isinstance(column["name"], str)
            or not isinstance(levels, list)
            or not levels
            or not all(isinstance(level, str) for level in levels)
            or len(set(levels)) != len(levels)
            or not isinstance(column["mode"], str)
        ):
            _fail(f"categorical column {column.get('name')!r} is malformed")
        names.append(column["name"])
    if len(set(names)) != len(names) or not names:
        _fail("column names must be unique and not empty")
    features = Preparation(prep["numeric"], categorical).feature_names
    if data["features"] != features:
        _fail("the feature list does not match the preparation")
    width = len(features)
    logistic = data["logistic"]
    if not isinstance(logistic, dict) or set(logistic) != {"coef", "intercept"}:
        _fail("logistic must hold coef and intercept")
    _finite_list(logistic["coef"], width, "logistic.coef")
    _finite(logistic["intercept"], "logistic.intercept")
    stack = data["stack"]
    if not isinstance(stack, dict) or set(stack) != {"coef", "intercept"}:
        _fail("stack must hold coef and intercept")
    _finite_list(stack["coef"], 2, "stack.coef")
    _finite(stack["intercept"], "stack.intercept")
    boosting = data["boosting"]
    if not isinstance(boosting, dict) or set(boosting) != {"baseline", "trees"}:
        _fail("boosting must hold baseline and trees")
    _finite(boosting["baseline"], "boosting.baseline")
    if not isinstance(boosting["trees"], list) or len(boosting["trees"]) > 10000:
        _fail("boosting.trees must be a list of at most 10000 trees")
    for number, tree in enumerate(boosting["trees"]):
        _validate_tree(tree, width, number)
    for key in ("rows", "leavers"):
        if isinstance(data[key], bool) or not isinstance(data[key], int) or data[key] < 0:
            _fail(f"{key} must be a non-negative integer")
    for key in ("target", "created"):
        if not isinstance(data[key], str):
            _fail(f"{key} must be text")
    if not isinstance(data["libraries"], dict) or not all(
        isinstance(value, str) for value in data["libraries"].values()
    ):
        _fail("libraries must map names to version strings")
    if not isinstance(data["dropped"], dict):
        _fail("dropped must be an object")
    if data["evaluation"] is not None and not isinstance(data["evaluation"], dict):
        _fail("evaluation must be an object or null")


def _validate_tree(tree, width, number):
    where = f"tree {number}"
    if not isinstance(tree, dict) or set(tree) != set(_TREE_KEYS):
        _fail(f"{where} has the wrong keys")
    size = len(tree["leaf"]) if isinstance(tree["leaf"], list) else 0
    if not 1 <= size <= 100000:
        _fail(f"{where} has no nodes")
    for key in ("feature", "left", "right"):
        values = tree[key]
        if not isinstance(values, list) or len(values) != size:
            _fail(f"{where}.{key} has the wrong length")
        if not all(isinstance(item, int) and not isinstance(item, bool) for item in values):
            _fail(f"{where}.{key} must hold integers")
    if not all(isinstance(item, bool) for item in tree["leaf"]):
        _fail(f"{where}.leaf must hold true/false")
    _finite_list(tree["threshold"], size, f"{where}.threshold")
    _finite_list(tree["value"], size, f"{where}.value")
    for node in range(size):
        if tree["leaf"][node]:
            continue
        if not 0 <= tree["feature"][node] < width:
            _fail(f"{where} splits on a feature that does not exist")
        # children come after their parent: the walk always ends
        if not (node < tree["left"][node] < size and node < tree["right"][node] < size):
            _fail(f"{where} has a child index out of order")


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


class _Progress:
    """A one-line progress bar on stderr (no extra dependency)."""

    def __init__(self, label, enabled=True, stream=None):
        self.label, self.enabled, self.stream = label, enabled, stream or sys.stderr
        self.start = time.monotonic()

    def __call__(self, done, total):
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / total)
        elapsed = time.monotonic() - self.start
        line = f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} fits, {elapsed:.0f}s"
        end = "\n" if done == total or not self.stream.isatty() else ""
        self.stream.write(("\r" if self.stream.isatty() else "") + line + end)
        self.stream.flush()


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"error: {message}\n")


def _format_evaluation(evaluation, dropped, numeric, categorical):
    lines = [
        f"rows: {evaluation['rows']}, leavers: {evaluation['leavers']}, "
        f"features: {len(numeric)} numeric + {len(categorical)} categorical",
    ]
    if dropped:
        lines.append("dropped: " + ", ".join(f"{name} ({why})" for name, why in dropped.items()))
    lines.append(
        f"{evaluation['folds']}-fold stratified CV (seed {evaluation['seed']}), mean ± std over folds:"
    )
    lines.append(f"{'':<12}{'ROC-AUC':>16}{'PR-AUC':>16}{'Brier':>16}")
    for label, row in evaluation["summary"].items():
        cells = "".join(
            f"{row[key]['mean']:>9.3f} ± {row[key]['std']:.3f}" for key in ("roc_auc", "pr_auc", "brier")
        )
        lines.append(f"{label:<12}{cells}")
    lines.append(f"always 'stays' accuracy: {evaluation['always_stays_accuracy']:.3f}")
    verdict = "matches or beats" if beats(evaluation) else "does NOT beat"
    lines.append(f"model {verdict} the logistic reference on every metric")
    return "\n".join(lines)


def main(argv=None):
    parser = _Parser(
        prog="python -m engine.attrition_model",
        description="Evaluate or train the attrition model on a CSV of past employees (no Odoo needed).",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in ("evaluate", "train"):
        command = commands.add_parser(name)
        command.add_argument("file", help="CSV file, one row per employee")
        command.add_argument("--target", required=True, help="column saying whether the person left")
        command.add_argument("--drop", default="", help="comma-separated columns to leave out (e.g. leaks)")
        command.add_argument("--folds", type=int, default=DEFAULT_FOLDS, help="CV folds (default 5)")
        command.add_argument("--seed", type=int, default=0)
        command.add_argument("--quiet", action="store_true", help="no progress bar")
        command.add_argument("--json", action="store_true", help="print the evaluation as JSON")
        if name == "train":
            command.add_argument("--out", required=True, help="where to write the exported model (JSON)")
            command.add_argument("--no-evaluate", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    try:
        frame = read_csv(args.file)
        if args.target not in frame.columns:
            raise InputError(f"target column {args.target!r} is not in {args.file}")
        drop = [name.strip() for name in args.drop.split(",") if name.strip()]
        columns = frame_columns(frame)
        target = parse_target(columns[args.target], args.target)
        numeric, categorical, dropped = detect_columns(columns, args.target, drop)
        progress = _Progress(args.command, enabled=not args.quiet)
        if args.command == "evaluate":
            evaluation = cross_validate(
                columns, target, numeric, categorical, n_folds=args.folds, seed=args.seed, progress=progress
            )
        else:
            data = train(
                columns,
                columns[args.target],
                args.target,
                drop=drop,
                seed=args.seed,
                n_folds=args.folds,
                evaluate=not args.no_evaluate,
                progress=progress,
            )
            with open(args.out, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            evaluation = data["evaluation"]
    except InputError as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    except OSError as error:
        sys.stderr.write(f"error: {error.filename}: {error.strerror}\n")
        return 2
    if args.json:
        sys.stdout.write(json.dumps({"evaluation": evaluation, "dropped": dropped}, indent=2) + "\n")
    elif evaluation:
        sys.stdout.write(_format_evaluation(evaluation, dropped, numeric, categorical) + "\n")
    if args.command == "train":
        sys.stdout.write(f"model written to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
