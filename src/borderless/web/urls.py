from django.urls import path

from borderless.web.storefront import views as storefront

app_name = "web"

urlpatterns = [
    path("", storefront.home, name="home"),
]
