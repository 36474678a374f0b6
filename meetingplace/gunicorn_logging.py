"""gunicorn's own log without client addresses (DESIGN.md: no client address in any log line).

gunicorn writes "Invalid request from ip=<address>: …" to its error log when a request line is
too long (414), headers are too large (431) or a request is malformed. ``PrivateLogger`` drops
the address from those lines and from any other error-log line that names one as ``ip=…``.
"""

import logging
import re

from gunicorn import glogging

_INVALID_FROM = re.compile(r"\s+from ip=.*?: ")
_IP_FIELD = re.compile(r"\bip=\S+")


class NoClientAddress(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _IP_FIELD.sub("ip=-", _INVALID_FROM.sub(": ", message))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class PrivateLogger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, NoClientAddress) for f in self.error_log.filters):
            self.error_log.addFilter(NoClientAddress())
