"""Drives workspaces-fake through boto3: every operation and error path, as a boto3 user sees them.

Usage: python drive_fake.py ENDPOINT_URL (json|smithy-rpc-v2-cbor) DATA_DIR
The fake must know the directory d-1234567890 (and no other) and start empty.
botocore's WorkSpaces model lists both protocols, and which one botocore ranks first
has changed between releases; so it reads a copy of its model that lists only the
protocol asked for (written into DATA_DIR, found through AWS_DATA_PATH). Every
request is checked to be in that protocol before it is sent.
Exits non-zero with a traceback on the first expectation that fails.
"""

import datetime
import json
import os
import re
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

DIRECTORY = "d-1234567890"
BUNDLE = "wsb-12345678"


PROTOCOL = "json"


def speak_only(protocol, data_dir):
    """botocore's WorkSpaces model with `protocols` cut to `protocol`, found first through AWS_DATA_PATH."""
    import botocore.loaders

    model = botocore.loaders.Loader().load_service_model("workspaces", "service-2")
    metadata = model["metadata"]
    assert protocol in metadata.get("protocols", []), metadata
    metadata["protocols"] = [protocol]
    metadata["protocol"] = protocol
    directory = os.path.join(data_dir, "workspaces", metadata["apiVersion"])
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "service-2.json"), "w") as f:
        json.dump(model, f)
    os.environ["AWS_DATA_PATH"] = data_dir


def check_protocol(request, **_):
    headers = request.headers
    if PROTOCOL == "smithy-rpc-v2-cbor":
        assert headers.get("smithy-protocol") == b"rpc-v2-cbor" or headers.get("smithy-protocol") == "rpc-v2-cbor", dict(headers)
        assert "X-Amz-Target" not in headers, dict(headers)
        assert "/service/WorkspacesService/operation/" in request.url, request.url
    else:
        assert "X-Amz-Target" in headers, dict(headers)


def client(endpoint, validate=True):
    ws = boto3.client(
        "workspaces",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 1}, parameter_validation=validate),
    )
    assert ws.meta.service_model.protocol == PROTOCOL, ws.meta.service_model.protocol
    ws.meta.events.register("before-send.workspaces", check_protocol)
    return ws


def expect_error(code, call, *, message=None):
    try:
        call()
    except ClientError as error:
        got = error.response["Error"]
        assert got["Code"] == code, (code, error.response)
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, error.response
        if message is not None:
            assert got["Message"] == message, (message, got["Message"])
        return got
    raise AssertionError(f"expected {code}")


def create(ws, name, sessions=2, **extra):
    return ws.create_workspaces_pool(
        PoolName=name,
        Description="a pool",
        BundleId=BUNDLE,
        DirectoryId=DIRECTORY,
        Capacity={"DesiredUserSessions": sessions},
        **extra,
    )["WorkspacesPool"]


def names(response):
    return [pool["PoolName"] for pool in response["WorkspacesPools"]]


def pools(ws, endpoint):
    created = create(ws, "alpha-1", Tags=[{"Key": "team", "Value": "a"}], RunningMode="ALWAYS_ON")
    assert re.fullmatch(r"wspool-[0-9a-z]{9}", created["PoolId"]), created
    assert created["PoolArn"] == f"arn:aws:workspaces:eu-west-3:210987654321:workspacespool/{created['PoolId']}"
    assert created["State"] == "CREATING"
    assert created["RunningMode"] == "ALWAYS_ON"
    assert isinstance(created["CreatedAt"], datetime.datetime)
    assert created["CapacityStatus"] == {
        "AvailableUserSessions": 0, "DesiredUserSessions": 2, "ActualUserSessions": 0, "ActiveUserSessions": 0,
    }, created["CapacityStatus"]

    error = expect_error("ResourceAlreadyExistsException", lambda: create(ws, "alpha-1"))
    assert "alpha-1" in error["Message"]

    updated = ws.update_workspaces_pool(
        PoolId=created["PoolId"], Description="changed", Capacity={"DesiredUserSessions": 5},
        TimeoutSettings={"MaxUserDurationInSeconds": 3600},
    )["WorkspacesPool"]
    assert updated["Description"] == "changed"
    assert updated["BundleId"] == BUNDLE and updated["RunningMode"] == "ALWAYS_ON", updated
    assert updated["State"] == "RUNNING"
    assert updated["CapacityStatus"]["DesiredUserSessions"] == 5
    assert updated["CapacityStatus"]["AvailableUserSessions"] == 5
    assert updated["TimeoutSettings"] == {"MaxUserDurationInSeconds": 3600}

    error = expect_error("ResourceNotFoundException",
                         lambda: ws.update_workspaces_pool(PoolId="wspool-000000000", Description="x"))
    assert "wspool-000000000" in error["Message"]
    expect_error("ResourceNotFoundException", lambda: ws.describe_workspaces_pools(PoolIds=["wspool-000000000"]))

    for name in ["alpha-2", "beta-1", "beta-2"]:
        create(ws, name)
    by_id = ws.describe_workspaces_pools(PoolIds=[created["PoolId"]])
    assert names(by_id) == ["alpha-1"] and "NextToken" not in by_id, by_id

    def filtered(operator, *values):
        filters = [{"Name": "PoolName", "Values": list(values), "Operator": operator}]
        return names(ws.describe_workspaces_pools(Filters=filters))

    assert filtered("EQUALS", "beta-1") == ["beta-1"]
    assert filtered("NOTEQUALS", "beta-1") == ["alpha-1", "alpha-2", "beta-2"]
    assert filtered("CONTAINS", "alpha") == ["alpha-1", "alpha-2"]
    assert filtered("NOTCONTAINS", "alpha", "a-2") == ["beta-1"]

    seen, token = [], None
    for _ in range(10):
        page = ws.describe_workspaces_pools(Limit=1, **({"NextToken": token} if token else {}))
        assert len(page["WorkspacesPools"]) <= 1
        seen += names(page)
        token = page.get("NextToken")
        if token is None:
            break
    assert seen == ["alpha-1", "alpha-2", "beta-1", "beta-2"], seen


def create_workspaces(ws):
    def request(directory, user):
        return {"DirectoryId": directory, "UserName": user, "BundleId": BUNDLE}

    result = ws.create_workspaces(Workspaces=[request(DIRECTORY, "ana"), request("d-0000000000", "bo")])
    [pending] = result["PendingRequests"]
    assert re.fullmatch(r"ws-[0-9a-z]{9}", pending["WorkspaceId"]) and pending["State"] == "PENDING", pending
    assert pending["UserName"] == "ana"
    [failed] = result["FailedRequests"]
    assert failed["ErrorCode"] == "ResourceNotFound.Directory" and failed["ErrorMessage"], failed
    assert failed["WorkspaceRequest"]["UserName"] == "bo"

    expect_error(
        "ValidationException",
        lambda: ws.create_workspaces(Workspaces=[request(DIRECTORY, f"u{i}") for i in range(26)]),
        message="1 validation error detected: Value at 'workspaces' failed to satisfy constraint: "
        "Member must have length less than or equal to 25",
    )


def violations(ws, raw):
    # What boto3 does not check itself reaches the server, whose message boto3 shows as is.
    expect_error(
        "ValidationException",
        lambda: ws.describe_workspaces_pools(Limit=26),
        message="1 validation error detected: Value '26' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 25",
    )
    expect_error(
        "ValidationException",
        lambda: create(ws, "bad name!", RunningMode="SOMETIMES"),
        message="2 validation errors detected: Value 'bad name!' at 'poolName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$; "
        "Value 'SOMETIMES' at 'runningMode' failed to satisfy constraint: "
        "Member must satisfy enum value set: [AUTO_STOP, ALWAYS_ON]",
    )
    # With boto3's own checks off, missing members and negative numbers get through too.
    expect_error(
        "ValidationException",
        lambda: raw.create_workspaces_pool(PoolName="ok-name", Capacity={"DesiredUserSessions": -1}),
        message="4 validation errors detected: "
        "Value null at 'description' failed to satisfy constraint: Member must not be null; "
        "Value null at 'bundleId' failed to satisfy constraint: Member must not be null; "
        "Value null at 'directoryId' failed to satisfy constraint: Member must not be null; "
        "Value '-1' at 'capacity.desiredUserSessions' failed to satisfy constraint: "
        "Member must have value greater than or equal to 0",
    )
    if PROTOCOL == "json":
        expect_error("SerializationException", lambda: raw.describe_workspaces_pools(Limit="many"))
    else:
        # botocore's CBOR writer refuses a string for an integer before sending; the
        # server's answer to a wrong type is in fake_server.rs's malformed-CBOR table.
        try:
            raw.describe_workspaces_pools(Limit="many")
        except ClientError:
            raise
        except Exception:
            pass
        else:
            raise AssertionError("botocore sent a string for an integer in CBOR")


def main():
    global PROTOCOL
    endpoint, PROTOCOL, data_dir = sys.argv[1:4]
    speak_only(PROTOCOL, data_dir)
    ws = client(endpoint)
    pools(ws, endpoint)
    create_workspaces(ws)
    violations(ws, client(endpoint, validate=False))
    print(f"boto3 drove every operation in {PROTOCOL}")


if __name__ == "__main__":
    main()
