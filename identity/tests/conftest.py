"""A real OpenID Connect provider (tests/oidc: panva's oidc-provider) on loopback."""

import json
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

import pytest

from conftest import require_service

OIDC_DIR = Path(settings.BASE_DIR) / "tests" / "oidc"
CLIENT_ID, CLIENT_SECRET = "vuosikello", "loopback-test-secret"
SLUGS = ("seutu", "vaara")  # the region's provider, and one configured with a wrong issuer

ACCOUNTS = {
    "opettaja-rusko": {
        "name": "Olli Opettaja",
        "given_name": "Olli",
        "family_name": "Opettaja",
        "email": "olli.opettaja@rusko.example",
        "email_verified": False,
        "organisation": "rusko",
        "school": ["1.2.246.562.10.1;maunu;Maunun koulu"],
        "roles": ["opettaja"],
    },
    "rehtori-kangasala": {
        "name": "Riitta Rehtori",
        "email": "riitta.rehtori@kangasala.example",
        "organisation": "kangasala",
        "school": "pikkola",
        "roles": ["rehtori", "tvt-vastaava"],
    },
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class OidcProvider:
    issuer: str
    config_path: Path
    config: dict

    def set_claims(self, sub, **claims):
        self.config["accounts"][sub].update(claims)
        self.config_path.write_text(json.dumps(self.config))


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """oidc-provider at http://127.0.0.1:<free port>, one client, two people."""
    if not shutil.which("node") or not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        require_service("oidc-provider not installed: npm ci --prefix tests/oidc")
    port = free_port()
    config_path = tmp_path_factory.mktemp("oidc") / "config.json"
    config = {
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [
                    f"{base}/sso/{slug}/login/callback/"
                    for slug in SLUGS
                    for base in (live_server.url, "http://testserver")
                ],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_post",
            }
        ],
        "accounts": json.loads(json.dumps(ACCOUNTS)),
    }
    config_path.write_text(json.dumps(config))
    process = subprocess.Popen(
        ["node", "provider.mjs", str(port), str(config_path)],  # noqa: S607
        cwd=OIDC_DIR,
        env={"PATH": shutil.os.environ["PATH"], "OIDC_CODE_TTL": "4"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if line.strip() != "ready":
            pytest.fail(f"oidc-provider did not start: {line!r}")
        yield OidcProvider(f"http://127.0.0.1:{port}", config_path, config)
    finally:
        process.terminate()
        process.wait(timeout=10)
