"""Presentation: what a reader sees, built from computed results and never computing them.

- :mod:`~lis_analytics.present.record`: the :class:`Chapter` recorder of tables, headline
  figures and key findings that the batch writes to the pack, the workbook and ``figures.csv``;
- :mod:`~lis_analytics.present.charts`: chart recipes in the Analysis Function style;
- :mod:`~lis_analytics.present.text`: formatters and each chapter's prose;
- :mod:`~lis_analytics.present.findings`: each chapter's key findings.
"""

from lis_analytics.present.record import FIGURE_COLUMNS, Chapter, TableRecord, readable

__all__ = ["FIGURE_COLUMNS", "Chapter", "TableRecord", "readable"]
