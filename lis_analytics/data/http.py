"""HTTP for the data layer: URL rewriting, downloads with retries, and JSON.

Every request the data layer makes goes through :func:`rewrite_url`, so one environment
variable, ``LIS_URL_REWRITE``, sends them elsewhere: a council's proxy or internal mirror,
or a local test server. Its value is comma-separated ``prefix=replacement`` pairs; the first
pair whose prefix starts the URL is applied::

    LIS_URL_REWRITE="https://www.ons.gov.uk/=http://127.0.0.1:8000/ons/,https://www.nomisweb.co.uk/=http://127.0.0.1:8000/nomis/"

:func:`download` retries transient failures (connection errors, HTTP 429 and 5xx) with
exponential backoff and raises :class:`~lis_analytics.errors.DataUnavailableError` naming the
URL (as asked for and as rewritten) when it gives up. Client errors (HTTP 4xx) are not
retried.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from lis_analytics.errors import ConfigurationError, DataUnavailableError

__all__ = ["REWRITE_ENV", "download", "get_bytes", "get_json", "rewrite_rules", "rewrite_url"]

REWRITE_ENV = "LIS_URL_REWRITE"
USER_AGENT = "lis-analytics (https://github.com/lis-analytics; evidence for local growth)"
TIMEOUT_SECONDS = 60
RETRIES = 3
BACKOFF_SECONDS = 1.0


def rewrite_rules(value: str | None = None) -> list[tuple[str, str]]:
    """The ``(prefix, replacement)`` pairs of ``LIS_URL_REWRITE`` (or of ``value``).

    Examples
    --------
    >>> rewrite_rules("https://www.ons.gov.uk/=http://127.0.0.1:9/ons/, a=b")
    [('https://www.ons.gov.uk/', 'http://127.0.0.1:9/ons/'), ('a', 'b')]
    >>> rewrite_rules("")
    []
    """
    text = os.environ.get(REWRITE_ENV, "") if value is None else value
    rules = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        if "=" not in item:
            raise ConfigurationError(f"{REWRITE_ENV}: {item!r} is not a prefix=replacement "
                                     "pair (comma-separated, e.g. https://a/=http://b/)")
        # the replacement is a URL, so split at the '=' before it: a prefix may hold '='
        # itself (https://www.ons.gov.uk/file?uri=)
        match = re.search(r"=(?=https?://|file:)", item)
        if match is not None:
            cut = match.start()
        elif item.count("=") == 1:
            cut = item.index("=")
        else:
            raise ConfigurationError(
                f"{REWRITE_ENV}: cannot split {item!r} into prefix=replacement (the replacement "
                "must start with http://, https:// or file:, or the pair hold one '=')")
        rules.append((item[:cut].strip(), item[cut + 1:].strip()))
    return rules


def rewrite_url(url: str) -> str:
    """Apply ``LIS_URL_REWRITE`` to ``url`` (unchanged when no prefix matches).

    Examples
    --------
    >>> import os
    >>> os.environ["LIS_URL_REWRITE"] = "https://www.nomisweb.co.uk/=http://127.0.0.1:9/n/"
    >>> rewrite_url("https://www.nomisweb.co.uk/api/v01/dataset/NM_17_5.data.csv")
    'http://127.0.0.1:9/n/api/v01/dataset/NM_17_5.data.csv'
    >>> rewrite_url("https://www.ons.gov.uk/x")
    'https://www.ons.gov.uk/x'
    >>> del os.environ["LIS_URL_REWRITE"]
    """
    for prefix, replacement in rewrite_rules():
        if url.startswith(prefix):
            return replacement + url[len(prefix):]
    return url


def _transient(exc: Exception) -> bool:
    """Worth another try: HTTP 429 or 5xx, a time-out or a dropped connection.

    A host that does not resolve or refuses the connection (offline, a wrong proxy rule) is
    not retried: waiting would not help and would make offline runs slow.
    """
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code == 429 or exc.code >= 500
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (socket.gaierror, ConnectionRefusedError)):
        return False
    return isinstance(exc, (urllib.error.URLError, TimeoutError, ConnectionError, OSError))


def get_bytes(url: str, *, what: str = "", retries: int = RETRIES,
              backoff: float = BACKOFF_SECONDS, headers: dict[str, str] | None = None,
              retry_if: Callable[[Exception], bool] | None = None) -> bytes:
    """GET ``url`` (after :func:`rewrite_url`) and return the body.

    Parameters
    ----------
    url
        The official URL; ``LIS_URL_REWRITE`` is applied here.
    what
        Words for error messages, e.g. the dataset id.
    retries
        Further attempts after a transient failure (connection error, HTTP 429 or 5xx).
    backoff
        Seconds before the first retry; doubled for each later one.
    headers
        Extra request headers.
    retry_if
        Which failures to retry (default: connection errors, HTTP 429 and 5xx). A client
        may narrow it, e.g. to report an unreachable host at once.

    Raises
    ------
    DataUnavailableError
        On a client error (4xx), or when the retries are used up. Its ``status`` attribute
        is the HTTP status (``None`` for a connection failure) and ``detail`` the start of
        the error body, so callers can word their own message.
    """
    transient = _transient if retry_if is None else retry_if
    target = rewrite_url(url)
    shown = url if target == url else f"{url} (rewritten to {target})"
    request = urllib.request.Request(target, headers={"User-Agent": USER_AGENT,
                                                      **(headers or {})})
    attempt = 0
    while True:
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return response.read()
        except Exception as exc:  # noqa: BLE001 - classified below
            if isinstance(exc, urllib.error.HTTPError):
                detail = exc.read()[:300].decode("utf-8", "replace").strip()
                reason = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
                status: int | None = exc.code
            else:
                detail = ""
                reason = f"{type(exc).__name__}: {exc}"
                status = None
            if transient(exc) and attempt < retries:
                time.sleep(backoff * (2 ** attempt))
                attempt += 1
                continue
            prefix = f"{what}: " if what else ""
            tries = f" after {attempt + 1} attempts" if attempt else ""
            error = DataUnavailableError(
                f"{prefix}could not download {shown}{tries} ({reason}). Without internet "
                "access set LIS_DATA_MIRROR to an offline mirror; behind a proxy or internal "
                f"mirror set {REWRITE_ENV}."
            )
            error.status, error.detail, error.attempts = status, detail, attempt + 1
            raise error from exc


def get_json(url: str, *, what: str = "", **kwargs) -> dict | list:
    """GET ``url`` and parse it as JSON (clear error if the body is not JSON)."""
    body = get_bytes(url, what=what, **kwargs)
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        prefix = f"{what}: " if what else ""
        raise DataUnavailableError(f"{prefix}{url} did not return JSON ({exc})") from exc


def download(url: str, target: Path, *, what: str = "", **kwargs) -> Path:
    """Download ``url`` to ``target`` atomically (a failed download leaves no file)."""
    body = get_bytes(url, what=what, **kwargs)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    tmp.write_bytes(body)
    tmp.replace(target)
    return target
