#!/usr/bin/env python3
"""A second, independent ACS3-HMAC-SHA256 client, written from Alibaba Cloud's published
"V3 request structure and signature" and Python's standard library only.

The emulator tests use it to show that the emulator follows the published algorithm rather than
one SDK's quirks, and to send requests no SDK would send (a replayed nonce, a parameter changed
after signing).

Usage: acs3_client.py --endpoint http://127.0.0.1:PORT --access-key-id ID --access-key-secret S
                      --action NAME [--param K=V ...] [--tamper K=V ...] [--repeat N]
                      [--security-token T] [--method POST|GET] [--form]
Prints one JSON object per response: {"status": <int>, "body": <parsed JSON>}.
"""
import argparse
import datetime
import hashlib
import hmac
import http.client
import json
import sys
import urllib.parse
import uuid


def encode(value):
    # RFC 3986: unreserved characters stay, everything else is %XX in upper case.
    return urllib.parse.quote(value, safe="-_.~")


def canonical_query(params):
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(params.items()))


def sign(method, host, params, body, headers, secret):
    hashed_payload = hashlib.sha256(body).hexdigest()
    headers["x-acs-content-sha256"] = hashed_payload
    to_sign = {k.lower(): v.strip() for k, v in headers.items()}
    to_sign["host"] = host
    names = sorted(n for n in to_sign if n.startswith("x-acs-") or n in ("host", "content-type"))
    canonical_headers = "".join(f"{n}:{to_sign[n]}\n" for n in names)
    signed_headers = ";".join(names)
    canonical_request = "\n".join(
        [method, "/", canonical_query(params), canonical_headers, signed_headers, hashed_payload]
    )
    string_to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical_request.encode()).hexdigest()
    signature = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return signed_headers, signature


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--access-key-id", required=True)
    ap.add_argument("--access-key-secret", required=True)
    ap.add_argument("--security-token")
    ap.add_argument("--action", required=True)
    ap.add_argument("--version", default="2016-04-28")
    ap.add_argument("--param", action="append", default=[], help="K=V, signed and sent")
    ap.add_argument("--tamper", action="append", default=[], help="K=V, sent in place of the signed value")
    ap.add_argument("--repeat", type=int, default=1, help="send the same signed request N times")
    ap.add_argument("--method", default="POST", choices=["POST", "GET"])
    ap.add_argument("--form", action="store_true", help="send the parameters as a form body")
    args = ap.parse_args()

    url = urllib.parse.urlparse(args.endpoint)
    host = url.netloc
    params = dict(p.split("=", 1) for p in args.param)
    headers = {
        "x-acs-action": args.action,
        "x-acs-version": args.version,
        "x-acs-date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "x-acs-signature-nonce": uuid.uuid4().hex,
    }
    if args.security_token:
        headers["x-acs-security-token"] = args.security_token
    body = b""
    query_params = params
    if args.form:
        body = urllib.parse.urlencode(params, quote_via=urllib.parse.quote).encode()
        headers["content-type"] = "application/x-www-form-urlencoded"
        query_params = {}
    signed_headers, signature = sign(args.method, host, query_params, body, headers, args.access_key_secret)
    headers["Authorization"] = (
        f"ACS3-HMAC-SHA256 Credential={args.access_key_id},"
        f"SignedHeaders={signed_headers},Signature={signature}"
    )
    sent = dict(query_params)
    sent.update(dict(p.split("=", 1) for p in args.tamper))
    path = "/" + ("?" + canonical_query(sent) if sent else "")
    for _ in range(args.repeat):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        conn.request(args.method, path, body=body, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode()
        conn.close()
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = text
        print(json.dumps({"status": resp.status, "body": parsed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
