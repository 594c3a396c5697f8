#!/usr/bin/python3
"""A real SMTP server for debrief's tests (Debian's python3-aiosmtpd).

It requires STARTTLS (with the certificate and key it is given) and then AUTH with one user and
password, takes every message, and writes each one, as parsed by Python's e-mail package, as a
JSON file in the output folder: envelope sender and recipients, whether the session used TLS, who
authenticated, the headers and the decoded text. It prints "listening PORT" once it accepts.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    counter = {"n": 0}

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and \
                auth_data.login.decode() == args.user and \
                auth_data.password.decode() == args.password:
            return AuthResult(success=True, auth_data=auth_data.login.decode())
        return AuthResult(success=False, handled=False)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            message = email.message_from_bytes(envelope.original_content or envelope.content,
                                               policy=email.policy.default)
            body = message.get_body(preferencelist=("plain",))
            record = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "tls": session.ssl is not None,
                "authenticated_as": session.auth_data,
                "headers": {key: str(value) for key, value in message.items()},
                "subject": str(message["subject"]),
                "text": body.get_content() if body is not None else "",
            }
            counter["n"] += 1
            path = os.path.join(args.out, "%04d.json" % counter["n"])
            with open(path + ".tmp", "w") as out:
                json.dump(record, out)
            os.rename(path + ".tmp", path)
            return "250 OK"

    # aiosmtpd checks its own port once started, so port 0 cannot be passed: ask the system for
    # a free one first.
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port, tls_context=context,
                            require_starttls=True, authenticator=authenticate,
                            auth_required=True, auth_require_tls=True)
    controller.start()
    print("listening %d" % free_port, flush=True)
    try:
        sys.stdin.read()  # Runs until the test closes its input or kills it.
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
