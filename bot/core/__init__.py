"""The domain core: pure rules and data, importing neither Rasa nor spaCy."""
