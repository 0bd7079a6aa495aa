"""allauth's authentication backend, held to the account's end date (kb.people)."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from kb.people import account_in_force


class AuthenticationBackend(AllauthBackend):
    """Refuses a deactivated or ended account at sign-in and on every later request.

    Django asks `user_can_authenticate` both when a password is checked and when a
    session's user is loaded (ModelBackend.get_user), so a substitute's sessions end
    with their end date and a deactivated account's at once.
    """

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and account_in_force(user)
