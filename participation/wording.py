"""Counted nouns in German and English ("1 Kommentar", "3 Kommentare") through ``ngettext``."""

from django.utils.translation import ngettext


def contributions_counted(comments: int, ideas: int) -> dict[str, str]:
    """``{"comments": "1 Kommentar", "ideas": "2 Ideen"}`` for messages and subjects."""
    return {
        "comments": ngettext("%(count)d comment", "%(count)d comments", comments)
        % {"count": comments},
        "ideas": ngettext("%(count)d idea", "%(count)d ideas", ideas) % {"count": ideas},
    }
