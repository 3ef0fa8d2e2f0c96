"""Sphinx configuration for the skgan documentation.

Build with ``sphinx-build -W -b html docs docs/_build/html`` from the repository
root. The build needs no network: intersphinx is off.
"""

import os
import sys

# Document the source tree beside this folder, installed or not.
sys.path.insert(0, os.path.abspath(".."))

import skgan  # noqa: E402

project = "skgan"
author = "skgan developers"
copyright = "skgan developers"
version = skgan.__version__
release = skgan.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_parser",  # renders benchmarks/RESULTS.md on the performance page
]
myst_enable_extensions = []
suppress_warnings = ["myst.header"]

# API pages are written by hand in api.rst; autosummary only draws the tables.
autosummary_generate = False
autodoc_member_order = "bysource"
autodoc_typehints = "none"

numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

exclude_patterns = ["_build"]
templates_path = []
default_role = "literal"

html_theme = "alabaster"
html_theme_options = {
    "description": "GANs for tables, as scikit-learn estimators",
    "fixed_sidebar": True,
}
html_static_path = []
html_title = f"skgan {release}"
