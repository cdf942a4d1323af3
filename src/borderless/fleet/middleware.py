from django.conf import settings

from borderless.fleet import replicas


class ReplicaReadMiddleware:
    """Chooses the database the request reads from, and pins a visitor who wrote to the primary's position."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.REPLICA_DATABASES:
            return self.get_response(request)
        alias = replicas.choose(request)
        token = replicas.reading_from.set(alias)
        try:
            response = self.get_response(request)
        finally:
            replicas.reading_from.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 500:
            replicas.pin(request, response)
        response[settings.REPLICA_READ_HEADER] = "primary" if alias == replicas.PRIMARY else alias
        return response
