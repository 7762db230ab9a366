"""An ordinary Python program, written as it would run on a VM in Azure: nothing in it knows about
the emulator. The conformance run points it at the emulator with environment variables only
(HTTPS_PROXY/HTTP_PROXY, NO_PROXY, REQUESTS_CA_BUNDLE). Inputs, as an app would take them:
AZURE_SUBSCRIPTION_ID, RESOURCE_GROUP, STORAGE_ACCOUNT, CONTAINER, KEY_VAULT. Prints one JSON line;
exits 1 on the first failure. Runs on Debian's python3-azure (/usr/bin/python3)."""
import hashlib
import json
import os
import sys

from azure.identity import DefaultAzureCredential, ManagedIdentityCredential
from azure.keyvault.secrets import SecretClient
from azure.mgmt.resource import ResourceManagementClient
from azure.storage.blob import BlobServiceClient

out = {}


def main():
    env = os.environ
    mi = ManagedIdentityCredential()
    out["miToken"] = len(mi.get_token("https://management.azure.com/.default").token.split(".")) == 3
    dac = DefaultAzureCredential()
    out["defaultCredentialToken"] = len(dac.get_token("https://storage.azure.com/.default").token.split(".")) == 3

    arm = ResourceManagementClient(mi, env["AZURE_SUBSCRIPTION_ID"])
    group = arm.resource_groups.get(env["RESOURCE_GROUP"])
    out["group"] = {"name": group.name, "location": group.location}

    # 1 MiB single-put limit and 1 MiB blocks: the upload below goes as Put Block + Put Block List.
    service = BlobServiceClient(
        f"https://{env['STORAGE_ACCOUNT']}.blob.core.windows.net", credential=mi, max_single_put_size=1024 * 1024, max_block_size=1024 * 1024
    )
    container = service.get_container_client(env["CONTAINER"])
    out["containerExists"] = container.exists()
    data = os.urandom(3 * 1024 * 1024 + 77)
    blob = container.get_blob_client("conformance/python.bin")
    blob.upload_blob(data, overwrite=True, metadata={"purpose": "conformance"})
    whole = blob.download_blob().readall()
    out["download"] = {"bytes": len(whole), "sameBytes": hashlib.sha256(whole).digest() == hashlib.sha256(data).digest()}
    part = blob.download_blob(offset=1000, length=5000).readall()
    out["ranged"] = {"bytes": len(part), "sameBytes": part == data[1000:6000]}
    props = blob.get_blob_properties()
    out["properties"] = {"size": props.size, "metadata": props.metadata}
    out["listed"] = [b.name for b in container.list_blobs(name_starts_with="conformance/")]
    blob.delete_blob()
    out["deleted"] = not blob.exists()
    out["hello"] = container.get_blob_client("hello.txt").download_blob().readall().decode("utf-8")
    # An empty blob: Python's download always sends a range, which Storage answers 416 for.
    empty = container.get_blob_client("conformance/empty.txt")
    empty.upload_blob(b"", overwrite=True)
    out["emptyDownload"] = len(empty.download_blob().readall())
    empty.delete_blob()

    secrets = SecretClient(f"https://{env['KEY_VAULT']}.vault.azure.net", mi)
    secret = secrets.get_secret("mySecret")
    out["secret"] = {"value": secret.value, "vaultUrl": secret.properties.vault_url}
    out["secretNames"] = [p.name for p in secrets.list_properties_of_secrets()]


try:
    main()
    print(json.dumps({"ok": True, **out}))
except Exception as e:  # noqa: BLE001 - report any failure as data for the runner
    print(json.dumps({"ok": False, **out, "error": {"type": type(e).__name__, "message": str(e)[:2000]}}))
    sys.exit(1)
