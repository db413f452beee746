"""Forms of the measures app, one module per topic."""
