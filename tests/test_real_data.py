"""The project's own data loads. Tests that take their cases from it (test_site.py,
test_search_browser.py) have no cases when it does not; this test is what fails then,
with every data error, so a broken data/ can never pass as a run of skipped tests."""

from __future__ import annotations

import pytest

from macros.errors import DataErrors
from macros.loader import load_site

from .conftest import ROOT, real_data


def test_the_real_data_loads_so_the_site_tests_have_cases() -> None:
    if real_data() is None:
        with pytest.raises(DataErrors) as caught:
            load_site(ROOT / "data")
        pytest.fail(f"data/ does not load, so the site tests have no cases:\n{caught.value}")
    assert real_data() is not None
