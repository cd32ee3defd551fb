"""Reads the headers of .eml files with Python's `email` package in its
strict modern policy (email.policy.default), independent of the crate that
wrote them, and prints for each file, as JSON: every header's name in
order, the parsed From and To (display name, address, defects) and the
Subject with its defects. A defect is what a strict reader objects to
(an encoded word inside quotes, a bad address)."""

import email
import email.policy
import json
import sys


def mailbox(header):
    if header is None:
        return None
    return {
        "raw": str(header),
        "names": [a.display_name for a in header.addresses],
        "addrs": [a.addr_spec for a in header.addresses],
        "defects": [str(d) for d in header.defects],
    }


def read(path):
    msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    subject = msg["Subject"]
    return {
        "headers": list(msg.keys()),
        "from": mailbox(msg["From"]),
        "to": mailbox(msg["To"]),
        "subject": str(subject) if subject is not None else None,
        "subject_defects": [str(d) for d in subject.defects] if subject is not None else [],
        "message_defects": [str(d) for d in msg.defects],
    }


if __name__ == "__main__":
    print(json.dumps([read(p) for p in sys.argv[1:]], ensure_ascii=False))
