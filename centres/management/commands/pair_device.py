from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from centres.devices import create_device
from centres.models import Centre, DeviceKind


class Command(BaseCommand):
    help = (
        "Create a front-table device for a centre and print its token on the last line "
        "(for API clients such as a hardware clicker: Authorization: Bearer <token>). "
        "The token is shown only this once; revoke the device on the centre's Tablets page."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The centre's short name, e.g. sentrum.")
        parser.add_argument("name", help='A name to tell the device apart, e.g. "Clicker 1".')
        parser.add_argument(
            "--kind",
            choices=DeviceKind.values,
            default=DeviceKind.DESK,
            help="desk (tallies visits, the default) or kiosk (the centre's pages for everyone).",
        )

    def handle(self, *args, slug: str, name: str, kind: str = DeviceKind.DESK, **options):
        centre = Centre.objects.filter(slug=slug).first()
        if centre is None:
            raise CommandError(f"There is no centre “{slug}”.")
        if not centre.is_active:
            raise CommandError(f"The centre “{slug}” is deactivated.")
        try:
            device, token = create_device(centre, name=name, kind=kind)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Paired “{device.name}” (device {device.pk}) with {centre.name}. "
            "Keep the token secret; it is not shown again:"
        )
        self.stdout.write(token)
