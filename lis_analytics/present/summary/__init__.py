"""The summary at the top of every pack: five messages, a dashboard, a map, data as at.

A board member reads this alone. Everything in it is read from the chapters' records
(``figures.csv``, the baseline chapter's tables, the sectors chapter's classification);
nothing is computed here.

- :mod:`~lis_analytics.present.summary.records`: reading and tidying the records
  (:func:`read_records` is the only function that touches files);
- :mod:`~lis_analytics.present.summary.dashboard`: one :class:`DashboardRow` per headline
  indicator (level, trend, change with its test, rank in its peer group);
- :mod:`~lis_analytics.present.summary.messages`: the five :class:`Message` s and the stated
  :data:`RULES` that choose them;
- :mod:`~lis_analytics.present.summary.render`: the HTML, with its own style.

Examples
--------
>>> from lis_analytics.present import summary
>>> html = summary.pack_summary_html(summary.SummaryRecords("X", "Exampleshire"))
>>> html.count("<li><strong>")
5
"""

from lis_analytics.present.summary.dashboard import (
    DashboardRow,
    change_words,
    dashboard_rows,
    direction_words,
    level_words,
)
from lis_analytics.present.summary.messages import (
    RULES,
    Message,
    change_message,
    choose_messages,
    productivity_message,
    risk_message,
    strength_message,
    weakness_message,
)
from lis_analytics.present.summary.records import SummaryRecords, read_records, tidy_table
from lis_analytics.present.summary.render import (
    SUMMARY_ANCHOR,
    pack_summary_html,
    summary_html,
    visible_words,
)

__all__ = [
    "RULES",
    "SUMMARY_ANCHOR",
    "DashboardRow",
    "Message",
    "SummaryRecords",
    "change_message",
    "change_words",
    "choose_messages",
    "dashboard_rows",
    "level_words",
    "pack_summary_html",
    "productivity_message",
    "read_records",
    "risk_message",
    "strength_message",
    "summary_html",
    "direction_words",
    "tidy_table",
    "visible_words",
    "weakness_message",
]
