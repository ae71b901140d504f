"""A local HTTP server on 127.0.0.1 for tests of the download path.

Tests serve official-layout files with it and point ``LIS_URL_REWRITE`` at it, so fetch,
checksum, parse, schema and store all run as they would against the publisher; nothing is
mocked below the HTTP layer.

``routes`` maps a request path *with its query string* (``/ons/file?uri=/a/b.xls``) or without
it to bytes, a file path, or a callable ``(path) -> (status, bytes)``. Every request is
recorded in ``server.requests``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

Route = bytes | Path | Callable[[str], tuple[int, bytes]]


class LocalServer:
    """A threaded HTTP server serving ``routes``; use as a context manager."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                server.requests.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    route = server.routes.get(urlsplit(self.path).path)
                if route is None:
                    status, body = 404, b"not found"
                elif callable(route):
                    status, body = route(self.path)
                elif isinstance(route, Path):
                    status, body = 200, route.read_bytes()
                else:
                    status, body = 200, route
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def published_url_path(url: str) -> str:
    """The local path an ``https://`` URL is served at under ``LIS_URL_REWRITE``."""
    return "/https/" + url[len("https://"):]


@contextlib.contextmanager
def serve_published(monkeypatch, tmp_path: Path, dataset_id: str, sample: Path,
                    *, empty_mirror: bool = False) -> Iterator[LocalServer]:
    """Serve ``sample`` at a registered dataset's first URL, with a fresh data store in tmp.

    Cache, processed store and lock file go to ``tmp_path``; the mirror is the one set
    (for lookups) unless ``empty_mirror``. ``LIS_URL_REWRITE`` sends the publisher's URL to
    the local server, so fetch, lock-file checksum, parse, schema and store run as they
    would against the publisher.
    """
    from lis_analytics.data import get_dataset, store
    from lis_analytics.data.registry import registry

    for name, sub in [("LIS_DATA_CACHE", "raw"), ("LIS_DATA_PROCESSED", "processed"),
                      ("LIS_DATA_LOCK", "lis-data.lock.json")]:
        monkeypatch.setenv(name, str(tmp_path / sub))
    if empty_mirror:
        (tmp_path / "mirror").mkdir()
        monkeypatch.setenv("LIS_DATA_MIRROR", str(tmp_path / "mirror"))
    store._memory.clear()
    registry.cache_clear()
    url = get_dataset(dataset_id).files[0].url
    try:
        with LocalServer({published_url_path(url): sample}) as server:
            monkeypatch.setenv("LIS_URL_REWRITE", f"https://={server.url}/https/")
            yield server
    finally:
        registry.cache_clear()
        store._memory.clear()


def build_first_download(dataset_id: str, sample: Path, lock_file: Path) -> None:
    """Build an optional source not yet held, from the web, and check its download is locked.

    No sha256 was known for it, so the first download's is recorded in the lock file (and
    checked from then on).
    """
    import hashlib

    from lis_analytics.data import is_held, is_optional
    from lis_analytics.data.store import build_one, table_build

    assert is_optional(dataset_id) and not is_held(dataset_id)
    status, _ = build_one(dataset_id)
    assert status == "built" and is_held(dataset_id)
    source = table_build(dataset_id)["sources"][0]
    assert source["origin"] == "web"
    assert source["sha256"] == hashlib.sha256(sample.read_bytes()).hexdigest()
    assert dataset_id in lock_file.read_text()
