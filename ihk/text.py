"""Cleaning of user text at the edge: control and bidi-override characters never get stored.

A vertical tab from Word (Shift+Enter), a NUL from a broken import or a right-to-left override
(U+202E) that turns "exe.txt" around are not text a person meant to write. They break exports
(XML forbids most C0 controls) and can disguise a comment, so every form and import passes user
text through :func:`clean_text` before it is validated and saved.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). Plain marks
# (LRM, RLM) stay: they cannot reorder text beyond their own position.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Lone surrogates cannot be encoded as UTF-8 and so cannot be stored.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str, *, multiline: bool = True) -> str:
    """``value`` without control, bidi-override and surrogate characters, in NFC.

    Vertical tab and form feed become a line break in multi-line text (Word's manual line break)
    and a space in single-line text; line breaks and tabs become spaces in single-line text.
    """
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\x0b", "\n").replace("\x0c", "\n")
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    value = _SURROGATE.sub("", _BIDI.sub("", _CONTROL.sub("", value)))
    return unicodedata.normalize("NFC", value)


class CleanTextFormMixin:
    """Form mixin for user text: cleaned on the way in, and its length limit said, not enforced
    by cutting.

    Every text value in ``cleaned_data`` goes through :func:`clean_text`; fields whose widget is
    a ``Textarea`` keep their line breaks, all others become one line. Put it first in the
    bases so it runs after the form's own ``clean()``.

    A browser's ``maxlength`` silently cuts a pasted text, so the limit moves to
    ``data-maxlength``: the help text names it, ``static/js/charcount.js`` counts down while
    typing, and a text that is too long is refused by the form with the text kept.
    """

    def __init__(self, *args, **kwargs):
        from django import forms

        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if not isinstance(field, forms.CharField) or not limit:
                continue
            attrs = field.widget.attrs
            attrs.pop("maxlength", None)
            attrs["data-maxlength"] = str(limit)
            attrs["data-left"] = _("%(count)s characters left")
            attrs["data-over"] = _("%(count)s characters too many")
            if limit >= 80:  # short codes and names need no hint
                hint = _("At most %(count)s characters.") % {"count": limit}
                field.help_text = f"{field.help_text} {hint}".strip() if field.help_text else hint

    def clean(self):
        from django import forms

        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            if isinstance(value, str) and name in self.fields:
                multiline = isinstance(self.fields[name].widget, forms.Textarea)
                cleaned_data[name] = clean_text(value, multiline=multiline)
        return cleaned_data
