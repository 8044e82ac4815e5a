"""`gongkai site push user@host:/path`: rsync over SSH, against a real sshd on 127.0.0.1 (started
here with its own host key and one authorized key; installed by scripts/system-deps.sh)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from gongkai.staticsite import services
from tests.staticsite.test_site import portal  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
SSHD = "/usr/sbin/sshd"


@pytest.fixture
def sshd():
    if not (Path(SSHD).exists() and shutil.which("rsync") and shutil.which("ssh")):
        pytest.skip(
            "!!! SSH PUSH TEST SKIPPED: sshd/rsync missing (scripts/system-deps.sh as root) !!!"
        )
    if os.geteuid() != 0:
        pytest.skip("!!! SSH PUSH TEST SKIPPED: sshd needs root here !!!")
    home = Path(tempfile.mkdtemp(prefix="gongkai-sshd-"))
    home.chmod(0o700)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", home / "host"], check=True)
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", home / "client"], check=True
    )
    shutil.copy(home / "client.pub", home / "authorized_keys")
    (home / "authorized_keys").chmod(0o600)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (home / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {home / 'host'}\n"
        f"AuthorizedKeysFile {home / 'authorized_keys'}\nPidFile {home / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "PermitRootLogin prohibit-password\nStrictModes no\n"
    )
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    process = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", home / "sshd_config"],
        stdout=subprocess.DEVNULL,
        stderr=(home / "sshd.log").open("wb"),
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    ssh = (
        f"ssh -p {port} -i {home / 'client'} -o BatchMode=yes -o StrictHostKeyChecking=no "
        "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
    )
    try:
        yield {"ssh": ssh, "home": home}
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


def test_push_over_ssh_moves_changes_and_deletions(portal, site_dir, sshd, settings, chain_people):  # noqa: F811
    settings.GONGKAI_SITE_PUSH_SSH = sshd["ssh"]
    target = sshd["home"] / "public"
    services.build()
    first = services.push(f"root@127.0.0.1:{target}")
    assert "index.html" in first.copied and not first.deleted
    assert services.verify(target) == []
    again = services.push(f"root@127.0.0.1:{target}")
    assert again.copied == [] and again.deleted == []  # nothing moved the second time
    item, agency = portal["first"], portal["agency"]
    page = f"xxgk/{agency.code}/item/{item.pk}/index.html"
    assert (target / page).read_bytes() == (site_dir / page).read_bytes()
    # A withdrawal (here the page's removal by a refresh) propagates.
    from gongkai.publishing import services as publishing

    publishing.item_withdraw(item=item, by=chain_people["office"], reason="内容有误")
    services.refresh(agency.pk, [item.pk])
    pushed = services.push(f"root@127.0.0.1:{target}")
    assert page in pushed.deleted and not (target / page).exists()
    assert services.verify(target) == []
