from django.shortcuts import render
from django.views.decorators.http import require_safe

from centres.access import staff_required
from centres.models import Centre


@require_safe
@staff_required
def home(request):
    centres = Centre.objects.for_user(request.user).filter(is_active=True)
    return render(request, "centres/staff_home.html", {"centres": centres})
