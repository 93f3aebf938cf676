"""Python equivalents of the article's example programs in ``reference_c/``.

Each module is runnable as ``python -m conformance.examples.NAME ARGS`` and
prints the same bytes, to stdout and stderr, and exits with the same code as
the C program ``NAME ARGS`` (built by ``socketpair-conformance build``).
"""
