"""The one HTTP client of govkg (push to Graph Store Protocol endpoints, queries to SPARQL endpoints).

Standard library only. Both users get the same transport: proxies from the
environment except for loopback, no redirects followed (a redirect is an
error that names its target), URLs shown without credentials and secrets
blanked out of anything a server echoes. :func:`http_request` is a whole
request with a deadline, for small answers (push); queries stream their
answer through :func:`opener` (kg.query.endpoint).
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from kg.auth import Credentials
from kg.errors import StoreError

AUTH_HINT = "set GOVKG_USER and GOVKG_PASSWORD, or GOVKG_TOKEN (or pass --user/--password or --token)"


def redact(url: str, *, query: bool = True) -> str:
    """``url`` without any user:password part, for messages; ``query=False`` also drops the
    query string and fragment (a token may travel there: an endpoint's ``?key=…``)."""
    parts = urllib.parse.urlsplit(url)
    if query and parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    kept = parts._replace(netloc=netloc) if query else parts._replace(netloc=netloc, query="", fragment="")
    return urllib.parse.urlunsplit(kept)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect comes back as the HTTPError of its 30x status: the caller says where it points.
    Following it would send the body and the credentials to a URL the user never gave."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def opener(url: str) -> urllib.request.OpenerDirector:
    """Proxies from the environment apply, except to this machine (loopback never goes through a proxy);
    redirects are not followed."""
    if is_loopback(urllib.parse.urlsplit(url).hostname):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
    return urllib.request.build_opener(_NoRedirect)


def hide_secrets(text: str, credentials: Credentials) -> str:
    """``text`` (a server's words) with any secret of ours blanked out, should the server echo one."""
    header = credentials.headers().get("Authorization", "")
    for secret in (header, header.partition(" ")[2], credentials.password, credentials.token):
        if secret:
            text = text.replace(secret, "***")
    return text


def http_request(method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None,
                 credentials: Credentials | None = None, timeout: float = 60.0,
                 label: str | None = None) -> tuple[int, bytes]:
    """One HTTP request; every failure becomes a :class:`StoreError` naming the URL (or ``label``), never a secret.

    ``timeout`` is a deadline for the whole request (a server that sends a
    byte at a time does not stretch it); the answer is read up to 16 MB.
    """
    box: dict[str, Any] = {}

    def attempt() -> None:
        try:
            box["answer"] = _request(method, url, body, headers, credentials, timeout, label)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc

    worker = threading.Thread(target=attempt, daemon=True, name="kg-http")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():  # abandoned: it ends with the process, or when the server gives up
        raise StoreError(f"{label or redact(url)}: no answer within {timeout:g} s; is the server busy? "
                         "raise --timeout or try again")
    if "error" in box:
        raise box["error"]
    return box["answer"]


MAX_ANSWER = 16 * 1024 * 1024  # a Graph Store Protocol answer is a status line and a few words


def _request(method: str, url: str, body: bytes | None, headers: dict[str, str] | None,
             credentials: Credentials | None, timeout: float, label: str | None) -> tuple[int, bytes]:
    credentials = credentials or Credentials()
    shown = label or redact(url)
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={**(headers or {}), **credentials.headers()})
    try:
        with opener(url).open(request, timeout=timeout) as response:
            return response.status, response.read(MAX_ANSWER)
    except urllib.error.HTTPError as exc:
        detail = hide_secrets(_first_line(exc), credentials)
        raise StoreError(_http_message(method, shown, exc.code, detail, bool(credentials.headers()),
                                       exc.headers.get("Location"))) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise StoreError(f"{shown}: no answer within {timeout:g} s; is the server busy? "
                             "raise --timeout or try again") from None
        if isinstance(reason, ConnectionRefusedError):
            raise StoreError(f"{shown}: connection refused; is the server running, "
                             "and is the host and port right?") from None
        if isinstance(reason, socket.gaierror):
            raise StoreError(f"{shown}: unknown host; check the URL") from None
        raise StoreError(f"{shown}: cannot connect ({hide_secrets(str(reason), credentials)})") from None
    except TimeoutError:
        raise StoreError(f"{shown}: no answer within {timeout:g} s; raise --timeout or try again") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise StoreError(f"{shown}: the connection failed ({type(exc).__name__}); try again") from None


def _first_line(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read(2000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - a body that cannot be read adds nothing
        text = ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else (exc.reason or ""))[:200]


def _http_message(method: str, url: str, code: int, detail: str, had_credentials: bool,
                  location: str | None) -> str:
    said = f" ({detail})" if detail else ""
    if code in (401, 403):
        if had_credentials:
            return (f"{url}: the server refused the credentials given (HTTP {code}){said}; "
                    f"check them and the user's rights ({AUTH_HINT})")
        return f"{url}: the server asks for credentials (HTTP {code}); {AUTH_HINT}"
    if code == 404:
        return (f"{url}: not found (HTTP 404); check the URL: the dataset or repository may not exist, "
                "or the server may have its Graph Store Protocol elsewhere (--graph-store URL)")
    if code == 405:
        return (f"{url}: the server does not allow {method} here (HTTP 405); this URL is not a writable "
                "Graph Store Protocol endpoint: give the right one with --graph-store URL")
    if code in (301, 302, 303, 307, 308):
        where = f" to {redact(location)}" if location else ""
        return f"{url}: the server redirects{where} (HTTP {code}); use that URL instead"
    if code == 413:
        return f"{url}: the server refused a graph this large (HTTP 413); raise its request size limit"
    return f"{url}: the server answered HTTP {code}{said}"
