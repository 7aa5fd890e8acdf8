"""A Virtuoso Open Source server the tests start on 127.0.0.1: free ports, a temporary database folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from .loopback import free_port

USER = PASSWORD = "dba"  # a fresh database's administrator, as Virtuoso creates it


@dataclass(frozen=True)
class Virtuoso:
    base: str

    @property
    def query(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def update(self) -> str:
        return f"{self.base}/sparql-auth"


def binary() -> str:
    found = shutil.which("virtuoso-t")
    if found is None:
        if os.environ.get("LATTICE_REQUIRE_VIRTUOSO") == "1":
            pytest.fail("virtuoso-t is not installed (apt-get install virtuoso-opensource-7-bin)")
        pytest.skip("Virtuoso (virtuoso-t) is not installed")
    return found


def ini(folder: Path, sql_port: int, http_port: int) -> str:
    """The smallest virtuoso.ini that serves SPARQL on 127.0.0.1 only, everything under `folder`."""
    return f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/www
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
"""


@contextmanager
def running(folder: Path, seconds: float = 120.0) -> Iterator[Virtuoso]:
    """Start `virtuoso-t +foreground` with a fresh database in `folder`; stop it (and wait) afterwards."""
    executable = binary()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "www").mkdir(exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    config = folder / "virtuoso.ini"
    config.write_text(ini(folder, sql_port, http_port), encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    proc = subprocess.Popen(
        [executable, "+foreground", "+configfile", str(config)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Virtuoso(f"http://127.0.0.1:{http_port}")
    try:
        deadline = time.monotonic() + seconds
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"virtuoso-t exited with {proc.returncode}: {(folder / 'stdout.log').read_text()[-2000:]}"
                )
            try:
                with urllib.request.urlopen(f"{server.query}?query=ASK%7B%7D", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"virtuoso-t did not answer on {server.base} within {seconds:g} s")
            time.sleep(0.5)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
