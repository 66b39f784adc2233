"""Personal API tokens, on Wagtail's APIToken model: stored hashed, revocable in the admin."""

from django.utils import timezone
from wagtail.models import APIToken

PERSONAL_TOKEN_NAME = "Personal API token"  # noqa: S105 (a label, not a secret)


def issue_personal_token(user) -> str:
    """A new token for `user`; the plain text is returned once and never stored."""
    _token, plaintext = APIToken.create_token(user=user, name=PERSONAL_TOKEN_NAME)
    return plaintext


def user_for_token(plaintext: str):
    """The active user a valid, unrevoked token belongs to, or None."""
    if not APIToken.validate_token_format(plaintext):
        return None
    token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(plaintext), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    APIToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
