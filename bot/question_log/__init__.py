"""The question log: one masked record per citizen question, with its answer's rating, in the
conversations' database (docs/report.md). Written by the Rasa server (recorder), read by the report."""
