"""The one error of the content diff: a comparison that could not be made."""

from __future__ import annotations


class DiffError(Exception):
    """The comparison could not be made; the message says why."""
