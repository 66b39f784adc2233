"""`member add USERNAME --organisation SLUG [--group NAME] [--email ADDRESS] [--password-stdin]`,
`member token USERNAME` and `member reset-two-step USERNAME`."""

import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import Membership, Organisation
from portal.tokens import issue_personal_token


class Command(BaseCommand):
    help = (
        "Manage members of partner organisations: add one, issue a personal API token, or reset "
        "their two-step verification."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Create a member or add them to an organisation.")
        add.add_argument("username")
        add.add_argument(
            "--organisation",
            action="append",
            required=True,
            help="Organisation slug (spvm, sq, …); repeat for several.",
        )
        add.add_argument(
            "--group",
            action="append",
            default=[],
            help="Admin group to join (Editors write drafts, Moderators also publish, "
            "Rencontre organisers review unmet searches); repeat for several.",
        )
        add.add_argument(
            "--email",
            help="The member's e-mail address, where their saved searches' digests go.",
        )
        add.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input (without it, the account cannot "
            "sign in until a password is set in the admin).",
        )
        token = actions.add_parser("token", help="Print a new personal API token.")
        token.add_argument("username")
        reset = actions.add_parser(
            "reset-two-step",
            help="Forget the user's authenticator app (a lost phone); they set it up again.",
        )
        reset.add_argument("username")

    def handle(self, *args, action, username, **options):
        if action == "add":
            # Read before the transaction: on SQLite it holds the write lock while it lasts.
            password = read_password() if options["password_stdin"] else None
            self.add_member(
                username, options["organisation"], options["group"], password, options["email"]
            )
        elif action == "reset-two-step":
            self.reset_two_step(username)
        else:
            self.stdout.write(issue_personal_token(find_user(username)))

    def reset_two_step(self, username: str) -> None:
        user = find_user(username)
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if not removed:
            raise CommandError(f"{username} has no two-step verification to reset.")
        self.stdout.write(
            f"Two-step verification reset for {username}: they set it up again when they next "
            "use the admin (administrators must)."
        )

    @transaction.atomic
    def add_member(
        self,
        username: str,
        slugs: list[str],
        group_names: list[str],
        password: str | None,
        email: str | None = None,
    ) -> None:
        organisations = find_organisations(slugs)
        groups = find_groups(group_names)
        email = checked_email(email) if email is not None else None
        user, created = get_user_model().objects.get_or_create(username=username)
        if email is not None:
            user.email = email
        if password is not None:
            set_password(user, password)
        elif created:
            user.set_unusable_password()
        user.save()
        for organisation in organisations:
            Membership.objects.get_or_create(user=user, organisation=organisation)
        user.groups.add(*groups)
        names = ", ".join(organisation.slug for organisation in organisations)
        verb = "Created" if created else "Updated"
        joined = f", in {', '.join(group.name for group in groups)}" if groups else ""
        self.stdout.write(f"{verb} member {username} of {names}{joined}.")


def find_user(username: str):
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"No active user named {username!r}.") from None


def find_organisations(slugs: list[str]) -> list[Organisation]:
    found = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise CommandError(
            f"Unknown organisation {', '.join(unknown)}; known: {', '.join(sorted(found))}."
        )
    return [found[slug] for slug in slugs]


def find_groups(names: list[str]) -> list[Group]:
    found = {group.name: group for group in Group.objects.all()}
    unknown = [name for name in names if name not in found]
    if unknown:
        raise CommandError(
            f"Unknown group {', '.join(unknown)}; known: {', '.join(sorted(found))}."
        )
    return [found[name] for name in names]


def checked_email(email: str) -> str:
    try:
        validate_email(email)
    except ValidationError:
        raise CommandError(f"{email!r} is not an e-mail address.") from None
    return email


def read_password() -> str:
    return sys.stdin.readline().rstrip("\n")


def set_password(user, password: str) -> None:
    if not password:
        raise CommandError("The password read from standard input is empty.")
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    user.set_password(password)
