"""The application shell: settings and the `cuadre` command line.

`cuadre.settings` is the base every layer may read; `cuadre.cli` sits above all layers.
"""
