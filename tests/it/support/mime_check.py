"""Reads an .eml with Python's own `email` package (independent of the
mail-builder crate that wrote it) and prints what the Rust tests check, as
JSON: the decoded headers, the MIME tree, the HTML and text, every cid the
HTML uses and every inline part's cid, and for each image whether it
carries metadata (EXIF/GPS/XMP/ICC segments in a JPEG; text chunks, eXIf,
iCCP in a PNG)."""

import email
import email.policy
import json
import re
import sys


def jpeg_segments(data):
    """Marker names of a JPEG's header segments up to the image data."""
    out = []
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the pixels follow
            break
        length = int.from_bytes(data[i + 2:i + 4], "big")
        body = data[i + 4:i + 2 + length]
        if marker == 0xE1 and body.startswith(b"Exif"):
            out.append("EXIF")
        elif marker == 0xE1 and b"http://ns.adobe.com/xap" in body[:40]:
            out.append("XMP")
        elif marker == 0xE2 and body.startswith(b"ICC_PROFILE"):
            out.append("ICC")
        elif 0xE1 <= marker <= 0xEF:
            out.append("APP%d" % (marker - 0xE0))
        elif marker == 0xFE:
            out.append("COM")
        i += 2 + length
    return out


def png_chunks(data):
    out = []
    i = 8
    while i + 8 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        kind = data[i + 4:i + 8].decode("latin-1")
        if kind in ("tEXt", "zTXt", "iTXt", "eXIf", "iCCP", "tIME"):
            out.append(kind)
        i += 12 + length
    return out


def tree(part):
    node = {"type": part.get_content_type()}
    if part.is_multipart():
        node["parts"] = [tree(p) for p in part.iter_parts()]
    return node


def main(path):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    html, text, images = None, None, []
    for part in msg.walk():
        ctype = part.get_content_type()
        if part.is_multipart():
            continue
        if ctype == "text/html":
            html = part.get_content()
        elif ctype == "text/plain":
            text = part.get_content()
        elif ctype.startswith("image/"):
            data = part.get_content()
            cid = (part.get("Content-ID") or "").strip().strip("<>")
            meta = jpeg_segments(data) if ctype == "image/jpeg" else png_chunks(data)
            images.append({
                "type": ctype,
                "cid": cid,
                "bytes": len(data),
                "disposition": part.get_content_disposition(),
                "metadata": meta,
                "gps": b"GPS" in data[:65536] and "EXIF" in meta,
            })
    print(json.dumps({
        "size": len(raw),
        "subject": str(msg["Subject"]),
        "from": str(msg["From"]),
        "to": str(msg["To"]),
        "to_name": msg["To"].addresses[0].display_name if msg["To"] else None,
        "to_addr": msg["To"].addresses[0].addr_spec if msg["To"] else None,
        "x_unsent": msg["X-Unsent"],
        "message_id": msg["Message-ID"],
        "date": msg["Date"],
        "defects": [str(d) for d in msg.defects],
        "tree": tree(msg),
        "html": html,
        "html_bytes": len(html.encode("utf-8")) if html else 0,
        "text": text,
        "html_cids": re.findall(r'src="cid:([^"]+)"', html or ""),
        "images": images,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
