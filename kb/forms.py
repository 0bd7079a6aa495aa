from django import forms
from django.utils.translation import gettext_lazy as _

from kb.models import StaffProfile


class ProfileLanguageForm(forms.ModelForm):
    class Meta:
        model = StaffProfile
        fields = ["language"]
        labels = {"language": _("Language of e-mails and calendar feeds")}
