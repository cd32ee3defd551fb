#!/usr/bin/env python3
"""A throwaway Dovecot IMAP server on loopback for the mailbox tests.

Writes a config (maildir in --dir, one passwd-file user, plain IMAP on
127.0.0.1), runs `dovecot -F` as a child, prints "READY <port>" once it
answers, and stops it when stdin closes (or this process dies). Run as
root, Dovecot's own unprivileged users serve the mail; otherwise the
calling user does.
"""
import argparse, ctypes, grp, os, pwd, signal, socket, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--dir", required=True)
ap.add_argument("--user", required=True)
ap.add_argument("--password", required=True)
ap.add_argument("--port", type=int, default=0)
# Also IMAPS on a second port and STARTTLS on the first, with a self-signed
# certificate for localhost/127.0.0.1 written to <dir>/cert.pem.
ap.add_argument("--tls", action="store_true")
a = ap.parse_args()

d = os.path.abspath(a.dir)
for sub in ("run", "state", "mail"):
    os.makedirs(os.path.join(d, sub), exist_ok=True)
def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p

port = a.port or free_port()
tls_port = free_port() if a.tls else 0
ssl_conf = "ssl = no"
if a.tls:
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    if not os.path.exists(cert):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", key, "-out", cert], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ssl_conf = f"ssl = yes\nssl_cert = <{cert}\nssl_key = <{key}"

if os.getuid() == 0:
    internal, login = "dovecot", "dovenull"
    mail_uid, mail_gid = pwd.getpwnam("dovecot").pw_uid, grp.getgrnam("dovecot").gr_gid
    os.chmod(d, 0o755)
    os.chown(os.path.join(d, "mail"), mail_uid, mail_gid)
else:
    internal = login = pwd.getpwuid(os.getuid()).pw_name
    mail_uid, mail_gid = os.getuid(), os.getgid()
internal_group = grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name

with open(os.path.join(d, "users"), "w") as f:
    f.write(f"{a.user}:{{PLAIN}}{a.password}:{mail_uid}:{mail_gid}::{d}/mail/{a.user}\n")
conf = os.path.join(d, "dovecot.conf")
with open(conf, "w") as f:
    f.write(f"""base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl_conf}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
""")

def die_with_parent():
    # The server goes when this script goes, even on SIGKILL.
    ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)

child = subprocess.Popen(["dovecot", "-F", "-c", conf], preexec_fn=die_with_parent,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 15
while True:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            if c.recv(100).startswith(b"* OK"):
                break
    except OSError:
        pass
    if time.time() > deadline or child.poll() is not None:
        sys.stdout.write("FAILED\n")
        sys.stdout.flush()
        child.kill()
        sys.exit(1)
    time.sleep(0.1)

sys.stdout.write(f"READY {port} {tls_port}\n" if a.tls else f"READY {port}\n")
sys.stdout.flush()
signal.signal(signal.SIGTERM, lambda *_: (child.terminate(), sys.exit(0)))
try:
    sys.stdin.read()
finally:
    child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
