"""Organisations' own sign-in: an OpenID Connect provider per municipality or region."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from kb.models import Organisation


class SignInProviderQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True).select_related("organisation")


class SignInProvider(models.Model):
    """One organisation's identity provider (Entra ID, Google, MPASSid …), through allauth.

    allauth sees each row as an `openid_connect` SocialApp built in memory
    (identity.adapters.SocialAccountAdapter.list_apps), so the configuration lives
    in one place. At every sign-in the claims named here set the staff profile's
    organisation, schools and roles (identity.claims).
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sign_in_providers",
    )
    slug = models.SlugField(
        _("identifier"),
        max_length=40,
        unique=True,
        help_text=_("Part of the return address registered at the provider: /sso/<identifier>/…"),
    )
    label_fi = models.CharField(
        _("name in the Finnish button"),
        max_length=80,
        blank=True,
        help_text=_('In the genitive: "Ruskon kunnan" gives "Kirjaudu Ruskon kunnan tunnuksella".'),
    )
    label_sv = models.CharField(
        _("name in the Swedish button"),
        max_length=80,
        blank=True,
        help_text=_('"Rusko kommun" gives "Logga in med Rusko kommun".'),
    )
    issuer = models.URLField(
        _("issuer"),
        max_length=300,
        help_text=_("The provider's issuer URL; its /.well-known/openid-configuration is read."),
    )
    client_id = models.CharField(_("client ID"), max_length=200)
    secret = models.CharField(_("client secret"), max_length=500)
    scopes = models.CharField(_("scopes"), max_length=200, default="openid profile email")
    organisation_claim = models.CharField(
        _("organisation claim"),
        max_length=100,
        blank=True,
        help_text=_(
            "A claim whose value is the slug of this organisation or of one of its member "
            "organisations. Empty: everyone signing in here belongs to this organisation."
        ),
    )
    school_claim = models.CharField(
        _("school claim"),
        max_length=100,
        blank=True,
        help_text=_("A claim with the schools' slugs or codes (MPASSid: schoolInfo)."),
    )
    roles_claim = models.CharField(
        _("roles claim"),
        max_length=100,
        blank=True,
        help_text=_("A claim with the roles' slugs (MPASSid: role)."),
    )
    enabled = models.BooleanField(_("in use"), default=True)

    objects = SignInProviderQuerySet.as_manager()

    panels = [
        FieldPanel("organisation"),
        FieldPanel("slug"),
        FieldPanel("label_fi"),
        FieldPanel("label_sv"),
        MultiFieldPanel(
            [
                FieldPanel("issuer"),
                FieldPanel("client_id"),
                FieldPanel("secret"),
                FieldPanel("scopes"),
            ],
            heading=_("OpenID Connect"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisation_claim"),
                FieldPanel("school_claim"),
                FieldPanel("roles_claim"),
            ],
            heading=_("Claims"),
        ),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = _("sign-in provider")
        verbose_name_plural = _("sign-in providers")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.organisation} ({self.slug})"

    def clean(self):
        if self.scopes and "openid" not in self.scopes.split():
            raise ValidationError({"scopes": _("The scopes must include openid.")})

    @property
    def origin(self):
        parts = urlsplit(self.issuer)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def label(self):
        """The organisation as the button names it, in the reader's language."""
        own = self.label_sv if (get_language() or "fi").startswith("sv") else self.label_fi
        return own or self.organisation.localized.name

    def social_app(self):
        """This provider as allauth's SocialApp (unsaved: nothing else refers to it)."""
        from allauth.socialaccount.models import SocialApp

        return SocialApp(
            provider="openid_connect",
            provider_id=self.slug,
            name=str(self.organisation),
            client_id=self.client_id,
            secret=self.secret,
            settings={
                "server_url": self.issuer.rstrip("/") + "/.well-known/openid-configuration",
                # ID tokens must come from the issuer configured here, whatever the
                # discovery document says (OpenID Connect Discovery 1.0, section 4.3).
                "openid_configuration_overrides": {"issuer": self.issuer},
                "scope": self.scopes.split(),
                "oauth_pkce_enabled": True,
            },
        )
