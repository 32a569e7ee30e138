"""The one loaded ``Site`` of the current build, shared by the MkDocs hooks and the macros."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .errors import DataErrors
from .loader import FILES, Site, load_site

_cache: dict[Path, tuple[tuple[float, ...], Site]] = {}


def _stamp(data_dir: Path) -> tuple[float, ...]:
    """Modification times of the data files: a changed file means a new load."""
    return tuple(
        (data_dir / f"{name}.yml").stat().st_mtime_ns if (data_dir / f"{name}.yml").exists() else -1
        for name in FILES
    )


def site_for(project_dir: Path) -> Site:
    """Load ``data/`` once per build (again only when a file changed, as in ``mkdocs serve``)."""
    data_dir = (project_dir / "data").resolve()
    stamp = _stamp(data_dir)
    cached = _cache.get(data_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        site = load_site(data_dir)
    except DataErrors as exc:
        raise PluginError("The data in data/ has errors:\n" + exc.report()) from None
    _cache[data_dir] = (stamp, site)
    return site
