"""Quality gates over the built site: accessibility, reflow, Lighthouse, HTML validity,
links, readability and structured data. Each module writes a report to build/reports/."""
