from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from meetingplace import audit

audit_patterns = [
    path("", audit.history, name="history"),
    path("<str:model>/<str:pk>/", audit.object_history, name="history-object"),
]

urlpatterns = [
    path("coordinator/history/", include((audit_patterns, "audit"))),
    path("", include("centres.urls")),
    path("", include("activities.urls")),
    path("", include("house_meetings.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the usual pages elsewhere.
handler404 = "centres.views.api.page_not_found"
handler500 = "centres.views.api.server_error"
