"""A real IMAP server for tests: Dovecot with a minimal configuration in a temp folder.

`dovecot_server(folder)` writes the config (plain-text login on 127.0.0.1, one user in a
passwd file, maildir storage), runs `dovecot -F -c CONF` and stops it afterwards. As
root, mail is owned by Debian's `dovecot` user (Dovecot refuses UID 0 for mail).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "recepcion@cuadre.test"
PASSWORD = "secreto-de-prueba"


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str


def dovecot_binary() -> str | None:
    """The dovecot executable, or None when it is not installed."""
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot",) if os.access(p, os.X_OK)), None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(folder: Path, port: int) -> str:
    if os.getuid() == 0:
        mail, login = pwd.getpwnam("dovecot"), pwd.getpwnam("dovenull")
    else:
        mail = login = pwd.getpwuid(os.getuid())
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {mail.pw_name}
default_login_user = {login.pw_name}
first_valid_uid = {mail.pw_uid}
mail_location = maildir:{folder}/mail/%n
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={mail.pw_uid} gid={mail.pw_gid} home={folder}/mail/%n
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@contextmanager
def dovecot_server() -> Iterator[ImapServer]:
    """Run Dovecot on a free port of 127.0.0.1 until the block ends.

    Its folder is a fresh one under the system temp dir: pytest's own are 0700, which
    Dovecot's unprivileged processes could not enter.
    """
    binary = dovecot_binary()
    assert binary is not None
    with tempfile.TemporaryDirectory(prefix="cuadre-dovecot-") as name:
        os.chmod(name, 0o777)
        with _running(binary, Path(name)) as server:
            yield server


@contextmanager
def _running(binary: str, folder: Path) -> Iterator[ImapServer]:
    (folder / "mail").mkdir(exist_ok=True)
    for path in (folder, folder / "mail"):
        os.chmod(path, 0o777)  # the mail user (not the test's) writes the maildir
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    port = _free_port()
    conf = folder / "dovecot.conf"
    conf.write_text(_config(folder, port))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), 0.2) as probe:
                    if probe.recv(64).startswith(b"* OK"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"dovecot did not start: {output}")
            time.sleep(0.1)
        yield ImapServer("127.0.0.1", port, USER, PASSWORD)
    finally:
        process.terminate()
        process.wait(10)
