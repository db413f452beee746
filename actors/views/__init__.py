"""Internal pages of the actor register, one module per page group (register, contact persons,
committees, stakeholder map); import and export are in ``actors.import_views``."""
