"""Custom actions (rasa-sdk). Kept thin: the rules and the texts live in the bot package."""
