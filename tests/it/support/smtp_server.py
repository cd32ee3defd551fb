"""A real SMTP server on 127.0.0.1 for the outbox tests (aiosmtpd).

    python3 smtp_server.py --maildir DIR [--port N] [--auth USER:PASS]
                           [--auth-cram-md5-only] [--reject-rcpt TEXT] [--stall-data]
                           [--starttls-cert CERT --starttls-key KEY]

Prints `READY <port>` once it listens, then serves until its stdin closes. The
port is bound here and kept for the life of the process, so it never goes to
another program: with --down it is held but refuses connections (a server
that is down) until a line `up` arrives on stdin; a line `restart ARGS...`
(the options above, but --port) serves with those from the next connection
on, on the same port (a server restarted). Each command is answered `OK`. Every
message it accepts is written to DIR/<n>.eml (the bytes as received). With
--auth, AUTH PLAIN/LOGIN is required (without TLS: loopback only). Without
--auth no AUTH is offered at all (a plain port of a server that wants TLS
first); with --auth-cram-md5-only AUTH is offered with CRAM-MD5 alone, a
mechanism the client does not speak. With
--reject-rcpt, a recipient containing TEXT gets `550 5.1.1 <reason>`. With
--stall-data, DATA is accepted but never answered (writes DIR/stalled), so
a client hangs mid-send until it is killed. With --starttls-cert/--starttls-key,
STARTTLS is offered and required, with that (self-signed) certificate."""

import argparse
import asyncio
import logging
import os
import socket
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.reject_rcpt and self.args.reject_rcpt in address:
            return "550 5.1.1 <%s>: Recipient address rejected: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.stall_data:
            open(os.path.join(self.args.maildir, "stalled"), "w").close()
            await asyncio.sleep(3600)
        self.count += 1
        path = os.path.join(self.args.maildir, "%d.eml" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 Ok: queued as %d" % self.count


class CramOnlyHandler(Handler):
    """Offers AUTH CRAM-MD5 only (and refuses it): a server the client
    cannot log in to whatever the password."""

    async def auth_CRAM__MD5(self, server, args):
        return AuthResult(success=False, handled=False)


def authenticator(expected):
    user, password = expected.split(":", 1)

    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False)

    return check


def options():
    p = argparse.ArgumentParser()
    p.add_argument("--maildir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--auth")
    p.add_argument("--auth-cram-md5-only", action="store_true")
    p.add_argument("--reject-rcpt")
    p.add_argument("--stall-data", action="store_true")
    p.add_argument("--starttls-cert", help="offer (and require) STARTTLS with this certificate")
    p.add_argument("--starttls-key")
    p.add_argument("--down", action="store_true", help="hold the port, refuse until `up`")
    return p


def smtp_kwargs(args):
    kwargs = {}
    if args.auth:
        kwargs = dict(
            authenticator=authenticator(args.auth),
            auth_required=True,
            auth_require_tls=False,
        )
    if args.auth_cram_md5_only:
        kwargs = dict(
            auth_required=True,
            auth_require_tls=False,
            auth_exclude_mechanism=["LOGIN", "PLAIN"],
        )
    if args.starttls_cert:
        import ssl

        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.starttls_cert, args.starttls_key)
        kwargs.update(tls_context=ctx, require_starttls=True)
    return kwargs


class SocketController(Controller):
    """Serves on a socket bound beforehand (and kept), not on a port it binds."""

    def __init__(self, handler, sock, **kwargs):
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1], **kwargs)
        self.sock = sock

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock, ssl=self.ssl_context)


def serve(sock, args):
    os.makedirs(args.maildir, exist_ok=True)
    handler = CramOnlyHandler(args) if args.auth_cram_md5_only else Handler(args)
    controller = SocketController(handler, sock, **smtp_kwargs(args))
    controller.start()
    return controller


def main():
    # AUTH without TLS is the point here (loopback only): no warnings about it.
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    parser = options()
    args = parser.parse_args()
    # Bound (not yet listening: connections are refused) and ours until we exit.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name != "nt":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    port = sock.getsockname()[1]
    controller = None if args.down else serve(sock, args)
    print("READY %d" % port, flush=True)
    try:
        # Runs until the test closes our stdin (or dies, which closes it).
        for line in sys.stdin:
            words = line.split()
            if words[:1] == ["up"] and controller is None:
                controller = serve(sock, args)
            elif words[:1] == ["restart"] and controller is not None:
                # The same socket and server; new connections get the new options.
                new = parser.parse_args(words[1:])
                os.makedirs(new.maildir, exist_ok=True)
                handler = CramOnlyHandler(new) if new.auth_cram_md5_only else Handler(new)
                fresh = SocketController(handler, sock, **smtp_kwargs(new))
                controller.handler, controller.SMTP_kwargs = fresh.handler, fresh.SMTP_kwargs
            print("OK", flush=True)
    finally:
        if controller is not None:
            controller.stop()


if __name__ == "__main__":
    main()
