"""Forms of the participation app, one module per topic."""
