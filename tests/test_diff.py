"""`make diff`: what readers will see change, page by page (scripts/diff/).

A git repository is made from the fixture project with one commit per kind of change (a
changed sentence, an added FAQ entry, a removed citation) and, left uncommitted, a new
lay term, a new review date and a new symptom; `scripts.diff` builds both versions the
real way (once per report, two reports per module) and the reports are read back.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.diff.changes import SiteDiff
from scripts.diff.cli import main
from scripts.diff.errors import DiffError
from scripts.diff.pages import Block, cited_numbers
from scripts.diff.pdfs import compare_pdfs
from scripts.diff.report import report as report_text
from scripts.diff.words import block_changes, md_escape, word_diff
from scripts.diff.worktree import resolve_base

from .conftest import ROOT, make_project

OLD_SENTENCE = "A sudden, painful tightening of a muscle."
NEW_SENTENCE = "A sudden, painful tightening of a muscle, often at night."
NEW_QUESTION = "Do cramps go away with treatment?"
REMOVED_SOURCE = "Muscle Cramps (MedlinePlus (U.S. National Library of Medicine))"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1))


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def run_diff(repo: Path, base: str, name: str) -> str:
    report = repo / "build" / f"{name}.md"
    code = main(
        [
            "--repo",
            str(repo),
            "--base",
            base,
            "--report",
            str(report),
            "--preview",
            str(repo / "build" / f"{name}-preview"),
        ]
    )
    assert code == 0
    return report.read_text()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("diff"))
    (project / ".gitignore").write_text("/build/\n/site/\n")
    git(project, "init", "-q", "-b", "main")
    commit(project, "The fixture site")
    data = project / "data"
    edit(data / "symptoms.yml", f"feels_like: {OLD_SENTENCE}", f"feels_like: {NEW_SENTENCE}")
    commit(project, "A changed sentence")
    faq = yaml.safe_load((data / "faq.yml").read_text())
    faq.append(
        {
            "id": "do-cramps-go-away",
            "question": NEW_QUESTION,
            "answer": "They often ease once low B12 is treated.",
            "articles": ["test-article"],
            "sources": ["nhs-b12-folate-anaemia#fixture"],
        }
    )
    (data / "faq.yml").write_text(yaml.safe_dump(faq, sort_keys=False))
    commit(project, "An added FAQ entry")
    comparisons = data / "comparisons.yml"
    edit(comparisons, ", medlineplus-muscle-cramps#fixture]", "]")
    commit(project, "A removed citation")
    return project


@pytest.fixture(scope="module")
def last_commit(repo: Path) -> str:
    """The report for the last commit alone (BASE=HEAD~1), with a clean working tree."""
    return run_diff(repo, "HEAD~1", "last-commit")


@pytest.fixture(scope="module")
def whole_branch(repo: Path, last_commit: str) -> str:
    """The report against the first commit, with a lay term added, the article's review
    date moved and a symptom added, none of them committed."""
    edit(
        repo / "data" / "symptoms.yml",
        "lay_terms: [leg cramps]",
        "lay_terms: [leg cramps, charley horse]",
    )
    edit(repo / "data" / "articles.yml", "reviewed: 2026-11-21", "reviewed: 2026-12-01")
    with (repo / "data" / "symptoms.yml").open("a") as f:
        f.write(
            "- id: twitching\n  name: Muscle twitches\n  lay_terms: [jumpy muscles]\n"
            "  feels_like: Small flickers under the skin.\n  body_areas: [legs]\n"
            "  mechanisms: [demyelination]\n"
            "  how_b12_causes_it: [{text: Misfiring nerves., sources: [msd-b12-deficiency#fixture]}]\n"
            "  care: {level: routine, text: Twitches keep coming back., sources: [msd-b12-deficiency#fixture]}\n"
            "  sources: [msd-b12-deficiency#fixture]\n"
        )
    return run_diff(repo, "main~3", "whole-branch")


def headings(report: str) -> list[str]:
    return re.findall(r"^### `([^`]+)`", report, re.M)


def section(report: str, url: str) -> str:
    start = report.index(f"### `{url}`")
    end = report.find("\n### ", start + 1)
    return report[start : end if end > 0 else None]


def test_the_report_starts_with_a_one_line_summary(whole_branch: str, last_commit: str) -> None:
    first = whole_branch.splitlines()[0]
    assert first.startswith("**What readers will see change** (against `main~3`")
    # The article, the cramps page and the two pages listing the symptoms; the new page;
    # two lay terms and the new symptom's name.
    assert first.endswith(
        ": 4 pages changed, 1 added; 1 citation removed; 3 search terms added."
    ), first
    assert last_commit.splitlines()[0].endswith(": 1 page changed; 1 citation removed.")


def test_a_changed_sentence_is_marked_word_by_word_on_each_page_that_shows_it(
    whole_branch: str,
) -> None:
    for url in ("/articles/test-article/", "/symptoms/muscle-cramps/"):
        text = section(whole_branch, url)
        assert "tightening of a ~~muscle.~~ **muscle, often at night.**" in text
        assert OLD_SENTENCE not in text.replace("~~muscle.~~", "")  # not the whole block again


def test_an_added_faq_entry_is_marked_added_in_its_section(whole_branch: str) -> None:
    text = section(whole_branch, "/articles/test-article/")
    assert f"- _Questions people ask_: **{NEW_QUESTION}**" in text
    assert "**They often ease once low B12 is treated. [2]**" in text  # its source, by number


def test_the_passages_behind_added_citations_are_quoted(
    whole_branch: str, last_commit: str
) -> None:
    text = whole_branch[whole_branch.index("### Passages behind added or changed citations") :]
    assert (
        "- `nhs-b12-folate-anaemia#fixture` (Vitamin B12 or folate deficiency anaemia, NHS; "
        "newly relied on)\n  > A passage of the source standing in for its words in tests.\n"
        "  - read 2026-12-01\n"
        "  - data/faq.yml, do-cramps-go-away: They often ease once low B12 is treated."
    ) in text
    assert "  - data/symptoms.yml, twitching: Small flickers under the skin." in text
    # Only what is new: the citations the fixture already had are not listed again.
    assert "data/articles.yml, test-article" not in text
    assert "### Passages behind" not in last_commit  # a removed citation relies on nothing new


def test_a_removed_citation_is_named_by_its_title(last_commit: str) -> None:
    assert headings(last_commit) == ["/articles/test-article/"]
    text = section(last_commit, "/articles/test-article/")
    assert f"Citations removed:\n\n- ~~{md_escape(REMOVED_SOURCE)}~~" in text
    # The table's caption no longer cites it; the citations around it are unchanged.
    assert "other cramps [3] ~~[source: Muscle Cramps (MedlinePlus" in text
    # Sources after it are numbered one lower now: renumbering alone is no change.
    assert len(re.findall(r"^- _", text, re.M)) == 1


def test_only_the_pages_that_changed_are_listed(
    repo: Path, whole_branch: str, last_commit: str
) -> None:
    assert headings(whole_branch) == [
        "/",
        "/articles/test-article/",
        "/symptoms/",
        "/symptoms/muscle-cramps/",
    ]
    # Negative controls: the pins-and-needles page shows none of these changes (though its
    # navigation now lists the new symptom), and the last commit's report holds none of
    # the earlier commits' changes.
    assert "/symptoms/paresthesia/" not in whole_branch
    built = [
        repo / "build" / "diff" / side / "symptoms" / "paresthesia" / "index.html"
        for side in ("base", "head")
    ]
    assert "Muscle twitches" in built[1].read_text()
    assert "Muscle twitches" not in built[0].read_text()
    assert NEW_QUESTION not in last_commit and "often at night" not in last_commit


def test_reading_time_grade_and_review_details_are_given_per_page(
    whole_branch: str, last_commit: str
) -> None:
    text = section(whole_branch, "/articles/test-article/")
    facts = text.splitlines()[2]
    assert re.fullmatch(
        r"Reading grade [\d.]+( → [\d.]+)? · reading time \d+( → \d+)? min · words \d+ → \d+",
        facts,
    ), facts
    assert "Review:\n\n- Last checked: ~~21 November 2026~~ → **1 December 2026**\n" in text
    assert "Next review due" not in text  # unchanged, so not listed
    assert "Review:" not in last_commit  # its review dates did not change
    assert "no build record" not in whole_branch  # both sides wrote one


def test_pages_added_are_listed_with_their_titles(whole_branch: str) -> None:
    assert "### Pages added\n\n- `/symptoms/twitching/` — Muscle twitches\n" in whole_branch
    assert "### `/symptoms/twitching/`" not in whole_branch  # not also a changed page
    assert "Pages removed" not in whole_branch


def test_search_terms_added_name_their_pages(whole_branch: str) -> None:
    assert (
        "### Search terms\n\n"
        "- **charley horse** (added; `/symptoms/muscle-cramps/`)\n"
        "- **jumpy muscles** (added; `/symptoms/twitching/`)\n"
        "- **Muscle twitches** (added; `/symptoms/twitching/`)\n"
    ) in whole_branch
    assert "leg cramps" not in whole_branch.split("### Search terms")[1]  # kept, not listed


def test_the_preview_holds_only_the_changed_pages_and_what_they_load(
    repo: Path, last_commit: str
) -> None:
    preview = repo / "build" / "last-commit-preview"
    pages = sorted(p.relative_to(preview).as_posix() for p in preview.rglob("*.html"))
    assert pages == ["articles/test-article/index.html", "changed-pages.html"]
    assert (preview / "assets" / "stylesheets" / "b12.css").is_file()
    assert not (preview / "search").exists()


def test_the_base_worktree_is_removed_afterwards(repo: Path, whole_branch: str) -> None:
    assert git(repo, "worktree", "list").count("\n") == 1


def test_a_base_that_is_not_a_commit_is_a_clear_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--repo", str(repo), "--base", "no-such-ref"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: git rev-parse") and "Traceback" not in err


def test_a_working_tree_that_does_not_build_is_a_clear_error(
    repo: Path, whole_branch: str, capsys: pytest.CaptureFixture[str]
) -> None:
    foods = repo / "data" / "foods.yml"
    good = foods.read_text()
    foods.write_text(good.replace("  mcg: 17\n", "  mcg: lots\n"))
    report = repo / "build" / "broken.md"
    report.write_text("a stale report")
    try:
        code = main(["--repo", str(repo), "--base", "HEAD", "--report", str(report)])
    finally:
        foods.write_text(good)
    err = capsys.readouterr().err
    assert code == 1
    assert "error: the site at the working tree does not build" in err
    assert "data/foods.yml:4:8: [0].mcg:" in err
    assert "Traceback" not in err and "BASE" not in err  # the base builds
    assert not report.exists()  # no stale report left beside a failed run


def test_the_default_base_is_the_merge_base_with_main(
    repo: Path, tmp_path: Path, last_commit: str
) -> None:
    head = git(repo, "rev-parse", "HEAD").strip()
    assert resolve_base(repo, None) == (head, "the merge base with `main`")
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", "-b", "trunk")
    git(other, "commit", "-q", "--allow-empty", "-m", "first")
    with pytest.raises(DiffError, match="no branch main or origin/main"):
        resolve_base(other, None)


def test_make_diff_passes_base_and_pdfs_on() -> None:
    def dry_run(*args: str) -> str:
        result = subprocess.run(
            ["make", "-n", "diff", *args], cwd=ROOT, capture_output=True, text=True, check=True
        )
        lines = result.stdout.splitlines()
        return next(line.rstrip() for line in lines if "-m scripts.diff" in line)

    assert dry_run("BASE=HEAD~1", "PDFS=yes").endswith('-m scripts.diff --base "HEAD~1" --pdfs')
    assert dry_run().endswith("-m scripts.diff")


# The parts, on small inputs.


def test_word_diff_keeps_a_few_words_of_context_either_side() -> None:
    old = " ".join(f"w{i}" for i in range(40))
    new = old.replace("w20", "changed")
    (hunk,) = word_diff(old, new, {})
    assert (
        hunk
        == "… w12 w13 w14 w15 w16 w17 w18 w19 ~~w20~~ **changed** w21 w22 w23 w24 w25 w26 w27 w28 …"
    )
    assert word_diff(old, old, {}) == []


def test_a_new_paragraph_before_an_edited_one_is_added_and_the_edit_marked() -> None:
    same = Block("Outlook", "Most people get better with treatment.")
    edited = Block("Outlook", "Nerve damage can take months to heal, and some may stay.")
    changes = block_changes(
        [same, edited],
        [
            same,
            Block("Outlook", "Ask your doctor when to expect a change."),
            Block("Outlook", "Nerve damage can take many months to heal, and some may stay."),
        ],
        {},
    )
    assert changes == [
        ("Outlook", "**Ask your doctor when to expect a change.**"),
        ("Outlook", "Nerve damage can take **many** months to heal, and some may stay."),
    ]


def test_markdown_in_page_text_is_shown_as_written() -> None:
    (hunk,) = word_diff("Take *one* tablet", "Take <b>two</b> tablets_", {})
    assert hunk == "Take ~~\\*one\\* tablet~~ **\\<b\\>two\\</b\\> tablets\\_**"


@pytest.fixture(scope="module")
def pdf_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from weasyprint import HTML

    tmp = tmp_path_factory.mktemp("pdfs")
    pages = {
        "old": {"same": "Eat eggs.", "changed": "Rest may help.", "gone": "Bye."},
        "new": {"same": "Eat eggs.", "changed": "Rest may not help.", "new": "Hello."},
    }
    for side, pdfs in pages.items():
        (tmp / side / "pdf").mkdir(parents=True)
        for name, text in pdfs.items():
            HTML(string=f"<p>{text}</p>").write_pdf(tmp / side / "pdf" / f"{name}.pdf")
    return tmp / "old", tmp / "new"


def test_pdfs_whose_text_changed_are_listed_and_the_same_ones_are_not(
    pdf_sites: tuple[Path, Path],
) -> None:
    result = SiteDiff()
    compare_pdfs(*pdf_sites, result)
    assert [(p.name, p.pages, p.changes) for p in result.pdfs_changed] == [
        ("changed.pdf", (1, 1), ["Rest may **not** help."])
    ]
    assert result.pdfs_added == ["new.pdf"] and result.pdfs_removed == ["gone.pdf"]
    text = report_text(result, "`x`")
    assert "1 PDF changed, 1 added, 1 removed" in text.splitlines()[0]
    assert "same.pdf" not in text  # negative control: same text, though rendered twice


def test_the_content_diff_workflow_reports_pull_requests_read_only() -> None:
    workflow = ROOT / ".github" / "workflows" / "content-diff.yml"
    data = yaml.safe_load(workflow.read_text())
    assert set(data[True]) == {"pull_request"}  # PyYAML reads `on` as True
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in job["steps"]]
    assert "make diff BASE=HEAD^1 PDFS=yes" in runs  # the PDFs too
    assert any("content-diff.md" in r and "GITHUB_STEP_SUMMARY" in r for r in runs)
    upload = next(
        s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["path"] == "build/diff/preview/"


def test_a_citation_marker_names_each_of_its_sources() -> None:
    assert cited_numbers("Sources [1–3, 5]") == [1, 2, 3, 5]
    assert cited_numbers("Source [7]") == [7]
    assert cited_numbers("no marker") == []
