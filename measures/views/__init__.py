"""Views of the measures app, one module per topic (concept structure, measures, public pages)."""
