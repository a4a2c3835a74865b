"""The report for staff from the question log (python -m bot.report, make report, docs/report.md)."""
