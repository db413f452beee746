"""Writes of the funding administration: notices with their PDF, draw-downs, feed tokens."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import DeadlineFeedToken, DrawDownState, GrantNotice
from .models.funding import new_feed_token


def _delete_file_after_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def save_notice(*, form) -> GrantNotice:
    """Save a valid ``GrantNoticeForm`` (with its measures); a replaced or cleared PDF is removed
    from the storage once the change is committed."""
    old_name = ""
    if form.instance.pk:
        old_name = (
            GrantNotice.objects.filter(pk=form.instance.pk)
            .values_list("document", flat=True)
            .first()
            or ""
        )
    notice = form.save(commit=False)
    notice.full_clean()
    notice.save()
    form.save_m2m()
    if old_name and old_name != notice.document.name:
        _delete_file_after_commit(notice.document.storage, old_name)
    return notice


@transaction.atomic
def delete_notice(*, notice: GrantNotice) -> None:
    name, storage = notice.document.name, notice.document.storage
    notice.delete()
    _delete_file_after_commit(storage, name)


@transaction.atomic
def save_draw_down(*, notice: GrantNotice, form):
    """Save a valid ``DrawDownForm``. The notice row is locked and the sum checked again, so two
    requests at once cannot together draw more than the notice grants."""
    locked = GrantNotice.objects.select_for_update().get(pk=notice.pk)
    draw_down = form.save(commit=False)
    draw_down.notice = locked
    draw_down.full_clean()
    if draw_down.state != DrawDownState.REJECTED:
        others = (
            locked.draw_downs.exclude(pk=draw_down.pk)
            .exclude(state=DrawDownState.REJECTED)
            .values_list("amount", flat=True)
        )
        if sum(others, draw_down.amount) > locked.amount:
            raise ValidationError(
                {"amount": _("The draw-downs would exceed the amount of the notice.")}
            )
    draw_down.save()
    return draw_down


def regenerate_feed_token(*, user) -> DeadlineFeedToken:
    """A new secret for the user's deadline calendar; the old URL stops working at once."""
    token, _created = DeadlineFeedToken.objects.update_or_create(
        user=user, defaults={"token": new_feed_token()}
    )
    return token


def revoke_feed_token(*, user) -> None:
    DeadlineFeedToken.objects.filter(user=user).delete()
