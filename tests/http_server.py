"""A local HTTP server on 127.0.0.1 for tests of the download path.

Tests serve official-layout files with it and point ``LIS_URL_REWRITE`` at it, so fetch,
checksum, parse, schema and store all run as they would against the publisher; nothing is
mocked below the HTTP layer.

``routes`` maps a request path *with its query string* (``/ons/file?uri=/a/b.xls``) or without
it to bytes, a file path, or a callable ``(path) -> (status, bytes)``. Every request is
recorded in ``server.requests``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
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
