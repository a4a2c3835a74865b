"""python -m bot.report: see bot.report.cli. Library warnings and TensorFlow's start-up lines are
kept off standard error, which is for the report's own messages."""

import os
import sys
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from bot.report.cli import main  # after the settings above

warnings.filterwarnings("ignore")  # after the imports: Rasa's own filters put DeprecationWarning first
sys.exit(main())
