/**
 * Az.Storage with Microsoft Entra sign-in in Cloud Shell's PowerShell against the simulated Storage:
 * a token for https://storage.azure.com, RBAC on blob data, Storage.format.ps1xml's blob table
 * (src/shells/powershell/modules/az/storage.ts, views.ts).
 */
import { describe, expect, it } from 'vitest';
import { createRoleAssignment, createWorld, guid, rbac, type World } from '../../../../src/sim/index';
import { cloudShellRig } from './az-rig';

function dataWorld(): { world: World; accountId: string } {
  const made = createWorld('data');
  if (!made.ok) throw new Error(made.error.message);
  const world = made.value;
  return { world, accountId: Object.values(world.data.storageAccounts)[0]!.id };
}

function grant(world: World, scope: string, role: string): void {
  const user = Object.values(world.data.users)[0]!;
  const made = createRoleAssignment(world, { name: guid(world.rng), scope, roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`, principalId: user.objectId, principalType: 'User' });
  if (!made.ok) throw new Error(made.error.message);
}

describe('New-AzStorageContext -UseConnectedAccount, Get-AzStorageBlob, Get-AzStorageBlobContent', () => {
  it('lists and downloads blobs with a Storage token, in the grouped blob table', async () => {
    const { world, accountId } = dataWorld();
    grant(world, accountId, rbac.BUILT_IN_ROLE_IDS.storageBlobDataReader);
    const r = await cloudShellRig(world);
    const container = Object.values(world.data.blobContainers)[0]!;
    const containerName = container.name;
    await r.session.run('$ctx = New-AzStorageContext -StorageAccountName mysandboxstorage -UseConnectedAccount');
    // The help's capture is from a console wider than the table (180 columns); at 120 the columns shrink.
    r.session.resize(200);
    const out = await r.session.run(`Get-AzStorageBlob -Container ${containerName} -Context $ctx`);
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    expect(lines[1]).toBe(`   AccountName: mysandboxstorage, ContainerName: ${containerName}`);
    expect(lines[3]).toBe('Name                 BlobType  Length          ContentType                    LastModified         AccessTier SnapshotTime                 IsDeleted  VersionId');
    expect(lines[5]).toMatch(/^\S+\s+BlockBlob \d+\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ Hot\s+False$/);
    const list = r.requests().at(-1)!;
    expect(list).toBe(`GET https://mysandboxstorage.blob.core.windows.net/${containerName}?restype=container&comp=list`);
    const first = (await r.session.run(`@(Get-AzStorageBlob -Container ${containerName} -Context $ctx)[0].Name`)).stdout.trim();
    const got = await r.session.run(`Get-AzStorageBlobContent -Container ${containerName} -Blob ${first} -Destination "./${first}" -Context $ctx`);
    expect(got.stderr, got.stderr).toBe("");
    expect(got.stdout).toContain(`${first} `);
    expect(r.requests().at(-1)).toBe(`GET https://mysandboxstorage.blob.core.windows.net/${containerName}/${first}`);
    // One blob out of the pipeline is the object itself; 5.1 still indexes it with [0] (a scalar is a list of one).
    const one = await r.session.run(`(Get-AzStorageBlob -Container ${containerName} -Blob ${first} -Context $ctx)[0].Name`);
    expect(one.stdout).toBe(`${first}\n`);
  });

  it('without a data role: Storage\'s AuthorizationPermissionMismatch; a missing blob: Az.Storage\'s not-found message', async () => {
    const { world } = dataWorld();
    const r = await cloudShellRig(world);
    const containerName = Object.values(world.data.blobContainers)[0]!.name;
    await r.session.run('$ctx = New-AzStorageContext -StorageAccountName mysandboxstorage -UseConnectedAccount');
    const denied = await r.session.run(`Get-AzStorageBlob -Container ${containerName} -Context $ctx`);
    expect(denied.stderr.split('\n')[0]).toBe('Get-AzStorageBlob : This request is not authorized to perform this operation using this permission.');
    expect(denied.stderr).toContain('ErrorCode: AuthorizationPermissionMismatch');
    grant(world, Object.values(world.data.storageAccounts)[0]!.id, rbac.BUILT_IN_ROLE_IDS.storageBlobDataReader);
    const missing = await r.session.run(`Get-AzStorageBlob -Container ${containerName} -Blob nope.txt -Context $ctx`);
    expect(missing.stderr.split('\n')[0]).toBe(`Get-AzStorageBlob : Can not find blob 'nope.txt' in container '${containerName}', or the blob type is unsupported.`);
    const noCtx = await r.session.run(`Get-AzStorageBlob -Container ${containerName}`);
    expect(noCtx.stderr.split('\n')[0]).toBe('Get-AzStorageBlob : Could not get the storage context.  Please pass in a storage context or set the current storage context.');
  });
});
