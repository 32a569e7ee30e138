"""Quality gates over the built site: accessibility (axe at three screen sizes, pa11y),
reflow, Lighthouse, HTML validity, links, readability and structured data; and the
ProperDocs build check. Each gate writes a report to build/reports/."""
