"""Tests of skgan.metrics against cases with known answers."""

import math

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from skgan.metrics import (
    column_fidelity,
    detection_auc,
    distance_to_closest_record,
    fidelity_score,
    ml_efficacy,
    mode_coverage,
    pair_trends,
    parzen_log_likelihood,
    quality_report,
)


@pytest.fixture(autouse=True)
def single_openmp_thread():
    # HistGradientBoosting's OpenMP threads slow down badly on busy shared
    # CPUs, and these tables are too small to gain from threads.
    with threadpool_limits(limits=1, user_api="openmp"):
        yield


def make_mixed(n, seed, shift=0.0, missing=0.1):
    """Mixed-type table: two correlated floats, an int, a category, a bool."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=n) + shift
    b = 0.8 * a + 0.6 * rng.normal(size=n)
    df = pd.DataFrame(
        {
            "a": a,
            "b": b,
            "n": rng.integers(0, 5, size=n),
            "cat": pd.Categorical(
                rng.choice(["x", "y", "z"], size=n, p=[0.5, 0.3, 0.2])
            ),
            "flag": rng.random(size=n) < 0.3,
        }
    )
    # Missing values in a float column and in an object column.
    df.loc[rng.random(n) < missing, "b"] = np.nan
    df["cat"] = df["cat"].astype(object)
    df.loc[rng.random(n) < missing, "cat"] = None
    return df


# --------------------------------------------------------------------------
# detection_auc
# --------------------------------------------------------------------------


def test_detection_auc_same_distribution_near_half():
    real, synth = make_mixed(2000, 0), make_mixed(2000, 1)
    auc = detection_auc(real, synth)
    assert abs(auc - 0.5) < 0.1


def test_detection_auc_disjoint_near_one():
    rng = np.random.default_rng(0)
    real = rng.normal(size=(500, 3))
    assert detection_auc(real, real + 10.0) > 0.99


def test_detection_auc_sees_categorical_and_missing_differences():
    real = make_mixed(600, 0)
    synth = make_mixed(600, 1)
    synth["cat"] = "x"  # a collapsed category
    # Best possible: 0.55 (real rows not "x") + 0.45 / 2 (ties) = 0.775.
    assert detection_auc(real, synth) > 0.7
    # Only the missingness differs.
    real2, synth2 = make_mixed(600, 0, missing=0.0), make_mixed(600, 1, missing=0.5)
    assert detection_auc(real2, synth2) > 0.7


def test_detection_auc_high_cardinality_category():
    rng = np.random.default_rng(0)
    # More categories than HistGradientBoosting supports natively.
    real = pd.DataFrame({"id": rng.integers(0, 600, size=800).astype(str)})
    synth = pd.DataFrame({"id": rng.integers(300, 900, size=800).astype(str)})
    assert detection_auc(real, synth) > 0.7


def test_detection_auc_deterministic_and_subsamples():
    real, synth = make_mixed(600, 0), make_mixed(900, 1)
    assert detection_auc(real, synth, max_rows=300) == detection_auc(
        real, synth, max_rows=300
    )


# --------------------------------------------------------------------------
# column_fidelity / pair_trends / fidelity_score
# --------------------------------------------------------------------------


def test_fidelity_identical_tables_is_one():
    real = make_mixed(500, 0)
    cols = column_fidelity(real, real.copy())
    assert cols["column"].tolist() == ["a", "b", "n", "cat", "flag"]
    assert cols["kind"].tolist() == [
        "continuous",
        "continuous",
        "continuous",
        "categorical",
        "categorical",
    ]
    np.testing.assert_allclose(cols["score"], 1.0)
    pairs = pair_trends(real, real.copy())
    assert len(pairs) == 10
    np.testing.assert_allclose(pairs["score"], 1.0)
    assert fidelity_score(real, real.copy()) == pytest.approx(1.0)


def test_fidelity_same_distribution_high():
    score = fidelity_score(make_mixed(3000, 0), make_mixed(3000, 1))
    assert 0.9 < score <= 1.0


def test_fidelity_disjoint_low():
    rng = np.random.default_rng(0)
    real = pd.DataFrame(
        {"a": rng.normal(size=400), "c": rng.choice(["p", "q"], size=400)}
    )
    synth = pd.DataFrame(
        {"a": rng.normal(size=400) + 100, "c": rng.choice(["r", "s"], size=400)}
    )
    cols = column_fidelity(real, synth)
    np.testing.assert_allclose(cols["score"], 0.0)
    pairs = pair_trends(real, synth)
    assert pairs["kind"].tolist() == ["mixed"]
    assert pairs["score"].iloc[0] < 0.15
    assert fidelity_score(real, synth) < 0.1


def test_column_fidelity_known_values():
    real = pd.DataFrame(
        {"x": [1.0, 2.0, 3.0, 4.0], "c": ["a", "a", "b", None], "m": [1.0, 2, 3, 4]}
    )
    synth = pd.DataFrame(
        {
            "x": [1.0, 2.0, 3.0, 5.0],  # KS = 1/4
            # a: 1/2 vs 1/4, b: 1/4 vs 3/4, missing: 1/4 vs 0 -> TVD = 1/2
            "c": ["a", "b", "b", "b"],
            "m": [1.0, 2.0, np.nan, np.nan],  # KS on observed 1/2, presence 1/2
        }
    )
    scores = column_fidelity(real, synth).set_index("column")["score"]
    assert scores["x"] == pytest.approx(0.75)
    assert scores["c"] == pytest.approx(0.5)
    assert scores["m"] == pytest.approx(0.5 * 0.5)


def test_missing_rate_counts_in_fidelity():
    rng = np.random.default_rng(0)
    x = rng.normal(size=2000)
    real = pd.DataFrame({"x": x})
    synth = pd.DataFrame({"x": np.where(np.arange(2000) % 2 == 0, x, np.nan)})
    # Same observed law, half of it missing.
    score = column_fidelity(real, synth)["score"].iloc[0]
    assert score == pytest.approx(0.5, abs=0.03)
    # Categorical: missing is a category of its own.
    real_c = pd.DataFrame({"c": ["a", "b", None, None]})
    synth_c = pd.DataFrame({"c": ["a", "b", "a", "b"]})
    assert column_fidelity(real_c, synth_c)["score"].iloc[0] == pytest.approx(0.5)


def test_categorical_features_override():
    real = pd.DataFrame({"n": [0, 1, 2, 3], "m": [0.0, 1, 2, 3]})
    kinds = column_fidelity(real, real, categorical_features=["n"])["kind"]
    assert kinds.tolist() == ["categorical", "continuous"]
    kinds = column_fidelity(real, real, categorical_features=[1])["kind"]
    assert kinds.tolist() == ["continuous", "categorical"]
    kinds = column_fidelity(real, real, categorical_features=[True, True])["kind"]
    assert kinds.tolist() == ["categorical", "categorical"]
    with pytest.raises(ValueError, match="unknown column 'zz'"):
        column_fidelity(real, real, categorical_features=["zz"])


def test_pair_trends_known_values():
    x = np.arange(20.0)
    pairs = pair_trends(np.c_[x, x], np.c_[x, -x])
    assert pairs.loc[0, "kind"] == "continuous"
    assert pairs.loc[0, "score"] == pytest.approx(0.0)
    # A constant column has correlation 0 by convention.
    pairs = pair_trends(np.c_[x, x], np.c_[x, np.ones(20)])
    assert pairs.loc[0, "score"] == pytest.approx(0.5)
    # Categorical pair: joint tables {(a,a): 1/2, (b,b): 1/2} vs
    # {(a,b): 1/2, (b,a): 1/2} are disjoint.
    real = pd.DataFrame({"u": list("abab"), "v": list("abab")})
    synth = pd.DataFrame({"u": list("abab"), "v": list("baba")})
    pairs = pair_trends(real, synth)
    assert pairs.loc[0, "kind"] == "categorical"
    assert pairs.loc[0, "score"] == pytest.approx(0.0)


def test_pair_trends_max_pairs():
    X = np.random.default_rng(0).normal(size=(50, 6))
    pairs = pair_trends(X, X, max_pairs=4, random_state=1)
    assert len(pairs) == 4
    pd.testing.assert_frame_equal(pairs, pair_trends(X, X, 4, random_state=1))
    assert len(pair_trends(X, X)) == 15
    assert len(pair_trends(X[:, :1], X[:, :1])) == 0
    # One column: the fidelity score is the column score.
    assert fidelity_score(X[:, :1], X[:, :1] + 100) == pytest.approx(0.0)


def test_arrays_get_positional_names():
    X = np.random.default_rng(0).normal(size=(30, 2))
    assert column_fidelity(X, X)["column"].tolist() == ["x0", "x1"]
    df = pd.DataFrame(X, columns=["p", "q"])
    assert column_fidelity(df, X)["column"].tolist() == ["p", "q"]
    # Column order of the synthetic DataFrame does not matter.
    np.testing.assert_allclose(column_fidelity(df, df[["q", "p"]])["score"], 1.0)


def test_nullable_dtypes_and_all_missing_columns():
    real, synth = make_mixed(300, 0), make_mixed(300, 1)
    for df in (real, synth):
        df["n"] = df["n"].astype("Int64")
        df["flag"] = df["flag"].astype("boolean")
        df["cat"] = df["cat"].astype("string")
        df.loc[::7, ["n", "flag", "cat"]] = pd.NA
    kinds = column_fidelity(real, synth)["kind"].tolist()
    assert kinds == ["continuous"] * 3 + ["categorical"] * 2
    # A generator that never fills column "a"; HistGradientBoosting cannot
    # bin an all-missing numeric column, so this is handled explicitly.
    synth["a"] = np.nan
    assert column_fidelity(real, synth)["score"].iloc[0] == 0.0
    assert detection_auc(real, synth) > 0.95
    res = ml_efficacy(real, synth, make_mixed(300, 2), "flag")
    assert set(res) == {"real", "synthetic", "metric", "task"}
    dcr = distance_to_closest_record(real, synth, make_mixed(300, 2))
    assert np.isfinite(dcr["dcr_ratio"])


# --------------------------------------------------------------------------
# Mismatched columns
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "func",
    [
        lambda r, s: detection_auc(r, s),
        lambda r, s: column_fidelity(r, s),
        lambda r, s: pair_trends(r, s),
        lambda r, s: fidelity_score(r, s),
        lambda r, s: distance_to_closest_record(r, s, r),
        lambda r, s: ml_efficacy(r, s, r, target="a"),
        lambda r, s: quality_report(r, s),
    ],
)
def test_mismatched_columns_are_named(func):
    real = pd.DataFrame({"a": [0, 1, 0, 1], "b": [1.0, 2, 3, 4], "c": list("xyxy")})
    synth = real.drop(columns="c").assign(d=1.0)
    with pytest.raises(ValueError, match=r"missing from \w+: \['c'\].*\['d'\]"):
        func(real, synth)


def test_other_input_errors():
    X = np.zeros((5, 2))
    with pytest.raises(ValueError, match="2-D"):
        column_fidelity(np.zeros(5), np.zeros(5))
    with pytest.raises(ValueError, match="duplicated"):
        column_fidelity(pd.DataFrame([[1, 2]], columns=["a", "a"]), X)
    with pytest.raises(ValueError, match="non-numeric"):
        column_fidelity(pd.DataFrame({"a": [1.0]}), pd.DataFrame({"a": ["x"]}))
    with pytest.raises(ValueError, match="together"):
        quality_report(X, X, train=X)


# --------------------------------------------------------------------------
# ml_efficacy
# --------------------------------------------------------------------------


def test_ml_efficacy_synthetic_equals_real():
    df = make_mixed(600, 0)
    df["y"] = np.where(df["a"] + (df["cat"] == "x") > 0.5, "yes", "no")
    train, test = df.iloc[:400], df.iloc[400:]
    res = ml_efficacy(train, train.copy(), test, "y")
    assert res["task"] == "classification"
    assert res["metric"] == "f1_macro"
    assert res["real"] == res["synthetic"]
    assert res["real"] > 0.8


def test_ml_efficacy_bad_synthetic_scores_lower():
    df = make_mixed(600, 0)
    df["y"] = (df["a"] > 0).astype(int)
    train, test = df.iloc[:400], df.iloc[400:]
    noise = train.copy()
    noise["y"] = np.random.default_rng(0).permutation(noise["y"].to_numpy())
    res = ml_efficacy(train, noise, test, "y")
    assert res["task"] == "classification"
    assert res["synthetic"] < res["real"] - 0.2


def test_ml_efficacy_regression_and_task_detection():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 3))
    data = np.c_[X, X @ [1.0, -2.0, 0.5] + 0.1 * rng.normal(size=500)]
    res = ml_efficacy(data[:350], data[:350], data[350:], target=3)
    assert res["task"] == "regression"
    assert res["metric"] == "r2"
    assert res["real"] == res["synthetic"] > 0.8
    # Integer-valued float target with few levels: classification.
    data[:, 3] = (X[:, 0] > 0).astype(float)
    assert ml_efficacy(data[:350], data[:350], data[350:], "x3")["task"] == (
        "classification"
    )
    res = ml_efficacy(data[:350], data[:350], data[350:], "x3", task="regression")
    assert res["metric"] == "r2"
    with pytest.raises(ValueError, match="target 'zz'"):
        ml_efficacy(data, data, data, "zz")
    with pytest.raises(ValueError, match="task must be"):
        ml_efficacy(data, data, data, 3, task="ranking")


def test_ml_efficacy_real_score_ignores_the_synthetic_rows():
    # A column with more levels than HistGradientBoosting takes natively is
    # coded by frequency rank: the real rows' ranks must not move with the
    # synthetic rows, or the real baseline differs from model to model.
    rng = np.random.default_rng(0)
    level = rng.zipf(1.3, size=1500) % 400
    df = pd.DataFrame({"job": [f"j{v}" for v in level], "x": rng.normal(size=1500)})
    df["y"] = np.sin(level / 7.0) + 0.3 * df["x"] + 0.1 * rng.normal(size=1500)
    train, test = df.iloc[:1000], df.iloc[1000:]
    # Synthetic rows whose frequent jobs are the real rows' rare ones.
    flipped = train.assign(job=[f"j{399 - v}" for v in level[:1000]])
    scores = {
        ml_efficacy(train, synth, test, "y")["real"]
        for synth in (train, flipped, train.sample(frac=1.0, random_state=1))
    }
    assert len(scores) == 1
    assert scores.pop() > 0.5


def test_ml_efficacy_single_class_synthetic():
    df = make_mixed(300, 0)
    df["y"] = (df["a"] > 0).astype(int)
    train, test = df.iloc[:200], df.iloc[200:]
    res = ml_efficacy(train, train.assign(y=1), test, "y")
    # Constant prediction of one of two classes: F1 of that class only, halved.
    assert 0.0 < res["synthetic"] < 0.5


# --------------------------------------------------------------------------
# distance_to_closest_record
# --------------------------------------------------------------------------


def test_dcr_detects_copies():
    train, holdout = make_mixed(400, 0), make_mixed(400, 1)
    res = distance_to_closest_record(train, train.iloc[:200], holdout)
    assert res["synthetic_median"] == 0.0
    assert res["dcr_ratio"] == 0.0
    assert res["exact_copy_rate"] == 1.0
    assert res["holdout_median"] > 0.0
    assert res["holdout_exact_copy_rate"] < 0.05


def test_dcr_fresh_samples_ratio_near_one():
    rng = np.random.default_rng(0)
    train, synth, holdout = (rng.normal(size=(1000, 3)) for _ in range(3))
    res = distance_to_closest_record(train, synth, holdout)
    assert 0.8 < res["dcr_ratio"] < 1.25
    assert res["exact_copy_rate"] == 0.0
    assert res["holdout_exact_copy_rate"] == 0.0
    # Subsampling the queries keeps the answer about the same.
    sub = distance_to_closest_record(train, synth, holdout, max_rows=300)
    assert 0.7 < sub["dcr_ratio"] < 1.4


def test_dcr_near_copies_have_small_ratio():
    rng = np.random.default_rng(0)
    train, holdout = rng.normal(size=(500, 2)), rng.normal(size=(500, 2))
    synth = train + 1e-4 * rng.normal(size=train.shape)
    res = distance_to_closest_record(train, synth, holdout)
    assert res["dcr_ratio"] < 0.05
    assert res["exact_copy_rate"] == 0.0


def test_dcr_missing_value_is_a_distance():
    train = pd.DataFrame({"x": [0.0, 1.0], "c": ["a", "b"]})
    synth = pd.DataFrame({"x": [np.nan], "c": ["a"]})
    holdout = pd.DataFrame({"x": [0.5], "c": ["c"]})
    res = distance_to_closest_record(train, synth, holdout)
    # NaN: value 0 plus indicator 1 -> distance 1 from (0, "a").
    assert res["synthetic_median"] == pytest.approx(1.0)
    # x at 0.5 of the range; unseen category: one-hot distance sqrt(2).
    assert res["holdout_median"] == pytest.approx(math.sqrt(0.25 + 2))


def test_dcr_high_cardinality_matches_dense_definition():
    rng = np.random.default_rng(0)

    def make(n):
        ids = rng.integers(0, 400, size=n).astype(str)
        return pd.DataFrame({"id": ids, "x": rng.random(n)})

    train, synth, holdout = make(300), make(100), make(100)
    # One-hot width > 256: the sparse path must give the same distances.
    res = distance_to_closest_record(train, synth, holdout)
    lo, hi = train["x"].min(), train["x"].max()

    def brute_median(q):
        same = q["id"].to_numpy()[:, None] == train["id"].to_numpy()[None, :]
        dx = (q["x"].to_numpy()[:, None] - train["x"].to_numpy()[None, :]) / (hi - lo)
        return np.median(np.sqrt(dx**2 + 2.0 * ~same).min(axis=1))

    assert res["synthetic_median"] == pytest.approx(brute_median(synth))
    assert res["holdout_median"] == pytest.approx(brute_median(holdout))
    copy = distance_to_closest_record(train, train, holdout)
    assert copy["exact_copy_rate"] == 1.0


# --------------------------------------------------------------------------
# parzen_log_likelihood
# --------------------------------------------------------------------------


def test_parzen_gaussian_case():
    rng = np.random.default_rng(0)
    samples = rng.normal(size=3000)
    res = parzen_log_likelihood(
        samples, rng.normal(size=2000), validation=rng.normal(size=1000)
    )
    # E[log N(x; 0, 1)] for x ~ N(0, 1), i.e. minus the entropy.
    expected = -0.5 * math.log(2 * math.pi * math.e)  # -1.4189
    assert res["mean"] == pytest.approx(expected, abs=0.05)
    # std of log N(x; 0, 1) is sqrt(1/2); the estimate's tails add a little.
    assert 0.5 / math.sqrt(2000) < res["sem"] < 1.5 / math.sqrt(2000)
    assert 0.05 < res["sigma"] < 0.6
    # The original grid for data in [0, 1] gives the same answer here.
    paper = parzen_log_likelihood(
        samples, rng.normal(size=2000), sigmas=np.logspace(-1, 0, 10)
    )
    assert paper["mean"] == pytest.approx(expected, abs=0.05)


def test_parzen_exact_single_kernel_and_batch_invariance():
    res = parzen_log_likelihood([[0.0, 0.0]], [[0.0, 0.0], [1.0, 0.0]], sigmas=[1.0])
    logs = [-math.log(2 * math.pi), -math.log(2 * math.pi) - 0.5]
    assert res["mean"] == pytest.approx(np.mean(logs))
    assert res["sem"] == pytest.approx(np.std(logs, ddof=1) / math.sqrt(2))
    assert res["sigma"] == 1.0
    rng = np.random.default_rng(1)
    S, T = rng.normal(size=(300, 2)), rng.normal(size=(170, 2))
    sig = [0.1, 0.3, 2.0]
    a = parzen_log_likelihood(S, T, sigmas=sig, batch_size=1000)
    b = parzen_log_likelihood(S, T, sigmas=sig, batch_size=7)
    assert a["sigma"] == b["sigma"]
    assert a["mean"] == pytest.approx(b["mean"], rel=1e-10)


def test_parzen_warns_on_grid_edge_and_rejects_bad_input():
    rng = np.random.default_rng(0)
    with pytest.warns(UserWarning, match="end of the grid"):
        parzen_log_likelihood(rng.normal(size=200), rng.normal(size=50), sigmas=[5, 10])
    with pytest.raises(ValueError, match="NaN"):
        parzen_log_likelihood([[np.nan]], [[0.0]])
    with pytest.raises(ValueError, match="features"):
        parzen_log_likelihood(np.zeros((3, 2)), np.zeros((3, 3)))


# --------------------------------------------------------------------------
# mode_coverage
# --------------------------------------------------------------------------


def test_mode_coverage_hand_made():
    centers = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]])
    samples = np.array(
        [
            [0.1, 0.0],  # mode 0
            [0.0, 0.2],  # mode 0
            [10.0, 0.25],  # mode 1 (within 3 * 0.1)
            [10.0, 0.35],  # nearest mode 1 but too far: low quality
            [5.0, 5.0],  # low quality
        ]
    )
    res = mode_coverage(samples, centers, std=0.1)
    assert res["modes"] == 2
    assert res["n_modes"] == 4
    assert res["high_quality"] == pytest.approx(3 / 5)
    q = np.array([2 / 3, 1 / 3])
    assert res["reverse_kl"] == pytest.approx(np.sum(q * np.log(q * 4)))


def test_mode_coverage_extremes():
    centers = np.array([[0.0], [1.0], [2.0]])
    even = mode_coverage(np.array([[0.0], [1.0], [2.0]]), centers, std=0.01)
    assert even["modes"] == 3
    assert even["reverse_kl"] == pytest.approx(0.0)
    collapsed = mode_coverage(np.zeros((10, 1)), centers, std=0.01)
    assert collapsed["modes"] == 1
    assert collapsed["reverse_kl"] == pytest.approx(math.log(3))
    none = mode_coverage(np.full((4, 1), 0.5), centers, std=0.01)
    assert none["modes"] == 0
    assert none["high_quality"] == 0.0
    assert math.isnan(none["reverse_kl"])


# --------------------------------------------------------------------------
# quality_report
# --------------------------------------------------------------------------


def test_quality_report_full():
    df = make_mixed(600, 0)
    df["y"] = (df["a"] > 0).astype(int)
    train, holdout = df.iloc[:300], df.iloc[300:]
    report = quality_report(train, train, train=train, holdout=holdout, target="y")
    assert list(report.columns) == ["metric", "value", "ideal", "interpretation"]
    values = report.set_index("metric")["value"]
    assert values.index.tolist() == [
        "detection_auc",
        "column_fidelity",
        "pair_fidelity",
        "fidelity_score",
        "dcr_ratio",
        "dcr_synthetic_median",
        "dcr_holdout_median",
        "exact_copy_rate",
        "holdout_exact_copy_rate",
        "ml_efficacy_real",
        "ml_efficacy_synthetic",
    ]
    assert values["fidelity_score"] == pytest.approx(1.0)
    assert values["exact_copy_rate"] == 1.0
    assert values["dcr_ratio"] == 0.0
    assert values["ml_efficacy_real"] == values["ml_efficacy_synthetic"]
    with pytest.raises(ValueError, match="target needs"):
        quality_report(train, train, target="y")
