"""The Rasa-free packages (bot.core, bot.answers) import without Rasa, spaCy or TensorFlow: other
doors and tools use them alone. Every module in them is walked, so a new one is covered too."""

import pkgutil
import subprocess
import sys

import bot.answers
import bot.core

RASA_FREE = [bot.core, bot.answers]
RUN_AS_SCRIPT = {"bot.answers.__main__"}  # runs the CLI when imported

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('rasa', 'rasa_sdk', 'spacy', 'tensorflow', 'ginza', 'sanic'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for module in sys.argv[1:]:
    importlib.import_module(module)
"""


def rasa_free_modules() -> list[str]:
    names = []
    for package in RASA_FREE:
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name not in RUN_AS_SCRIPT:
                names.append(info.name)
    return names


def test_the_walk_finds_every_core_module() -> None:
    modules = rasa_free_modules()
    assert {"bot.core.dates", "bot.core.documents", "bot.answers.document_service"} <= set(modules)
    assert len(modules) >= 20


def test_core_imports_without_rasa_or_spacy() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKER, *rasa_free_modules()], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
