"""Prints the Authorization header botocore's SigV4Auth computes for each request.

Reads a JSON list from stdin, one object per request:
  {"method", "url", "headers": [[name, value], ...], "body" (text), "access_key",
   "secret_key", "session_token" (or null), "region", "service", "amz_date" (20241121T123456Z)}
and writes a JSON list of the Authorization values, in the same order.
"""

import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

# Headers botocore's client adds only after SigV4Auth has run (Content-Length when the
# request is prepared, the amz-sdk-* ones by its retry handler), and those SigV4Auth sets
# itself. Host is derived from the URL, as botocore does.
NOT_SEEN_BY_THE_SIGNER = {
    "content-length",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
    "authorization",
    "x-amz-date",
    "x-amz-security-token",
    "host",
}


def authorization(spec):
    signing_time = datetime.datetime.strptime(spec["amz_date"], "%Y%m%dT%H%M%SZ")
    # SigV4Auth reads the clock through this module-level name.
    botocore.auth.get_current_datetime = lambda *args, **kwargs: signing_time
    headers = {k: v for k, v in spec["headers"] if k.lower() not in NOT_SEEN_BY_THE_SIGNER}
    request = AWSRequest(
        method=spec["method"], url=spec["url"], headers=headers, data=spec["body"].encode()
    )
    credentials = Credentials(spec["access_key"], spec["secret_key"], spec["session_token"])
    botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
    return request.headers["Authorization"]


def main():
    json.dump([authorization(spec) for spec in json.load(sys.stdin)], sys.stdout)


if __name__ == "__main__":
    main()
