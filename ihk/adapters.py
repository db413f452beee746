"""django-allauth adapter: no sign-up, and login throttling that cannot lock staff out.

allauth counts failed logins per client address ("ip") and per "key", the key being the e-mail
address. Keyed by the e-mail address alone, failures from anywhere lock the account for everyone.
Here the key is the e-mail address *and* the client address, so a correct password from another
address still works. Across all addresses a brute-force brake ("login_failed_account" in
ACCOUNT_RATE_LIMITS) counts the failures of one account: once it is exhausted, every address gets
a single attempt per hour for that account (the right password still logs in; guessing slows to
a crawl).
Every counter lives in the default cache, shared by all workers.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit  # the module allauth's own adapter uses

APP = "allauth.account"

# Actions of settings.ACCOUNT_RATE_LIMITS used by the brake (allauth's own is "login_failed").
BRAKE_ACTION = "login_failed_account"
BRAKED_ACTION = "login_failed_braked"


class NoSignupAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    @staticmethod
    def _login(credentials):
        return credentials.get("email", credentials.get("username", "")).lower()

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed-login key: account and client address (not the account alone).

        Overrides allauth 65's hook for the "login_failed" key; tests/ihk/test_security_login.py
        fails if a new allauth stops calling it.
        """
        address = self.get_client_ip(request)
        return f"{self._login(credentials)}@@{address}"

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        self._braked_usage = None
        braking = not ratelimit.consume(
            request,
            app=APP,
            action=BRAKE_ACTION,
            key=self._login(credentials),
            dry_run=True,
        )
        if braking:
            self._braked_usage = ratelimit.consume(
                request,
                app=APP,
                action=BRAKED_ACTION,
                key=self._get_login_attempts_cache_key(request, **credentials),
            )
            if not self._braked_usage:
                self._rollback_login_failed_rl_usage()
                raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user and getattr(self, "_braked_usage", None):
            self._braked_usage.rollback()
        return user

    def authentication_failed(self, request, **credentials):
        """Count the failure against the account over all addresses (the brake)."""
        super().authentication_failed(request, **credentials)
        ratelimit.consume(
            request,
            app=APP,
            action=BRAKE_ACTION,
            key=self._login(credentials),
        )
