"""Functional dependencies: found at fit, left out of the encoding, looked up again."""

import numpy as np
import pandas as pd
import pytest

from skgan import GANSampler
from skgan._dependencies import DerivedColumn, find_dependencies
from skgan._encoding import TableEncoder


@pytest.fixture
def hierarchy():
    """Sub-grades fix grades; sub-grade and month fix a rate; noise elsewhere."""
    rng = np.random.default_rng(0)
    n = 3000
    sub = rng.choice([f"{g}{i}" for g in "ABCD" for i in range(1, 6)], n)
    month = rng.choice(["jan", "feb", "mar"], n).astype(object)
    month[rng.random(n) < 0.05] = None
    level = np.array([ord(s[0]) * 10 + int(s[1]) for s in sub])
    rate = level * 0.01 + np.where(month == "feb", 0.5, 0.0)
    frame = pd.DataFrame(
        {
            "sub_grade": pd.Categorical(sub),
            "amount": rng.lognormal(8, 1, n),
            "grade": pd.Series([s[0] for s in sub], dtype="string"),
            "month": month,
            "rate": rate,
            "level": pd.array(level, dtype="Int64"),
            "coin": rng.choice(["heads", "tails"], n),
        }
    )
    return frame


def test_encoder_finds_single_and_pair_dependencies(hierarchy):
    enc = TableEncoder(functional_dependencies="auto").fit(hierarchy)
    assert enc.functional_dependencies_ == {
        "grade": ("sub_grade",),
        "rate": ("sub_grade", "month"),
        "level": ("sub_grade",),
    }
    # Derived columns get no part of the encoded matrix.
    assert {s.column for s in enc.spans_} == {"sub_grade", "amount", "month", "coin"}
    assert len(enc.get_feature_names_out()) == enc.n_encoded_


def test_derived_columns_round_trip_with_their_dtypes(hierarchy):
    enc = TableEncoder(functional_dependencies="auto").fit(hierarchy)
    back = enc.inverse_transform(enc.transform(hierarchy))
    pd.testing.assert_frame_equal(
        back.drop(columns="amount"), hierarchy.drop(columns="amount")
    )


def test_off_by_default_in_the_encoder_and_switchable_in_the_sampler(hierarchy):
    assert TableEncoder().fit(hierarchy).functional_dependencies_ == {}
    gan = GANSampler(functional_dependencies=None, max_iter=2, random_state=0)
    assert gan.fit(hierarchy).functional_dependencies_ == {}


def test_sampled_rows_keep_every_dependency(hierarchy):
    gan = GANSampler(max_iter=30, random_state=0).fit(hierarchy)
    assert set(gan.functional_dependencies_) == {"grade", "rate", "level"}
    rows = gan.sample(2000, random_state=0)
    assert list(rows.columns) == list(hierarchy.columns)
    assert (rows.dtypes == hierarchy.dtypes).all()
    grade_of = dict(zip(hierarchy["sub_grade"], hierarchy["grade"], strict=True))
    assert (rows["grade"] == rows["sub_grade"].map(grade_of).astype("string")).all()
    seen = set(
        zip(hierarchy["sub_grade"], hierarchy["month"], hierarchy["rate"], strict=True)
    )
    observed = set(zip(rows["sub_grade"], rows["month"], rows["rate"], strict=True))
    assert observed <= seen


def test_chance_agreement_is_not_taken_for_a_dependency():
    rng = np.random.default_rng(1)
    n = 400
    frame = pd.DataFrame(
        {
            # One row per level: fixes everything, but proves nothing.
            "id": [f"row{i}" for i in range(n)],
            "many": rng.choice([f"m{i}" for i in range(150)], n),
            "rare_flag": np.where(rng.random(n) < 0.01, "yes", "no"),
            "colour": rng.choice(["red", "green", "blue"], n),
            "x": rng.normal(size=n).round(1),
        }
    )
    enc = TableEncoder(functional_dependencies="auto").fit(frame)
    assert enc.functional_dependencies_ == {}


def test_missing_values_are_a_level_of_both_sides():
    rng = np.random.default_rng(2)
    code = rng.choice(["a", "b", None], 600).astype(object)
    label = np.array([{"a": "alpha", "b": None, None: "none"}[c] for c in code])
    frame = pd.DataFrame({"code": code, "label": label.astype(object)})
    enc = TableEncoder(functional_dependencies="auto").fit(frame)
    assert enc.functional_dependencies_ == {"label": ("code",)}
    back = enc.inverse_transform(enc.transform(frame))
    pd.testing.assert_frame_equal(back, frame)


def test_a_pair_never_seen_takes_the_commonest_pair_with_its_first_level():
    first = np.array([0, 0, 0, 1, 1])
    second = np.array([0, 1, 1, 0, 0])
    values = pd.Series([10.0, 20.0, 20.0, 30.0, 30.0])
    derived = DerivedColumn("v", (0, 1)).fit(values, [first, second], [2, 2])
    out = derived.inverse_transform([np.array([0, 1, 1]), np.array([1, 0, 1])])
    # (1, 1) was never seen: level 1 of the first column's commonest pair is (1, 0).
    assert out.tolist() == [20.0, 30.0, 30.0]


def test_search_on_screened_rows_still_checks_every_row():
    n = 5000
    a = np.repeat(np.arange(50), n // 50)
    b = a % 7
    b_broken = b.copy()
    b_broken[-1] = (b_broken[-1] + 1) % 7  # the rule fails only in the last row
    columns = [pd.Series(a), pd.Series(b), pd.Series(b_broken)]
    found = find_dependencies(columns, [True, True, True], screen_rows=100)
    assert found == {1: (0,)}


def test_a_column_mostly_explained_by_a_category_is_encoded_within_its_levels(
    hierarchy,
):
    from skgan._encoding import _GroupedContinuousColumn

    rng = np.random.default_rng(3)
    frame = hierarchy.drop(columns=["rate", "level"])
    # The price list with exceptions: no longer exact, still 99 % explained.
    base = frame["sub_grade"].cat.codes.to_numpy() * 1.0
    frame["rate"] = base + rng.choice([0.0, 0.01], len(frame))
    enc = TableEncoder(functional_dependencies="auto").fit(frame)
    codec = enc._codecs[list(frame.columns).index("rate")]
    assert isinstance(codec, _GroupedContinuousColumn)
    assert enc._names[codec.parent] == "sub_grade"
    assert "amount" not in {
        c.name for c in enc._codecs if isinstance(c, _GroupedContinuousColumn)
    }
    back = enc.inverse_transform(enc.transform(frame))
    np.testing.assert_allclose(back["rate"], frame["rate"], atol=1e-4)
    # Exact dependencies only: the rate is encoded on its own.
    exact = TableEncoder(functional_dependencies="exact").fit(frame)
    assert not any(isinstance(c, _GroupedContinuousColumn) for c in exact._codecs)


def test_grouped_column_follows_the_generated_level(hierarchy):
    rng = np.random.default_rng(4)
    frame = hierarchy.drop(columns=["rate", "level"])
    base = frame["sub_grade"].cat.codes.to_numpy() * 1.0
    frame["rate"] = base + rng.choice([0.0, 0.01], len(frame))
    gan = GANSampler(max_iter=30, random_state=0).fit(frame)
    rows = gan.sample(2000, random_state=0)
    allowed = frame.groupby("sub_grade", observed=True)["rate"].agg(["min", "max"])
    lo = rows["sub_grade"].map(allowed["min"]).astype(float)
    hi = rows["sub_grade"].map(allowed["max"]).astype(float)
    # Every sampled rate lies in its generated sub-grade's training range.
    assert ((rows["rate"] >= lo - 1e-6) & (rows["rate"] <= hi + 1e-6)).all()


def test_save_and_load_keep_derived_and_grouped_columns(hierarchy, tmp_path):
    import skgan

    rng = np.random.default_rng(5)
    frame = hierarchy.copy()
    frame["noisy_rate"] = frame["sub_grade"].cat.codes * 1.0 + rng.choice(
        [0.0, 0.01], len(frame)
    )
    gan = GANSampler(max_iter=3, random_state=0).fit(frame)
    skgan.save(gan, tmp_path / "gan.skops")
    loaded = skgan.load(tmp_path / "gan.skops")
    assert loaded.functional_dependencies_ == gan.functional_dependencies_
    pd.testing.assert_frame_equal(
        loaded.sample(100, random_state=1), gan.sample(100, random_state=1)
    )
