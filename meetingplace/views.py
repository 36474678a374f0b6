"""Pages of the project itself, which may name any app's addresses."""

from django.contrib.auth import views as auth_views
from django.urls import reverse

from centres.access import is_coordinator
from centres.models import Centre


class LoginView(auth_views.LoginView):
    """Signing in lands where the person works: the coordinator on the report, staff of one
    centre on that centre, everyone else on the chooser. A ``?next=`` still wins."""

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if is_coordinator(user):
            return reverse("centres:coordinator")
        slugs = list(
            Centre.objects.for_user(user).filter(is_active=True).values_list("slug", flat=True)[:2]
        )
        if len(slugs) == 1:
            return reverse("centres:staff-centre", args=[slugs[0]])
        return reverse("centres:staff-home")
