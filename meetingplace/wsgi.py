import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetingplace.settings")
# Web requests get a statement timeout on PostgreSQL (settings.py); management commands such as
# migrate and backup, which may run long, do not.
os.environ.setdefault("MEETINGPLACE_WSGI", "1")

application = get_wsgi_application()
