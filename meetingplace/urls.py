from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("centres.urls")),
    path("", include("activities.urls")),
    path("", include("house_meetings.urls")),
    path("", include("reports.yearly_urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the usual pages elsewhere.
handler404 = "centres.views.api.page_not_found"
handler500 = "centres.views.api.server_error"
