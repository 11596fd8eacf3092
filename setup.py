"""Builds the compiled DIAN readers (`tools/dian/_speedups.pyx`); the rest is pyproject.toml.

The extension is optional: without a C compiler the install still succeeds and the pure
readers run (`tools.dian.readers.COMPILED` says which; `make test` insists on the
compiled ones where a compiler exists).
"""

from __future__ import annotations

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

SPEEDUPS = Extension(
    "tools.dian._speedups",
    ["tools/dian/_speedups.pyx"],
    include_dirs=lxml.get_include(),
    optional=True,
)

setup(ext_modules=cythonize([SPEEDUPS], quiet=True))
