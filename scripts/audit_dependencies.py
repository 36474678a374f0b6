"""Supply-chain check for CI: pip-audit over the installed dependencies.

Fails on a known vulnerability that has a fixed version (upgrade to it); one without a fix yet
is printed as a warning. Also fails when a dependency could not be audited, so a check that
could not run never passes silently -- unless PyPI's JSON API itself cannot be reached from
this machine, which is said loudly and skipped (offline build machines).
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from importlib.metadata import version

# pip-audit reads each release's vulnerabilities from this per-version endpoint.
PROBE = f"https://pypi.org/pypi/pip/{version('pip')}/json"


def pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen(PROBE, timeout=15) as response:  # nosec B310 -- fixed https URL
            return response.status == 200
    except (urllib.error.URLError, TimeoutError):  # HTTPError (e.g. 404) is a URLError
        return False


def main() -> int:
    if not pypi_reachable():
        print(f"!! pip-audit SKIPPED: {PROBE} cannot be reached from this machine.")
        return 0
    result = subprocess.run(  # nosec B603 -- our own fixed command line
        [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout, result.stderr, sep="\n")
        return 1
    fixable, unfixed, unaudited = [], [], []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            unaudited.append(f"{dependency['name']}: {dependency['skip_reason']}")
        for vuln in dependency.get("vulns", []):
            line = f"{dependency['name']} {dependency['version']}: {vuln['id']}"
            if vuln.get("fix_versions"):
                fixable.append(f"{line} (fixed in {', '.join(vuln['fix_versions'])})")
            else:
                unfixed.append(line)
    for line in unfixed:
        print(f"warning: no fixed version yet: {line}")
    for line in unaudited:
        print(f"error: not audited: {line}")
    for line in fixable:
        print(f"error: known vulnerability with a fix: {line}")
    print(f"pip-audit: {len(report.get('dependencies', []))} dependencies audited")
    return 1 if fixable or unaudited else 0


if __name__ == "__main__":
    sys.exit(main())
