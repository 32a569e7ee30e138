"""List the articles whose medical review is overdue or due soon; keep one tracking issue.

    python -m scripts.review_due                  # print the list (reviews due within 30 days)
    python -m scripts.review_due --days 60        # a longer window
    python -m scripts.review_due --issue          # also open, update or close the issue (gh)

The dates come from ``data/articles.yml`` (``reviewed``, ``review_due``), read with the
site's own loader, so the list matches what the pages show. ``--issue`` uses the GitHub
CLI (``gh``, with ``GH_TOKEN`` and ``GH_REPO`` set by the workflow): it edits the open
issue titled ``ISSUE_TITLE`` if there is one, opens it if reviews are due, and closes it
when nothing is due. Exit status: 0 on success (whether or not reviews are due), 1 when
the data does not load or ``gh`` fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.paths import ROOT

ISSUE_TITLE = "Medical reviews due"


@dataclass(frozen=True)
class Due:
    """One article whose review is overdue or due within the window."""

    article: str
    title: str
    page: str
    reviewed: dt.date
    review_due: dt.date
    review: str

    def days_left(self, today: dt.date) -> int:
        return (self.review_due - today).days


def reviews_due(data_dir: Path, today: dt.date, days: int) -> list[Due]:
    """Articles whose ``review_due`` is before ``today + days``, soonest first."""
    from macros.addresses import rule_for  # imported here so --help works without the venv
    from macros.loader import load_site

    page = rule_for("articles").source
    site = load_site(data_dir)
    limit = today + dt.timedelta(days=days)
    due = [
        Due(a.id, a.title, f"docs/{page(a.id)}", a.reviewed, a.review_due, a.review_label)
        for a in site.articles.values()
        if a.review_due <= limit
    ]
    return sorted(due, key=lambda d: (d.review_due, d.article))


def markdown(due: Sequence[Due], today: dt.date, days: int) -> str:
    """The tracking issue's body (also the job summary)."""
    head = (
        f"Articles whose medical review is overdue or due within {days} days, "
        f"as of {today.isoformat()}. This issue is updated every week by "
        "`.github/workflows/review-due.yml` and closed when nothing is due.\n\n"
    )
    if not due:
        return head + "Nothing is due. 🎉\n"
    rows = [
        "| Article | Page | Last reviewed | Review due | Status | Review |",
        "|---|---|---|---|---|---|",
    ]
    for d in due:
        left = d.days_left(today)
        status = f"**overdue by {-left} days**" if left < 0 else f"due in {left} days"
        if left == 0:
            status = "**due today**"
        rows.append(
            f"| {d.title} | `{d.page}` | {d.reviewed.isoformat()} | {d.review_due.isoformat()} "
            f"| {status} | {d.review} |"
        )
    steps = (
        "\n\nTo record a review: check the article against its sources, then set `reviewed` "
        "and a later `review_due` for it in `data/articles.yml` (see CONTRIBUTING.md, "
        '"Review dates").\n'
    )
    return head + "\n".join(rows) + steps


def _gh(args: Sequence[str]) -> str:
    """Run the GitHub CLI with an argument list (never through a shell) and return stdout."""
    result = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"gh {' '.join(args[:2])} failed: {result.stderr.strip()}")
    return result.stdout


def sync_issue(body: str, anything_due: bool) -> str:
    """Open, update or close the one tracking issue; return what was done."""
    found = json.loads(
        _gh(
            [
                "issue",
                "list",
                "--state",
                "open",
                "--search",
                f'in:title "{ISSUE_TITLE}"',
                "--json",
                "number,title",
                "--limit",
                "20",
            ]
        )
    )
    numbers = [str(i["number"]) for i in found if i["title"] == ISSUE_TITLE]
    if not numbers:
        if not anything_due:
            return "nothing due; no tracking issue open"
        url = _gh(["issue", "create", "--title", ISSUE_TITLE, "--body", body]).strip()
        return f"opened {url}"
    number = numbers[0]
    _gh(["issue", "edit", number, "--body", body])
    if not anything_due:
        _gh(["issue", "close", number, "--comment", "Every review is up to date."])
        return f"closed #{number}: nothing due"
    return f"updated #{number}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30, help="window in days (default 30)")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="the date to count from, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument(
        "--issue", action="store_true", help="open, update or close the tracking issue with gh"
    )
    args = parser.parse_args(argv)

    from macros.errors import DataErrors

    try:
        due = reviews_due(args.data, args.today, args.days)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    body = markdown(due, args.today, args.days)
    print(body)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(f"## {ISSUE_TITLE}\n\n{body}\n")
    if args.issue:
        try:
            print(sync_issue(body, bool(due)), file=sys.stderr)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
