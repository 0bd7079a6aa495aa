from django.urls import path

from kb import views_account

urlpatterns = [
    path("account/", views_account.AccountView.as_view(), name="account"),
]
