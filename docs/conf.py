"""Sphinx configuration for the skgan documentation.

Build with ``sphinx-build -W -b html docs docs/_build/html`` from the repository
root. The build needs no network: intersphinx is off, and the example gallery has
no binder or remote links. Building runs every ``examples/plot_*.py`` script
(a few minutes on one CPU); on a busy machine set ``OMP_NUM_THREADS=1``, and pass
``-D plot_gallery=0`` to skip running them.
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
    "sphinx_gallery.gen_gallery",
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

# The gallery: every examples/plot_*.py is run, and its output and figures become
# a page under auto_examples/ (git-ignored, like sg_execution_times.rst).
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    # A string, not the class: the config must pickle for Sphinx's cache.
    "within_subsection_order": "FileNameSortKey",
    # Code names link to the API pages here; nothing remote (no network).
    "doc_module": ("skgan",),
    "reference_url": {"skgan": None},
    "backreferences_dir": None,
    "binder": {},
    "jupyterlite": None,
    "download_all_examples": False,
    "remove_config_comments": True,
    "show_memory": False,
}

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
