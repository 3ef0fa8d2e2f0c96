"""Benchmarks of skgan against CTGAN and a Gaussian mixture.

Run ``python -m benchmarks.run --help``.

Not part of the installed package; run from the repository root.
"""
