"""Factories of portal.accounts: users (with personas' roles) and API tokens."""

from __future__ import annotations

import hashlib

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from factory.django import DjangoModelFactory

from portal.accounts.models import AccountMail, ApiToken, User

PASSWORD = "factory-password"

# Group names the portal's roles rely on (Wagtail's own groups, created by its migrations, and
# the participation moderators); personas join them by role, never by a demo user's name.
ROLE_GROUPS: dict[str, tuple[str, ...]] = {
    "citizen": (),
    "moderator": ("Participation moderators",),
    "editor": ("Editors",),
    "reviewer": ("Moderators",),
    "staff": (),
    "admin": (),
}


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    display_name = factory.Sequence(lambda n: f"Test user {n}")
    password = factory.django.Password(PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)
        admin = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        """``groups=["Editors"]``: join these groups by name (created when missing)."""
        if create and extracted:
            for name in extracted:
                user.groups.add(Group.objects.get_or_create(name=name)[0])

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        """``permissions=["catalogue.add_dataset"]``: grant these model permissions."""
        if create and extracted:
            for dotted in extracted:
                app_label, codename = dotted.split(".", 1)
                user.user_permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenFactory(DjangoModelFactory):
    """A token row with a made-up hash: for tests of the row, not of authentication (the
    accounts' token service mints tokens that authenticate)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"test token {n}")
    prefix = factory.Sequence(lambda n: f"tfx{n:08d}")
    secret_hash = factory.LazyAttribute(lambda token: secret_hash(f"{token.prefix}.secret"))
    scopes = factory.LazyFunction(lambda: [ApiToken.Scope.CATALOGUE_WRITE.value])


class AccountMailFactory(DjangoModelFactory):
    """A queued account mail, as allauth's adapter stores it."""

    class Meta:
        model = AccountMail

    recipients = factory.Sequence(lambda n: [f"mail-{n}@example.org"])
    from_email = "Smart City <noreply@example.org>"
    subject = "[Smart City] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    body = "Bitte bestätigen Sie: https://example.org/accounts/confirm-email/test/"


def persona_create(role: str = "citizen", **fields) -> User:
    """A user in one of the portal's roles, with a verified primary e-mail address.

    Roles: citizen, moderator (participation), editor and reviewer (Wagtail's page workflow),
    staff (admin access, no group), admin (superuser). ``fields`` override the user's
    fields or add ``groups``/``permissions`` (see UserFactory).
    """
    if role not in ROLE_GROUPS:
        raise ValueError(f"unknown role {role!r}; known: {', '.join(ROLE_GROUPS)}")
    groups = [*ROLE_GROUPS[role], *fields.pop("groups", ())]
    user = UserFactory(
        groups=groups,
        is_staff=role != "citizen",
        is_superuser=role == "admin",
        **fields,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
