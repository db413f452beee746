"""Views of the participation app, one module per topic (events, contributions, moderation)."""
