from django.urls import path

from centres.views import api, coordinator, desk, devices, public, staff, visits

app_name = "centres"

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    path("api/v1/openapi.json", api.openapi, name="api-openapi"),
    path("api/v1/centres/", api.centre_list, name="api-centres"),
    path("api/v1/centres/<slug:slug>/visits/", api.visits, name="api-visits"),
    path("api/v1/centres/<slug:slug>/visits/<str:tap_id>/", api.visit, name="api-visit"),
    path("desk/", desk.desk, name="desk"),
    path("desk/pair/", desk.pair, name="desk-pair"),
    path("desk/sw.js", desk.service_worker, name="desk-sw"),
    path("staff/", staff.home, name="staff-home"),
    path("staff/<slug:slug>/visits/", visits.overview, name="staff-visits"),
    path("staff/<slug:slug>/visits/<str:day>/", visits.day_view, name="staff-visit-day"),
    path(
        "staff/<slug:slug>/visits/<str:day>/corrections/add/",
        visits.add_correction,
        name="staff-visit-correction-add",
    ),
    path("staff/<slug:slug>/devices/", devices.device_list, name="staff-devices"),
    path("staff/<slug:slug>/devices/pair/", devices.device_pair, name="staff-device-pair"),
    path(
        "staff/<slug:slug>/devices/<int:pk>/revoke/",
        devices.device_revoke,
        name="staff-device-revoke",
    ),
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
    path(
        "coordinator/staff/<int:pk>/unlock/",
        coordinator.staff_unlock,
        name="coordinator-staff-unlock",
    ),
]
