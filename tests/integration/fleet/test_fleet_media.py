"""Media on S3-compatible storage (ADR 1103): django-storages against a real S3 server on loopback (moto's).

The fleet's web nodes share media through the bucket: what one node saves, another reads and links to. A
missing bucket stops the start, naming MEDIA_S3_BUCKET.
"""

import subprocess
import sys

import boto3
import pytest
from django.core.files.base import ContentFile
from storages.backends.s3 import S3Storage
from test_fleet_checks import borderless, free_port, wait_for_port

KEYS = {"AWS_ACCESS_KEY_ID": "fleet-test", "AWS_SECRET_ACCESS_KEY": "fleet-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, server, seconds=30)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(10)


def node_storage(endpoint: str, bucket: str) -> S3Storage:
    return S3Storage(
        bucket_name=bucket,
        endpoint_url=endpoint,
        region_name="us-east-1",
        access_key=KEYS["AWS_ACCESS_KEY_ID"],
        secret_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        location="media",
        file_overwrite=False,
        querystring_auth=False,
    )


def test_what_one_node_saves_another_reads(s3_endpoint):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **_boto_keys())
    client.create_bucket(Bucket="shared-media")
    first, second = node_storage(s3_endpoint, "shared-media"), node_storage(s3_endpoint, "shared-media")
    name = first.save("products/cherries.jpg", ContentFile(b"\xff\xd8 jpeg bytes"))
    again = first.save("products/cherries.jpg", ContentFile(b"other bytes"))
    assert again != name  # never overwritten: two uploads of the same name keep both
    assert second.exists(name)
    with second.open(name) as f:
        assert f.read() == b"\xff\xd8 jpeg bytes"
    assert second.url(name) == f"{s3_endpoint}/shared-media/media/{name}"
    assert (
        client.get_object(Bucket="shared-media", Key=f"media/{name}")["Body"].read() == b"\xff\xd8 jpeg bytes"
    )
    second.delete(name)
    assert not first.exists(name)


def test_a_missing_bucket_stops_the_start(tmp_path, s3_endpoint):
    env = {**KEYS, "AWS_S3_ENDPOINT_URL": s3_endpoint}
    done = borderless(tmp_path, "check", "--tag", "fleet", MEDIA_S3_BUCKET="no-such-bucket", **env)
    assert done.returncode != 0
    assert "MEDIA_S3_BUCKET: bucket 'no-such-bucket' at " + s3_endpoint in done.stderr
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **_boto_keys()).create_bucket(
        Bucket="made-bucket"
    )
    assert (
        borderless(tmp_path, "check", "--tag", "fleet", MEDIA_S3_BUCKET="made-bucket", **env).returncode == 0
    )


def _boto_keys() -> dict:
    return {
        "aws_access_key_id": KEYS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": KEYS["AWS_SECRET_ACCESS_KEY"],
    }
