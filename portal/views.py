from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.health import OK, system_health


@never_cache
@require_GET
def healthz(request):
    """200 when every part answers; 503 naming the part that does not."""
    report = system_health()
    return JsonResponse(report, status=200 if report["status"] == OK else 503)
