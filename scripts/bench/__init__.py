"""The performance benchmark (``make bench``): the real site, synthetic scale runs against
plain MkDocs-Material and Hugo, and the contributor loop in ``mkdocs serve``.

    python -m scripts.bench [--runs 5] [--scales 100,1000,3000] [--skip-real] [--skip-loop]

Prints a table and writes ``build/bench.json``. A benchmark, not a test: nothing fails
when a target is missed; the table says which targets are met.
"""
