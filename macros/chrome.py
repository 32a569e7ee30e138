"""What the theme shows around a page's body, as plain data in the page's metadata.

Both engines hand the theme the page's metadata, but Zensical passes it on as JSON and
renders the theme with MiniJinja: no Python objects, no methods (``.isoformat()``,
``.update()``). So the macros put plain values there: an article's or the site's review
as a mapping of strings (``facts``), and the structured data as JSON text made here
(``tojson`` of ``page_description``, ``faq_ld``) with the escaping and key order of Jinja's ``tojson``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from .model import Faq, Reviewed


def facts(item: Reviewed) -> dict[str, Any]:
    """An article's (or the site's) review as the theme shows it; an article adds its id
    and title. Dates are ISO text, as they print."""
    out: dict[str, Any] = {
        "review_status": item.review_status,
        "review_label": item.review_label,
        "reviewed": item.reviewed.isoformat(),
        "reviewed_text": item.reviewed_text,
        "review_due": item.review_due.isoformat(),
        "review_due_text": item.review_due_text,
        "reviewer": None,
    }
    if item.reviewer is not None:
        out["reviewer"] = {"name": item.reviewer.name, "credentials": item.reviewer.credentials}
    for name in ("id", "title"):
        if hasattr(item, name):
            out[name] = str(getattr(item, name))
    return out


def tojson(value: Any) -> str:
    """JSON as Jinja's ``tojson`` writes it (keys sorted; <, >, & and ' escaped)."""
    return str(htmlsafe_json_dumps(value, sort_keys=True))


def page_description(
    conf: Mapping[str, Any],
    url: str,
    title: str,
    description: str,
    article: Mapping[str, Any] | None,
    review: Mapping[str, Any] | None,
    about: Sequence[str] = (),
    cited: Sequence[Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """A page's schema.org ``MedicalWebPage``: the one description of a page, printed in
    its head (as ``tojson`` writes it) and published with the open data (scripts/open_data.py, which
    adds the sources it cites, known once the page is rendered: ``cited``, each with
    title, publisher and url). lastReviewed once the page has been checked, reviewedBy
    only for a named clinician; ``about``: the symptoms the page is about."""
    site_url = str(conf.get("site_url") or "")
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "inLanguage": conf["theme"]["language"],
        "url": site_url + url if site_url else site_url,
        "publisher": {"@type": "Organization", "name": conf["site_name"], "url": site_url},
        "audience": {"@type": "PeopleAudience", "audienceType": "Patients"},
    }
    if about:
        ld["about"] = [{"@type": "MedicalSignOrSymptom", "name": name} for name in about]
    if article:
        ld["headline"] = article["title"]
    if review and review["review_status"] != "draft":
        ld["lastReviewed"] = review["reviewed"]
        if review["reviewer"]:
            ld["reviewedBy"] = {
                "@type": "Person",
                "name": review["reviewer"]["name"],
                "description": review["reviewer"]["credentials"],
            }
    if cited is not None:
        ld["citation"] = [
            {
                "@type": "CreativeWork",
                "name": c["title"],
                "publisher": c["publisher"],
                "url": c["url"],
            }
            for c in cited
        ]
    return ld


def faq_ld(items: Iterable[Faq]) -> str:
    """The page's questions and answers as a schema.org ``FAQPage``."""
    return tojson(
        {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": f.question,
                    "acceptedAnswer": {"@type": "Answer", "text": f.answer},
                }
                for f in items
            ],
        }
    )
