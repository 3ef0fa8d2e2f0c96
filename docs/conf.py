"""Sphinx configuration for the skgan documentation.

Build with ``sphinx-build -W -b html docs docs/_build/html`` from the repository
root. The build needs no network: intersphinx is off.
"""

import os
import re
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
]

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


# -- Temporary docstring repairs ---------------------------------------------------
# Three markup slips in skgan's docstrings break ``-W`` builds. They are repaired
# here, at render time, until the docstrings themselves are fixed; each repair is a
# no-op on a docstring that no longer has the slip, so this block can then go.
#
# 1. ``shape (n_samples, n_features_in_)`` in a type line: docutils reads the
#    trailing underscore as a hyperlink reference ("Unknown target name").
# 2. ``:term:`fit``` needs scikit-learn's glossary, which is not reachable offline.
# 3. A simple table whose text runs into a column margin ("Malformed table").

_PARAM_LINE = re.compile(r"^(\s*[\w*, ]+ : )(.*)$")
_TRAILING_UNDERSCORE = re.compile(r"(?<![\w`\\])([A-Za-z]\w*)_(?![\w`])")
_TERM = re.compile(r":term:`([^`<]+)`")
_BORDER = re.compile(r"^\s*=+( +=+)+\s*$")


def _escape_type_line(line):
    match = _PARAM_LINE.match(line)
    if match is None:
        return line
    head, kind = match.groups()
    return head + _TRAILING_UNDERSCORE.sub(r"\1\\_", kind)


def _table_blocks(lines):
    """(first, last) line of each simple table: a run of non-blank lines that
    starts with a border."""
    blocks, i = [], 0
    while i < len(lines):
        if _BORDER.match(lines[i]):
            j = i
            while j + 1 < len(lines) and lines[j + 1].strip():
                j += 1
            blocks.append((i, j))
            i = j
        i += 1
    return blocks


def _widen_simple_tables(lines):
    """Widen the columns of simple tables whose text spills into a margin."""
    for first, last in _table_blocks(lines):
        rows = range(first, last + 1)
        borders = {i for i in rows if _BORDER.match(lines[i])}
        # (end of a column, start of the next) for each margin, right to left
        margins = re.finditer(r"(?<==) +(?==)", lines[first])
        for end, start in [(m.start(), m.end()) for m in margins][::-1]:
            spills = [len(lines[i][end:start].rstrip()) for i in rows]
            spill = max(spills)
            if spill == 0:
                continue
            for i in rows:
                line = lines[i]
                if i in borders:
                    lines[i] = line[:end] + "=" * spill + line[end:]
                else:
                    at = end + len(line[end:start].rstrip())
                    lines[i] = line[:at] + " " * spill + line[at:]
    return lines


def _repair_docstring(app, what, name, obj, options, lines):
    repaired = [_TERM.sub(r"``\1``", _escape_type_line(line)) for line in lines]
    lines[:] = _widen_simple_tables(repaired)


def setup(app):
    # Before numpydoc (priority 500) rewrites the docstring.
    app.connect("autodoc-process-docstring", _repair_docstring, priority=100)
