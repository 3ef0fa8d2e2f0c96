"""GANSampler on real-looking DataFrames: dtypes, categories, missing values."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_encoding import frames

from skgan import GANSampler

MEDIUM = dict(
    generator_hidden_layer_sizes=(64, 64),
    discriminator_hidden_layer_sizes=(64, 64),
    batch_size=256,
    max_iter=400,
    random_state=0,
)


def mixed_table(n=3000, seed=0):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "income": rng.lognormal(10, 0.5, n),
            "age": rng.integers(18, 90, n),
            "children": pd.array(rng.poisson(1.2, n), dtype="Int64"),
            "segment": pd.Categorical(
                rng.choice(list("abcd"), n, p=[0.4, 0.3, 0.2, 0.1])
            ),
            "member": rng.random(n) < 0.3,
            "city": rng.choice(["Oslo", "Lima", "Pune"], n).astype(object),
        }
    )
    df.loc[rng.random(n) < 0.20, "income"] = np.nan
    df.loc[rng.random(n) < 0.10, "segment"] = np.nan
    df.loc[rng.random(n) < 0.05, "children"] = pd.NA
    df.loc[rng.random(n) < 0.15, "city"] = None
    return df


@pytest.fixture(scope="module")
def fitted():
    df = mixed_table()
    return df, GANSampler(**MEDIUM).fit(df)


def test_sample_has_the_input_schema(fitted):
    df, gan = fitted
    out = gan.sample(500, random_state=0)
    assert list(out.columns) == list(df.columns)
    assert out.dtypes.to_dict() == df.dtypes.to_dict()
    assert out["segment"].cat.categories.tolist() == list("abcd")
    assert set(out["city"].dropna()) <= {"Oslo", "Lima", "Pune"}
    assert out["age"].between(18, 89).all()
    assert out["member"].dtype == bool
    assert len(out) == 500 and out.index.equals(pd.RangeIndex(500))


def test_missing_rates_are_reproduced(fitted):
    df, gan = fitted
    out = gan.sample(20_000, random_state=1)
    error = (out.isna().mean() - df.isna().mean()).abs()
    # Within 2 percentage points per column, numeric and categorical alike.
    assert error.max() < 0.02, error.to_dict()
    assert out["income"].isna().mean() > 0.1  # holes come back as holes


def test_category_shares_are_learned(fitted):
    df, gan = fitted
    out = gan.sample(20_000, random_state=2)
    real = df["segment"].value_counts(normalize=True)
    synth = out["segment"].value_counts(normalize=True)
    assert 0.5 * (real - synth).abs().sum() < 0.05
    assert synth.index[0] == "a"


def test_integer_coded_category_declared_by_name(fast_params):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"code": rng.choice([3, 7, 11], 300), "x": rng.normal(size=300)})
    gan = GANSampler(**fast_params, categorical_features=["code"]).fit(df)
    out = gan.sample(200)
    assert set(out["code"]) <= {3, 7, 11}
    assert out["code"].dtype == df["code"].dtype
    roles = {(s.column, s.role) for s in gan.encoder_.spans_}
    assert ("code", "category") in roles


def test_numpy_categorical_by_index_gives_observed_codes(fast_params):
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.choice([0.0, 5.0, 9.0], 300), rng.normal(size=300)])
    gan = GANSampler(**fast_params, categorical_features=[0]).fit(X)
    out = gan.sample(100)
    assert isinstance(out, np.ndarray)
    assert set(np.unique(out[:, 0])) <= {0.0, 5.0, 9.0}


def test_numpy_with_nan_is_modelled(fast_params):
    X = np.random.default_rng(0).normal(size=(400, 2))
    X[::4, 1] = np.nan
    out = GANSampler(**fast_params).fit(X).sample(1000, random_state=0)
    assert np.isnan(out[:, 1]).any() and not np.isnan(out[:, 0]).any()


def test_many_levels_are_capped_and_drawn_back(fast_params):
    rng = np.random.default_rng(0)
    levels = [f"L{i}" for i in range(500)]
    weights = 1 / np.arange(1, 501)
    df = pd.DataFrame(
        {
            "big": rng.choice(levels, 3000, p=weights / weights.sum()),
            "x": rng.normal(size=3000),
        }
    )
    gan = GANSampler(**fast_params, max_categories=20).fit(df)
    width = sum(s.width for s in gan.encoder_.spans_ if s.column == "big")
    assert width == 20
    out = gan.sample(3000, random_state=0)
    assert out["big"].nunique() > 20  # rare levels come back through "other"
    assert set(out["big"]) <= set(df["big"])


@pytest.mark.parametrize(
    "column, match",
    [
        (pd.Series([np.nan] * 10, dtype=float), "all missing|all-NaN|only missing"),
        (pd.Series([1 + 2j] * 10), "omplex"),
    ],
)
def test_awkward_columns_are_named(fast_params, column, match):
    df = pd.DataFrame({"ok": np.arange(10.0), "bad_col": column})
    with pytest.raises((ValueError, TypeError), match="bad_col"):
        GANSampler(**fast_params).fit(df)


def test_duplicate_column_names_are_refused(fast_params):
    df = pd.DataFrame(np.zeros((5, 2)), columns=["a", "a"])
    with pytest.raises(ValueError, match="a"):
        GANSampler(**fast_params).fit(df)


def test_zero_rows_are_refused(fast_params):
    with pytest.raises(ValueError, match="0 sample|0 row|minimum of 2"):
        GANSampler(**fast_params).fit(pd.DataFrame({"a": []}))


def test_constant_and_single_category_columns(fast_params):
    df = pd.DataFrame(
        {"const": 4.0, "one": pd.Categorical(["x"] * 50), "x": np.arange(50.0)}
    )
    out = GANSampler(**fast_params).fit(df).sample(30)
    assert (out["const"] == 4.0).all() and (out["one"] == "x").all()


def test_datetime_columns_keep_their_dtype(fast_params):
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "when": pd.Timestamp("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 365, 200), unit="D"),
            "x": rng.normal(size=200),
        }
    )
    out = GANSampler(**fast_params).fit(df).sample(50)
    assert out["when"].dtype == df["when"].dtype
    assert out["when"].between(df["when"].min(), df["when"].max()).all()


def test_transform_with_other_columns_is_refused(fitted):
    df, gan = fitted
    with pytest.raises(ValueError):
        gan.score(df.drop(columns="city"))


def test_three_valued_integer_column_keeps_its_shares():
    # A survey year with three values, modelled as a number: the middle value
    # must come back at its share (it came back at a quarter of it when the
    # quantile encoding put the extreme years at +-5.2).
    rng = np.random.default_rng(0)
    X = pd.DataFrame(
        {"year": rng.choice([2007, 2008, 2009], 1_500), "x": rng.normal(size=1_500)}
    )
    gan = GANSampler(
        generator_hidden_layer_sizes=(64, 64),
        discriminator_hidden_layer_sizes=(64, 64),
        batch_size=250,
        max_iter=400,
        random_state=0,
    ).fit(X)
    shares = gan.sample(3_000, random_state=0)["year"].value_counts(normalize=True)
    real = X["year"].value_counts(normalize=True)
    tvd = 0.5 * shares.reindex(real.index, fill_value=0).sub(real).abs().sum()
    assert tvd < 0.08, shares


def test_moment_matching_is_what_fixes_the_shares():
    # The ablation behind the default: the same fit without the moment term gets
    # the missing rates and category shares clearly wrong on this table.
    df = mixed_table()
    errors = {}
    for weight in (0.0, 10.0):
        out = (
            GANSampler(**MEDIUM, moment_matching=weight)
            .fit(df)
            .sample(20_000, random_state=1)
        )
        errors[weight] = (out.isna().mean() - df.isna().mean()).abs().max()
    assert errors[10.0] < 0.02 < errors[0.0]


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(df=frames(), seed=st.integers(0, 1000))
def test_property_sampler_output_has_the_input_schema(df, seed):
    assume(len(df) >= 2)
    gan = GANSampler(
        noise_dim=4,
        generator_hidden_layer_sizes=(8,),
        discriminator_hidden_layer_sizes=(8,),
        batch_size=8,
        max_iter=3,
        random_state=seed,
    ).fit(df)
    out = gan.sample(12)
    assert list(out.columns) == list(df.columns)
    assert out.dtypes.to_dict() == df.dtypes.to_dict()
    for col in df.columns:
        if not df[col].isna().any():
            assert not out[col].isna().any(), col


def test_score_counts_unseen_categories_instead_of_raising(fast_params):
    # GridSearchCV on a table sorted by a category gives folds with levels that
    # training never saw; score must still rank models.
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"kind": ["a"] * 100 + ["b"] * 100, "x": rng.normal(size=200)})
    gan = GANSampler(**fast_params).fit(df.iloc[:100])
    assert np.isfinite(gan.score(df.iloc[100:]))
    assert gan.score(df.iloc[100:]) < gan.score(df.iloc[:100])
    with pytest.raises(ValueError, match="'kind'"):
        type(gan.encoder_)().fit(df.iloc[:100]).transform(df.iloc[100:])


def test_warm_start_refuses_unseen_categories(fast_params):
    df = pd.DataFrame({"kind": ["a", "b"] * 50, "x": np.arange(100.0)})
    gan = GANSampler(**fast_params, warm_start=True).fit(df)
    with pytest.raises(ValueError, match="'kind'"):
        gan.fit(df.assign(kind=["a", "z"] * 50))
