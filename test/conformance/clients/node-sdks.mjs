// An ordinary Node program, written as it would run on a VM in Azure: nothing in it knows about
// the emulator. The conformance runs point it at the emulator with environment variables only
// (HTTPS_PROXY/HTTP_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS). Inputs, as an app would take them:
// AZURE_SUBSCRIPTION_ID, RESOURCE_GROUP, STORAGE_ACCOUNT, CONTAINER, KEY_VAULT. Prints one JSON
// line of results; exits 1 on the first failure with the error.
import { randomBytes, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { ResourceManagementClient } from '@azure/arm-resources';
import { BlobServiceClient } from '@azure/storage-blob';
import { SecretClient } from '@azure/keyvault-secrets';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const sha = (b) => createHash('sha256').update(b).digest('hex');
const out = {};

async function main() {
  const mi = new ManagedIdentityCredential();
  const token = await mi.getToken('https://management.azure.com/.default');
  out.miToken = token.token.split('.').length === 3;
  const dac = new DefaultAzureCredential();
  out.defaultCredentialToken = (await dac.getToken('https://storage.azure.com/.default')).token.split('.').length === 3;

  const arm = new ResourceManagementClient(mi, env('AZURE_SUBSCRIPTION_ID'));
  const group = await arm.resourceGroups.get(env('RESOURCE_GROUP'));
  out.group = { name: group.name, location: group.location };

  const blobs = new BlobServiceClient(`https://${env('STORAGE_ACCOUNT')}.blob.core.windows.net`, dac);
  const container = blobs.getContainerClient(env('CONTAINER'));
  out.containerExists = await container.exists();
  out.missingContainerExists = await blobs.getContainerClient('no-such-container').exists();
  const data = randomBytes(5 * 1024 * 1024 + 123);
  const blob = container.getBlockBlobClient('conformance/random.bin');
  // 1 MiB buffers: the upload goes as several Put Block calls and one Put Block List.
  await blob.uploadStream(Readable.from([data]), 1024 * 1024, 4, { blobHTTPHeaders: { blobContentType: 'application/octet-stream' }, metadata: { purpose: 'conformance' } });
  const whole = await blob.downloadToBuffer();
  out.download = { bytes: whole.length, sameBytes: sha(whole) === sha(data) };
  const ranged = await blob.download(1000, 5000);
  const chunks = [];
  for await (const c of ranged.readableStreamBody) chunks.push(c);
  const part = Buffer.concat(chunks);
  out.ranged = { status: ranged._response.status, contentRange: ranged.contentRange, sameBytes: sha(part) === sha(data.subarray(1000, 6000)) };
  const props = await blob.getProperties();
  out.properties = { contentLength: props.contentLength, metadata: props.metadata, etag: /^"0x8[0-9A-F]+"$/.test(props.etag ?? '') };
  const blockList = await blob.getBlockList('committed');
  out.blocks = blockList.committedBlocks?.length ?? 0;
  const names = [];
  for await (const item of container.listBlobsFlat({ prefix: 'conformance/' })) names.push(item.name);
  out.listed = names;
  const byDir = [];
  for await (const item of container.listBlobsByHierarchy('/')) byDir.push(item.kind === 'prefix' ? `${item.name} (prefix)` : item.name);
  out.hierarchy = byDir;
  await blob.delete();
  out.deleted = !(await blob.exists());
  const text = await container.getBlobClient('hello.txt').downloadToBuffer();
  out.hello = text.toString('utf8');

  const secrets = new SecretClient(`https://${env('KEY_VAULT')}.vault.azure.net`, mi);
  const secret = await secrets.getSecret('mySecret');
  out.secret = { value: secret.value, vaultUrl: secret.properties.vaultUrl, version: /^[0-9a-f]{32}$/.test(secret.properties.version ?? '') };
  const listed = [];
  for await (const p of secrets.listPropertiesOfSecrets()) listed.push(p.name);
  out.secretNames = listed;
}

main().then(
  () => {
    console.log(JSON.stringify({ ok: true, ...out }));
  },
  (e) => {
    console.log(JSON.stringify({ ok: false, ...out, error: { name: e?.name, code: e?.code, statusCode: e?.statusCode, message: String(e?.message ?? e).slice(0, 2000) } }));
    process.exit(1);
  },
);
