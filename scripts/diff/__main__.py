"""``python -m scripts.diff``: the command (cli.py)."""

import sys

from .cli import main

sys.exit(main())
