"""Which packages the wheel holds; everything else is in pyproject.toml.

Every package under kg/ is found, so a new sub-package cannot be left out. The
top-level ontology/ and queries/ folders ship inside it as kg.ontology and
kg.queries (pyproject.toml cannot combine package discovery with such a mapping).
"""
from setuptools import find_packages, setup

TOP_LEVEL_DATA = {"kg.ontology": "ontology", "kg.queries": "queries"}

setup(packages=find_packages(include=["kg", "kg.*"]) + sorted(TOP_LEVEL_DATA), package_dir=TOP_LEVEL_DATA)
