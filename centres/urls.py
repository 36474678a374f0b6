from django.urls import path

from activities.views.public import centre_page
from centres.views import api, coordinator, public, staff

app_name = "centres"

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    # The public page is mostly activities and proposals; the activities app renders it.
    path("c/<slug:slug>/", centre_page, name="public"),
    path("api/v1/centres/", api.centre_list, name="api-centres"),
    path("staff/", staff.home, name="staff-home"),
    path("staff/<slug:slug>/", staff.centre_overview, name="staff-centre"),
    path("coordinator/", coordinator.dashboard, name="coordinator"),
    path("coordinator/centres/", coordinator.centre_list, name="coordinator-centres"),
    path("coordinator/centres/add/", coordinator.centre_create, name="coordinator-centre-add"),
    path(
        "coordinator/centres/<slug:slug>/edit/",
        coordinator.centre_edit,
        name="coordinator-centre-edit",
    ),
    path("coordinator/staff/", coordinator.staff_list, name="coordinator-staff"),
    path("coordinator/staff/add/", coordinator.staff_create, name="coordinator-staff-add"),
    path(
        "coordinator/staff/<int:pk>/edit/",
        coordinator.staff_edit,
        name="coordinator-staff-edit",
    ),
]
