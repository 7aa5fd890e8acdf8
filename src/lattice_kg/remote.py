"""Any SPARQL 1.1 endpoint: queries through SPARQLWrapper, publishing through the Graph Store Protocol.

Credentials come from the environment, never from the command line (which shells keep in history):
LATTICE_ENDPOINT_TOKEN (sent as a bearer token) or LATTICE_ENDPOINT_USER and LATTICE_ENDPOINT_PASSWORD
(HTTP basic, sent up front; or HTTP digest when the store asks for it, as Virtuoso's `…-auth`
endpoints do). Connection errors, time-outs and 5xx answers are retried with exponential back-off.
"""

from __future__ import annotations

import base64
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from .core.errors import RemoteError

T = TypeVar("T")


@dataclass
class Endpoint:
    url: str
    graph: str | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5
    _challenge: dict[str, str] | None = field(default=None, repr=False)  # a digest challenge, once seen

    def auth_header(self) -> dict[str, str]:
        token = os.environ.get("LATTICE_ENDPOINT_TOKEN")
        if token:
            return {"Authorization": f"Bearer {token}"}
        user = os.environ.get("LATTICE_ENDPOINT_USER")
        if user:
            secret = f"{user}:{os.environ.get('LATTICE_ENDPOINT_PASSWORD', '')}".encode()
            return {"Authorization": "Basic " + base64.b64encode(secret).decode()}
        return {}

    def retrying(self, action: Callable[[], T], what: str) -> T:
        """Run an HTTP action, retrying transient failures; turn every failure into one line."""
        for attempt in range(1, self.retries + 1):
            try:
                return action()
            except urllib.error.HTTPError as exc:
                if exc.code < 500 or attempt == self.retries:
                    raise RemoteError(
                        f"{what} {self.url}: HTTP {exc.code} {exc.reason}{_hint(exc.code)}" + _tries(attempt),
                        status=exc.code,
                    ) from None
            except TimeoutError:
                if attempt == self.retries:
                    raise RemoteError(
                        f"{what} {self.url}: no answer within {self.timeout:g} s{_tries(attempt)}",
                    ) from None
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, TimeoutError | socket.timeout):
                    reason = f"no answer within {self.timeout:g} s"
                if attempt == self.retries:
                    raise RemoteError(
                        f"{what} {self.url}: cannot connect ({reason}){_tries(attempt)}",
                    ) from None
            except (ConnectionError, OSError) as exc:
                if attempt == self.retries:
                    raise RemoteError(
                        f"{what} {self.url}: connection failed ({exc})",
                    ) from None
            time.sleep(self.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def open(self, request: urllib.request.Request) -> object:
        """Send a request with the credentials: a bearer token, HTTP basic, or HTTP digest when the store
        asks for it (Virtuoso's `…-auth` endpoints refuse basic, and drop a PUT's body unread when
        it comes without valid credentials). The scheme is learnt once from a bodiless HEAD request,
        so a large body is sent once, already authorised."""
        token = os.environ.get("LATTICE_ENDPOINT_TOKEN")
        user = os.environ.get("LATTICE_ENDPOINT_USER")
        if token or not user:
            for name, value in self.auth_header().items():
                request.add_header(name, value)
            return urllib.request.urlopen(request, timeout=self.timeout)
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, request.full_url, user, os.environ.get("LATTICE_ENDPOINT_PASSWORD", ""))
        digest = urllib.request.HTTPDigestAuthHandler(passwords)
        for attempt in (1, 2):
            if self._challenge is None or attempt == 2:
                self._challenge = _digest_challenge(request.full_url, self.timeout)
            if self._challenge:
                authorization = digest.get_authorization(request, self._challenge)
                request.add_unredirected_header("Authorization", f"Digest {authorization}")
            else:
                request.add_unredirected_header("Authorization", self.auth_header()["Authorization"])
            try:
                return urllib.request.urlopen(request, timeout=self.timeout)
            except urllib.error.HTTPError as exc:
                if exc.code != 401 or attempt == 2 or not self._challenge:
                    raise
            except (urllib.error.URLError, OSError):
                # Virtuoso closes the connection on a body sent with refused credentials: ask again
                # without a body, so that the user reads "401" rather than "broken pipe"
                if self._challenge and _refused(request.full_url, digest, self._challenge, self.timeout):
                    raise urllib.error.HTTPError(
                        request.full_url,
                        401,
                        "Unauthorized",
                        None,
                        None,  # type: ignore[arg-type]
                    ) from None
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    # -- SPARQL 1.1 Protocol --------------------------------------------------------------------

    def select_json(self, query: str) -> dict:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper import SPARQLExceptions as errors

        # SPARQLWrapper turns HTTP errors into its own exceptions; give them back their status so
        # that 5xx answers are retried and every failure reads the same way.
        statuses = {
            errors.QueryBadFormed: (400, "Bad Request (the endpoint rejected the query)"),
            errors.Unauthorized: (401, "Unauthorized"),
            errors.EndPointNotFound: (404, "Not Found"),
            errors.URITooLong: (414, "URI Too Long"),
            errors.EndPointInternalError: (500, "Internal Server Error"),
        }

        def ask() -> dict:
            sparql = SPARQLWrapper(self.url)
            sparql.setQuery(query)
            sparql.setMethod(POST)
            sparql.setReturnFormat(JSON)
            sparql.setTimeout(int(max(1, self.timeout)))
            if self.graph:
                sparql.addDefaultGraph(self.graph)
            for name, value in self.auth_header().items():
                sparql.addCustomHttpHeader(name, value)
            try:
                return sparql.queryAndConvert()  # type: ignore[return-value]
            except errors.SPARQLWrapperException as exc:
                code, reason = statuses.get(type(exc), (502, str(exc).splitlines()[0]))
                raise urllib.error.HTTPError(self.url, code, reason, None, None) from None  # type: ignore[arg-type]

        return self.retrying(ask, "query")

    # -- SPARQL 1.1 Graph Store HTTP Protocol ---------------------------------------------------

    def put_graph(self, body: bytes, content_type: str = "application/n-triples") -> int:
        """Replace the target graph (named, or the default one) with the body, in one request."""
        target = _with_query(self.url, {"graph": self.graph} if self.graph else {"default": ""})

        def put() -> int:
            request = urllib.request.Request(target, data=body, method="PUT")
            request.add_header("Content-Type", content_type)
            with self.open(request) as response:  # type: ignore[attr-defined]
                return response.status

        return self.retrying(put, "load")

    # -- SPARQL 1.1 Update, for stores without the Graph Store Protocol --------------------------

    def update(self, request_text: str) -> None:
        body = urllib.parse.urlencode({"update": request_text}).encode()

        def post() -> None:
            request = urllib.request.Request(self.url, data=body, method="POST")
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            with self.open(request):  # type: ignore[attr-defined]
                pass

        self.retrying(post, "update")


def batches(triples: list[tuple[str, str, str]], size: int) -> list[list[tuple[str, str, str]]]:
    """Group triples into batches of about `size`, never splitting a node from its blank nodes.

    Blank-node labels only hold within one request, so an anchor and its selectors must travel
    together: triples are grouped under the IRI subject their blank nodes hang from.
    """
    parent: dict[str, str] = {}
    for s, _, o in triples:
        if o.startswith("_:"):
            parent[o] = s
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for triple in triples:
        root = triple[0]
        seen = set()
        while root.startswith("_:") and root in parent and root not in seen:
            seen.add(root)
            root = parent[root]
        groups.setdefault(root, []).append(triple)
    out: list[list[tuple[str, str, str]]] = [[]]
    for group in groups.values():
        if out[-1] and len(out[-1]) + len(group) > size:
            out.append([])
        out[-1].extend(group)
    return [b for b in out if b]


def _digest_challenge(url: str, timeout: float) -> dict[str, str]:
    """The digest challenge a HEAD request to `url` draws (`{}` when the store does not ask for digest)."""
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
    except urllib.error.HTTPError as exc:
        header = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
        scheme, _, rest = header.partition(" ")
        if scheme.lower() == "digest":
            parts = urllib.request.parse_http_list(rest)
            return urllib.request.parse_keqv_list([p for p in parts if p])
    return {}


def _refused(url: str, digest: urllib.request.HTTPDigestAuthHandler, challenge: dict, timeout: float) -> bool:
    probe = urllib.request.Request(url, method="HEAD")
    probe.add_unredirected_header("Authorization", f"Digest {digest.get_authorization(probe, challenge)}")
    try:
        urllib.request.urlopen(probe, timeout=timeout).close()
    except urllib.error.HTTPError as exc:
        return exc.code == 401
    except OSError:
        return False
    return False


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urllib.parse.urlsplit(url)
    query = "&".join(f"{k}={urllib.parse.quote(v, safe='')}" if v else k for k, v in params.items())
    return urllib.parse.urlunsplit(parts._replace(query=(parts.query + "&" if parts.query else "") + query))


def _tries(attempt: int) -> str:
    return f" (after {attempt} tries)" if attempt > 1 else ""


def _hint(code: int) -> str:
    if code == 404:
        return " - is this the endpoint's URL? (see docs/stores.md)"
    if code in (401, 403):
        return " - set LATTICE_ENDPOINT_TOKEN or LATTICE_ENDPOINT_USER/LATTICE_ENDPOINT_PASSWORD"
    return ""
