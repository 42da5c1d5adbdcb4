"""Running SPARQL: named queries, their text and syntax, the engines, endpoints, timeouts and result formats.

The public API is :mod:`kg.query.named` (``from kg.query import run, GraphFiles …``);
docs/architecture.md says what each module of this package does.
"""
from kg.query import named as _named
from kg.query.named import *

__all__ = list(_named.__all__)
