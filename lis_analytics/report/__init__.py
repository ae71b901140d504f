"""Evidence packs: chapter notebooks run per area, assembled into HTML, Excel and CSV."""

from lis_analytics.report.chapter import Chapter

__all__ = ["Chapter"]
