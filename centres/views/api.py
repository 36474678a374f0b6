from django.http import JsonResponse
from django.views.decorators.http import require_safe

from centres.models import Centre


@require_safe
def centre_list(request):
    centres = Centre.objects.active().order_by("name").values("slug", "name")
    return JsonResponse(list(centres), safe=False)
