"""gunicorn's control socket is off, or at a path that belongs to this instance alone."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings(**env) -> tuple[bool, str]:
    code = (
        "from gunicorn.config import Config\n"
        "cfg = Config()\n"
        "ns = {}\n"
        "exec(open('meetingplace/gunicorn.conf.py').read(), ns)\n"
        "for key, value in ns.items():\n"
        "    if key in cfg.settings: cfg.set(key, value)\n"
        "print(cfg.control_socket_disable, cfg.control_socket)\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    disabled, path = result.stdout.split()
    return disabled == "True", path


def test_the_control_socket_is_off_unless_an_instance_path_is_given():
    disabled, _path = _settings()
    assert disabled


def test_an_instance_gets_the_control_socket_path_it_names(tmp_path):
    wanted = str(tmp_path / "sentrum.ctl")
    disabled, path = _settings(GUNICORN_CONTROL_SOCKET=wanted)
    assert not disabled
    assert path == wanted
