"""Bootstrap classes for the GET filter forms of the lists, so the fields render with a small
template (``components/filter_field.html``) instead of crispy-forms, whose per-field templates
cost more than the rest of a list page."""

from django import forms


def bootstrap_filter_form(form: forms.Form) -> forms.Form:
    """Give every widget its Bootstrap class, and mark fields with errors as invalid."""
    errors = form.errors if form.is_bound else {}
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if name in errors:
            css += " is-invalid"
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"{form.auto_id % name}-error"
        widget.attrs["class"] = css
    return form
