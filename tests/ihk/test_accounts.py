"""Login by e-mail, no open sign-up, password reset, two-factor, language switch."""

from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def test_wrong_login_shows_german_error_and_keeps_email(client, manager):
    response = client.post(
        reverse("account_login"), {"login": "qm@example.org", "password": "falsch"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "E-Mail-Adresse und/oder das Passwort sind leider falsch" in html
    assert 'value="qm@example.org"' in html


def test_login_with_email_and_password_leads_to_dashboard(client, manager, area):
    response = client.post(
        reverse("account_login"), {"login": "qm@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("ihk:dashboard")
    assert area.name in response.content.decode()


def test_signup_is_closed(client, db):
    response = client.get(reverse("account_signup"))
    assert "Registrierung geschlossen" in response.content.decode()
    client.post(
        reverse("account_signup"),
        {
            "email": "x@example.org",
            "password1": "a-Very-long-pw-1",
            "password2": "a-Very-long-pw-1",
        },
    )
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_password_reset_sends_mail(client, manager):
    response = client.post(reverse("account_reset_password"), {"email": "qm@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "qm@example.org" in mail.outbox[0].to


def test_two_factor_setup_page_is_available_to_staff(client, reader):
    client.force_login(reader)
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    assert "Authenticator" in response.content.decode()
    # Activating asks for the password again before showing the QR code.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_language_switch_to_english(client, area):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Areas with a public concept" in html


def test_german_is_default(client, area):
    html = client.get("/").content.decode()
    assert '<html lang="de">' in html
    assert "Gebiete mit öffentlichem Konzept" in html
