"""`make diff`: what readers will see change between two versions of the site, page by
page (``python -m scripts.diff``; cli.py says how).

One job per module:

- worktree.py: the base commit, and a temporary ``git worktree`` of it;
- build.py: building both versions side by side, as `make site` does;
- pages.py: reading a built page (the shared HTML reader and the build record);
- words.py: the word diff of two texts, in GitHub Markdown;
- changes.py: what the comparison finds, page, PDF and site;
- compare.py: comparing two built sites (pages and search terms);
- pdfs.py: comparing their PDFs by text and page count;
- passages.py: the passages behind the citations a change adds or alters;
- report.py: the report, in GitHub Markdown;
- preview.py: the preview of the changed pages and PDFs;
- errors.py: the one error, a comparison that could not be made;
- cli.py: the command.
"""
