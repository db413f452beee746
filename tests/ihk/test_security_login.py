"""Login and password-reset throttling (issue 10.1, 10.2): shared, proxy-aware, no lockout."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
TOO_MANY = "Zu viele gescheiterte Anmeldeversuche"


@pytest.fixture(autouse=True)
def empty_cache(db):  # the default cache is the database cache
    cache.clear()
    yield
    cache.clear()


def post_login(client, email, password, address):
    return client.post(
        LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address, follow=False
    )


def logged_in(response):
    return response.status_code == 302 and response.url == reverse("ihk:dashboard")


def test_failures_from_other_addresses_do_not_lock_out_a_correct_login(manager):
    client = Client()
    for n in range(10):
        response = post_login(client, "qm@example.org", "wrong", f"198.51.100.{n + 1}")
        assert response.status_code == 200
    # The same account, with the right password, from an address that has not failed.
    assert logged_in(post_login(Client(), "qm@example.org", PASSWORD, "203.0.113.7"))


def test_failures_for_unknown_accounts_do_not_lock_out_another_account(manager):
    for n in range(10):
        post_login(Client(), f"nobody{n}@example.org", "wrong", f"198.51.100.{n + 1}")
    assert logged_in(post_login(Client(), "qm@example.org", PASSWORD, "203.0.113.7"))


def test_behind_the_proxy_each_visitor_has_its_own_budget(settings, manager):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for n in range(10):
        Client().post(
            LOGIN,
            {"login": f"nobody{n}@example.org", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}",
        )
    response = Client().post(
        LOGIN,
        {"login": "qm@example.org", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert logged_in(response)


def test_brute_force_from_one_address_stops_at_the_limit_across_processes(manager):
    """Two clients stand for two workers: they share the counters of the default cache."""
    workers = [Client(), Client()]
    refused_at = None
    for attempt in range(1, 13):
        response = post_login(workers[attempt % 2], "qm@example.org", "wrong", "198.51.100.9")
        if TOO_MANY in response.content.decode():
            refused_at = attempt
            break
    assert refused_at == 6  # "5/5m/key": five failures, the sixth attempt is refused
    # Now even the right password is refused from this address...
    response = post_login(workers[0], "qm@example.org", PASSWORD, "198.51.100.9")
    assert not logged_in(response)
    # ...but not from another one.
    assert logged_in(post_login(Client(), "qm@example.org", PASSWORD, "203.0.113.7"))


def test_per_address_limit_over_many_accounts(manager):
    for n in range(10):
        post_login(Client(), f"nobody{n}@example.org", "wrong", "198.51.100.9")
    response = post_login(Client(), "nobody99@example.org", "wrong", "198.51.100.9")
    assert TOO_MANY in response.content.decode()


def test_distributed_brute_force_is_braked_but_the_right_password_still_works(settings, manager):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "5/h/key",
    }
    for n in range(5):
        post_login(Client(), "qm@example.org", "wrong", f"198.51.100.{n + 1}")
    # The brake holds: a new address gets a single attempt for this account.
    first = post_login(Client(), "qm@example.org", "wrong", "192.0.2.1")
    assert TOO_MANY not in first.content.decode()
    second = post_login(Client(), "qm@example.org", "wrong", "192.0.2.1")
    assert TOO_MANY in second.content.decode()
    # The right password from yet another address still logs in, and keeps doing so.
    assert logged_in(post_login(Client(), "qm@example.org", PASSWORD, "192.0.2.2"))
    assert logged_in(post_login(Client(), "qm@example.org", PASSWORD, "192.0.2.2"))


def reset(client, email, address="198.51.100.20"):
    return client.post(reverse("account_reset_password"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_flood_sends_at_most_three_mails_per_hour(manager):
    client = Client()
    statuses = [reset(client, "qm@example.org").status_code for _ in range(30)]
    assert len(mail.outbox) == 3
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    # From other addresses the same account gets no more mails either.
    for n in range(5):
        reset(Client(), "qm@example.org", address=f"192.0.2.{n + 1}")
    assert len(mail.outbox) == 3


def test_password_reset_flood_from_one_address_over_many_accounts(manager):
    for n in range(15):
        reset(Client(), f"person{n}@example.org")
    assert reset(Client(), "qm@example.org").status_code == 429
    assert len(mail.outbox) == 0


def test_password_reset_never_mails_unknown_addresses_and_answers_the_same(manager):
    unknown = reset(Client(), "stranger@example.net", address="192.0.2.50")
    known = reset(Client(), "qm@example.org", address="192.0.2.51")
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url
    assert [message.to for message in mail.outbox] == [["qm@example.org"]]


def test_rate_limited_page_is_translated(manager):
    client = Client()
    for _ in range(4):
        response = reset(client, "qm@example.org")
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()


def test_login_page_offers_password_reset_once(client, db):
    html = client.get(LOGIN).content.decode()
    assert html.count("Passwort vergessen?") == 1
    assert html.count(reverse("account_reset_password")) == 1
