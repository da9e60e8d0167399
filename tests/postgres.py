"""A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, a temp data dir, loopback only.

`start_postgres()` runs `initdb` and `pg_ctl` (as the `postgres` OS user when we are root, since PostgreSQL refuses
to run as root), listens on 127.0.0.1 on a free port with password authentication, and returns a `PostgresServer`
whose `url` is a SQLAlchemy URL with that password. `stop()` shuts it down and deletes the data dir; an atexit hook
does the same if a caller forgets. Used by tests/test_sql.py and benchmarks/bench_contracts.py.
"""
from __future__ import annotations
import atexit, glob, os, pwd, secrets, shutil, socket, subprocess, tempfile, time
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = "Install Debian's `postgresql` package (`apt-get install -y postgresql`; `make test` does it when run as root)."


def find_pg_bin():
    "The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl, or None."
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb") if Path(p).with_name("pg_ctl").exists()]
    def version(p):
        try: return float(p.parent.name)
        except ValueError: return 0.0
    return max(found, key=version) if found else None


def why_unavailable():
    "A reason a server cannot be started here, or None when it can."
    if find_pg_bin() is None: return f"PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin. {INSTALL_HINT}"
    if os.geteuid() == 0:
        try: pwd.getpwnam("postgres")
        except KeyError: return f"Running as root but there is no `postgres` OS user to run the server as. {INSTALL_HINT}"
    try: import psycopg  # noqa: F401
    except ImportError: return "The psycopg driver is not installed. Install the project (`pip install -e .[dev]`), which depends on psycopg[binary]."
    return None


def free_port():
    "A TCP port on 127.0.0.1 that nothing listens on right now."
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    "A running throwaway server; `url` carries the password."
    base: Path                     # temp folder holding the data dir, socket and log
    port: int
    user: str
    password: str
    database: str
    bin_dir: Path
    _as_postgres: bool = field(default=False, repr=False)

    @property
    def url(self): return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{self.database}"
    @property
    def data_dir(self): return self.base / "data"
    @property
    def log(self): return self.base / "server.log"

    def stop(self):
        "Stop the server (fast shutdown) and delete its folder; safe to call twice."
        if self.data_dir.exists():
            _run(self, [self.bin_dir / "pg_ctl", "-D", self.data_dir, "-m", "fast", "-w", "-t", "30", "stop"], check=False)
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self): return self
    def __exit__(self, *exc): self.stop()


def _run(server, cmd, check=True, timeout=120):
    cmd = [str(c) for c in cmd]
    if server._as_postgres: cmd = ["runuser", "-u", "postgres", "--", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=server.base)
    if check and proc.returncode != 0:
        log = server.log.read_text()[-2000:] if server.log.exists() else ""
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}")
    return proc


def start_postgres(*, user="wb", database="workbench", settings=None, tmp_root=None):
    "Init and start a server on a free loopback port; returns a PostgresServer (call `.stop()`)."
    reason = why_unavailable()
    if reason: raise RuntimeError(reason)
    base = Path(tempfile.mkdtemp(prefix="wb-postgres-", dir=tmp_root))
    as_postgres = os.geteuid() == 0
    server = PostgresServer(base=base, port=free_port(), user=user, password=secrets.token_urlsafe(12),
                            database=database, bin_dir=find_pg_bin(), _as_postgres=as_postgres)
    pwfile = base / "pwfile"
    pwfile.write_text(server.password + "\n")
    if as_postgres:
        pg = pwd.getpwnam("postgres")
        for p in (base, pwfile): os.chown(p, pg.pw_uid, pg.pw_gid)
    base.chmod(0o700)
    atexit.register(server.stop)
    _run(server, [server.bin_dir / "initdb", "-D", server.data_dir, "-U", user, f"--pwfile={pwfile}", "-E", "UTF8",
                  "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"])
    opts = {"listen_addresses": "127.0.0.1", "port": server.port, "unix_socket_directories": str(base),
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", **(settings or {})}
    with open(server.data_dir / "postgresql.auto.conf", "a") as fh:
        fh.writelines(f"{k} = '{v}'\n" for k, v in opts.items())
    _run(server, [server.bin_dir / "pg_ctl", "-D", server.data_dir, "-l", server.log, "-w", "-t", "60", "start"])
    # initdb made the `postgres` database; add the one the URL names, over the local socket (trust auth)
    _run(server, [server.bin_dir / "psql", "-h", base, "-p", server.port, "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                  "-qc", f'CREATE DATABASE "{database}"'])
    return server


def psql(server, sql, timeout=1800):
    "Run SQL with the server's own psql over its socket (so bulk loads never pass through Python); returns stdout."
    return _run(server, [server.bin_dir / "psql", "-h", server.base, "-p", server.port, "-U", server.user, "-d", server.database,
                         "-v", "ON_ERROR_STOP=1", "-qAtc", sql], timeout=timeout).stdout


if __name__ == "__main__":
    t = time.perf_counter()
    with start_postgres() as srv:
        print(f"started in {time.perf_counter() - t:.1f}s:", srv.url.replace(srv.password, "***"), psql(srv, "select version()").strip())
