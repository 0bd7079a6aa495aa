from django.urls import path
from django.utils.translation import gettext_lazy as _

from kb import views_account

urlpatterns = [
    path(_("account/"), views_account.AccountView.as_view(), name="account"),
]
