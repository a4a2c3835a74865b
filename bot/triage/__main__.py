"""python -m bot.triage [FILE]: see bot/triage/cli.py and docs/triage.md."""

import logging
import os

# Before TensorFlow and Rasa load: standard error is for the progress bar, the summary and errors,
# not for the deprecation notices of the libraries they import.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
logging.captureWarnings(True)
logging.getLogger("py.warnings").setLevel(logging.ERROR)

from bot.triage.cli import main  # noqa: E402

raise SystemExit(main())
