"""The domain core imports without Rasa, spaCy or TensorFlow (other doors and tools use it alone)."""
import subprocess
import sys

CORE = ["bot.dates", "bot.wareki", "bot.legal_age", "bot.documents", "bot.document_text", "bot.document_cli",
        "bot.profiles", "bot.profile_text", "bot.answer_facts", "bot.card_status_text", "bot.elderly_certificate",
        "bot.my_number_card", "bot.form_replies", "bot.input_text", "bot.topics", "bot.reference_date"]

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('rasa', 'rasa_sdk', 'spacy', 'tensorflow', 'ginza'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for module in sys.argv[1:]:
    importlib.import_module(module)
"""


def test_core_imports_without_rasa_or_spacy() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKER, *CORE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
