"""Data protection: find, export and erase everything an e-mail address submitted in an area."""

import csv
import io
import json

import pytest
from django.urls import reverse

from participation import privacy
from participation.models import Comment, Idea
from tests.factories import CommentFactory, IdeaFactory, MeasureFactory

pytestmark = pytest.mark.django_db

EMAIL = "anna@example.net"


@pytest.fixture
def submissions(area, other_area):
    measure = MeasureFactory(area=area)
    own = CommentFactory(
        area=area,
        measure=measure,
        email=EMAIL,
        pseudonym="Anna K.",
        text="Mein Kommentar",
        client_hash="abc",
    )
    with_reply = CommentFactory(
        area=area, measure=measure, email=EMAIL.upper(), pseudonym="Anna K.", text="Mit Antwort"
    )
    reply = CommentFactory(
        area=area,
        measure=measure,
        parent=with_reply,
        email="bob@example.net",
        text="Antwort von Bob",
    )
    idea = IdeaFactory(area=area, contact_email=EMAIL, contact_name="Anna Kurz")
    foreign = CommentFactory(area=other_area, email=EMAIL, text="Anderes Gebiet")
    return {
        "own": own,
        "with_reply": with_reply,
        "reply": reply,
        "idea": idea,
        "foreign": foreign,
        "measure": measure,
    }


def _db_contains(value: str) -> bool:
    return any(
        value.lower() in str(row).lower()
        for row in list(Comment.objects.values()) + list(Idea.objects.values())
    )


def test_find_is_case_insensitive_and_per_area(area, submissions):
    found = privacy.find_submissions(area=area, email=EMAIL)
    assert {c.pk for c in found.comments} == {submissions["own"].pk, submissions["with_reply"].pk}
    assert [i.pk for i in found.ideas] == [submissions["idea"].pk]
    assert len(privacy.find_submissions(area=area, email="")) == 0


def test_export_json_and_csv(area, submissions):
    data = json.loads(privacy.export_json(area=area, email=EMAIL))
    assert {c["text"] for c in data["comments"]} == {"Mein Kommentar", "Mit Antwort"}
    assert data["ideas"][0]["contact_name"] == "Anna Kurz"
    assert "Anderes Gebiet" not in json.dumps(data)
    rows = list(
        csv.reader(
            io.StringIO(privacy.export_csv(area=area, email=EMAIL).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert len(rows) == 4  # header, two comments, one idea


def test_csv_export_defuses_formulas(area):
    CommentFactory(area=area, email=EMAIL, text='=HYPERLINK("http://x")')
    body = privacy.export_csv(area=area, email=EMAIL).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(body), delimiter=";"))[1]
    assert row[3].startswith("'=HYPERLINK")


def test_anonymise_keeps_text_and_removes_author_data(area, submissions):
    counts = privacy.erase_submissions(area=area, email=EMAIL, mode="anonymise")
    assert counts == {"comments": 2, "ideas": 1, "subscriptions": 0, "registrations": 0}
    own = Comment.objects.get(pk=submissions["own"].pk)
    assert own.text == "Mein Kommentar" and own.pseudonym == "" and own.email == ""
    assert own.client_hash == ""
    idea = Idea.objects.get(pk=submissions["idea"].pk)
    assert idea.contact_name == "" and idea.contact_email == ""
    # Only this area: the other area's comment is untouched (a request there is separate).
    assert Comment.objects.get(pk=submissions["foreign"].pk).email == EMAIL
    assert not Comment.objects.filter(area=area, email__iexact=EMAIL).exists()
    assert "Anna K." not in str(list(Comment.objects.filter(area=area).values()))
    assert len(privacy.find_submissions(area=area, email=EMAIL)) == 0


def test_delete_removes_comments_but_keeps_others_replies(area, submissions):
    privacy.erase_submissions(area=area, email=EMAIL, mode="delete")
    assert not Comment.objects.filter(pk=submissions["own"].pk).exists()
    assert not Idea.objects.filter(pk=submissions["idea"].pk).exists()
    placeholder = Comment.objects.get(pk=submissions["with_reply"].pk)
    assert placeholder.text == "" and placeholder.email == "" and placeholder.pseudonym == ""
    assert placeholder.moderation == "hidden"
    assert Comment.objects.get(pk=submissions["reply"].pk).text == "Antwort von Bob"
    assert not _db_contains("Mein Kommentar") and not _db_contains("Mit Antwort")
    assert not Comment.objects.filter(area=area, email__iexact=EMAIL).exists()


def test_erase_unknown_mode_is_refused(area):
    with pytest.raises(ValueError):
        privacy.erase_submissions(area=area, email=EMAIL, mode="everything")


def test_privacy_views(client_as, area, submissions):
    url = reverse("participation:privacy", kwargs={"area_slug": area.slug})
    client = client_as("manager")
    html = client.post(url, {"action": "search", "email": EMAIL}).content.decode()
    assert "Mein Kommentar" in html and "Anderes Gebiet" not in html
    response = client.post(url, {"action": "export_json", "email": EMAIL})
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["email"] == EMAIL
    response = client.post(url, {"action": "export_csv", "email": EMAIL})
    assert "Mein Kommentar" in response.content.decode("utf-8-sig")
    # Erasing needs confirmation.
    response = client.post(url, {"action": "erase", "email": EMAIL, "mode": "anonymise"})
    assert response.status_code == 400
    assert "Bitte bestätigen Sie die Löschung." in response.content.decode()
    assert Comment.objects.filter(area=area, email=EMAIL).exists()
    response = client.post(
        url, {"action": "erase", "email": EMAIL, "mode": "anonymise", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Comment.objects.filter(area=area, email__iexact=EMAIL).exists()
    export = json.loads(client.post(url, {"action": "export_json", "email": EMAIL}).content)
    assert export["comments"] == [] and export["ideas"] == []
    public = client_as("anonymous").get(submissions["measure"].get_absolute_url())
    assert EMAIL not in public.content.decode() and "Anna K." not in public.content.decode()


def test_privacy_bad_email_is_400(client_as, area):
    url = reverse("participation:privacy", kwargs={"area_slug": area.slug})
    response = client_as("manager").post(url, {"action": "search", "email": "kaputt"})
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["anonymous", "reader", "other_manager"])
def test_privacy_post_refused_for_others(client_as, area, submissions, role):
    url = reverse("participation:privacy", kwargs={"area_slug": area.slug})
    response = client_as(role).post(
        url, {"action": "erase", "email": EMAIL, "mode": "delete", "confirm": "on"}
    )
    assert response.status_code in (302, 403)
    assert Comment.objects.filter(area=area, email__iexact=EMAIL).count() == 2
