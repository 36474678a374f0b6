from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from centres import urls as centres_urls
from meetingplace import views
from reports import urls as reports_urls

# The "centres" namespace keeps every name it has always had: the report routes (from the
# reports app, first, so "staff/reports/" is not read as a centre called "reports"), and the
# public and staff pages of a centre, which this package composes from every app.
centres_patterns = [
    *reports_urls.urlpatterns,
    path("c/<slug:slug>/", views.centre_page, name="public"),
    path("staff/<slug:slug>/", views.staff_centre, name="staff-centre"),
    *centres_urls.urlpatterns,
]

urlpatterns = [
    path("", include((centres_patterns, "centres"))),
    path("", include("activities.urls")),
    path("", include("house_meetings.urls")),
    path("", include("reports.yearly_urls")),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("kiosk/", views.kiosk, name="kiosk"),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the usual pages elsewhere.
handler400 = "centres.views.api.bad_request"
handler404 = "centres.views.api.page_not_found"
handler500 = "centres.views.api.server_error"
