"""Credentials for remote SPARQL servers: from options or the environment, never printed.

Environment variables: ``GOVKG_USER`` and ``GOVKG_PASSWORD`` (HTTP basic), or
``GOVKG_TOKEN`` (bearer). Options given on the command line win.
"""
from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def headers(self) -> dict[str, str]:
        """The Authorization header, or nothing when no credentials were given."""
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None:
            raw = f"{self.user}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}
        return {}


def credentials(user: str | None = None, password: str | None = None, token: str | None = None) -> Credentials:
    """Options first, then GOVKG_USER / GOVKG_PASSWORD / GOVKG_TOKEN."""
    env = os.environ
    return Credentials(
        user=user if user is not None else env.get("GOVKG_USER"),
        password=password if password is not None else env.get("GOVKG_PASSWORD"),
        token=token if token is not None else env.get("GOVKG_TOKEN"),
    )
