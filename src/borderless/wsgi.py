import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
application = get_wsgi_application()

# Load exchange rates and tariff data once per process, not on the first buyer's request.
from borderless.trade import preload  # noqa: E402

preload()
