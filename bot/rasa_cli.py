"""Rasa's command line without jax: `python -m bot.rasa_cli run ...` instead of `rasa run ...`.

TensorFlow 2.12 lists jax among its dependencies and imports it when it is installed, only for
TFLite's jax converter, which the assistant never uses. Marking jax as absent before Rasa imports
TensorFlow keeps it out of the Rasa server: about 65 MB less memory and 1.5 s less start-up
(docs/benchmarks.md). Everything else is Rasa's own command line.
"""

from __future__ import annotations

import sys

COMMAND = [sys.executable, "-m", "bot.rasa_cli"]  # how to start Rasa through this module, instead of `rasa`


def main() -> None:
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]  # `import jax` now fails as if not installed
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
