"""boto3 against a signed-only server: prints {case: "Ok" | error code} as JSON.

Usage: boto3_signed.py ENDPOINT, with AKID, SECRET, TEMP_AKID, TEMP_SECRET, TOKEN and REGION
in the environment. Run by tests/interop/tests/it/signed.rs.
"""
import json
import os
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
env = os.environ


def call(key, secret, token=None, signed=True):
    config = Config(retries={"max_attempts": 1, "mode": "standard"})
    if not signed:
        config = config.merge(Config(signature_version=UNSIGNED))
    client = boto3.client(
        "iot-managed-integrations",
        endpoint_url=endpoint,
        region_name=env["REGION"],
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=config,
    )
    try:
        out = client.create_event_log_configuration(
            ResourceType="managed-thing", EventLogLevel="INFO"
        )
        return "Ok" if out.get("Id") else "no Id"
    except ClientError as e:
        return e.response["Error"]["Code"]


print(
    json.dumps(
        {
            "good": call(env["AKID"], env["SECRET"]),
            "temporary": call(env["TEMP_AKID"], env["TEMP_SECRET"], env["TOKEN"]),
            "wrong_secret": call(env["AKID"], "wrong-secret"),
            "unknown_key": call("AKIDUNKNOWN", env["SECRET"]),
            "token_missing": call(env["TEMP_AKID"], env["TEMP_SECRET"]),
            "unsigned": call(env["AKID"], env["SECRET"], signed=False),
        }
    )
)
