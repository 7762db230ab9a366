import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  blobText,
  createResourceGroup,
  createUserAssignedIdentity,
  dataWorld,
  enableSystemAssigned,
  loadWorldData,
  migrateSnapshot,
  PRESETS,
  PRESET_NAMES,
  quickstartWorld,
  restoreWorld,
  serializeWorld,
  snapshotWorld,
  userAssignedWorld,
  type Result,
  type World,
} from '../../../src/sim/index';

const SNAPSHOT_CODES = ['SnapshotInvalid', 'SnapshotVersionUnsupported'];

function mustRestore(json: unknown): World {
  const r = restoreWorld(json);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('snapshot round trip', () => {
  it.each(PRESET_NAMES)('%s: serialize → restore → serialize is identical', (name) => {
    const world = PRESETS[name]();
    const json = serializeWorld(world);
    expect(serializeWorld(mustRestore(json))).toBe(json);
  });

  it('a restored world continues the id sequence exactly where the original would', () => {
    const original = quickstartWorld();
    const restored = mustRestore(serializeWorld(original.world));
    const make = (w: World) => {
      const r = createUserAssignedIdentity(w, { subscriptionId: original.subscriptionId, resourceGroup: 'myResourceGroup', name: 'next', location: 'eastus' });
      return r.ok ? r.value.identity.properties : null;
    };
    expect(make(restored)).toEqual(make(original.world));
  });

  it('keeps the clock reading and frozen flag', () => {
    const { world } = quickstartWorld({ now: Date.UTC(2027, 5, 1) });
    const data = snapshotWorld(world);
    expect(data.clock).toEqual({ now: Date.UTC(2027, 5, 1), frozen: true });
    expect(mustRestore(data).now()).toBe(Date.UTC(2027, 5, 1));
  });

  it('a snapshot is a copy: changing the world afterwards does not change it', () => {
    const q = quickstartWorld();
    const data = snapshotWorld(q.world);
    enableSystemAssigned(q.world, q.linuxVmId);
    expect(data.virtualMachines[q.linuxVmId.toLowerCase()]!.identity).toBeUndefined();
  });
});

describe('bad snapshots give one clear error, never a throw or a half-loaded world', () => {
  const base = () => JSON.parse(serializeWorld(userAssignedWorld().world)) as Record<string, any>;

  const table: [string, (d: Record<string, any>) => unknown, string, string | RegExp][] = [
    ['not JSON', () => '{"schemaVersion":1,', 'SnapshotInvalid', /^The snapshot is not valid JSON \(truncated or corrupted\): /],
    ['not an object', () => [1, 2], 'SnapshotInvalid', 'A snapshot must be a JSON object.'],
    ['a future version', (d) => ({ ...d, schemaVersion: 7 }), 'SnapshotVersionUnsupported', 'The snapshot has schemaVersion 7; this sandbox reads versions 1 to 2.'],
    ['no version', (d) => ({ ...d, schemaVersion: undefined }), 'SnapshotVersionUnsupported', /schemaVersion undefined/],
    ['a tenant id that is not a GUID', (d) => ({ ...d, tenant: { ...d.tenant, tenantId: 'contoso' } }), 'SnapshotInvalid', "Invalid snapshot at 'tenant.tenantId': must be a GUID"],
    [
      'a VM identity type that is not Compute’s',
      (d) => {
        const [k] = Object.keys(d.virtualMachines);
        d.virtualMachines[k!].identity.type = 'SystemAssigned,UserAssigned';
        return d;
      },
      'SnapshotInvalid',
      /^Invalid snapshot at 'virtualMachines\.\/subscriptions\/.*\.identity\.type': /,
    ],
    [
      'a VM pointing at a user-assigned identity that does not exist',
      (d) => {
        for (const k of Object.keys(d.userAssignedIdentities)) delete d.userAssignedIdentities[k];
        return d;
      },
      'SnapshotInvalid',
      /^Inconsistent snapshot at 'virtualMachines\..*\.identity\.userAssignedIdentities': user-assigned identity '.*' does not exist$/,
    ],
    [
      'a key that does not match its id',
      (d) => {
        const [k] = Object.keys(d.resourceGroups);
        d.resourceGroups['/subscriptions/x/resourcegroups/renamed'] = d.resourceGroups[k!];
        delete d.resourceGroups[k!];
        return d;
      },
      'SnapshotInvalid',
      /^Inconsistent snapshot at 'resourceGroups\.\/subscriptions\/x\/resourcegroups\/renamed': the key must be the lower-cased id/,
    ],
    [
      'a role assignment with a malformed scope',
      (d) => {
        const [k] = Object.keys(d.roleAssignments);
        d.roleAssignments[k!].scope = 'subscriptions//oops';
        return d;
      },
      'SnapshotInvalid',
      /^Inconsistent snapshot at 'roleAssignments\..*\.scope': /,
    ],
    [
      'a system-assigned principal that was deleted',
      (d) => {
        for (const sp of Object.values<any>(d.servicePrincipals)) sp.deletedAt = 1;
        return d;
      },
      'SnapshotInvalid',
      /^Inconsistent snapshot at '/,
    ],
  ];

  it.each(table)('%s', (_n, corrupt, code, message) => {
    const input = corrupt(base());
    const r = restoreWorld(typeof input === 'string' ? input : JSON.stringify(input));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    if (typeof message === 'string') expect(r.error.message).toBe(message);
    else expect(r.error.message).toMatch(message);
    expect(typeof r.error.path).toBe('string');
  });

  function expectNamedOrValid(r: Result<World>): boolean {
    if (r.ok) {
      // Whatever loaded must itself be a valid, complete snapshot (no half-loaded world).
      return loadWorldData(serializeWorld(r.value)).ok;
    }
    return SNAPSHOT_CODES.includes(r.error.code) && r.error.message.length > 0 && typeof r.error.path === 'string';
  }

  it('every truncation of a snapshot is refused with SnapshotInvalid (property)', () => {
    const json = serializeWorld(dataWorld().world);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: json.length - 1 }), (cut) => {
        const r = restoreWorld(json.slice(0, cut));
        return !r.ok && r.error.code === 'SnapshotInvalid';
      }),
      { numRuns: 300 },
    );
  });

  it('any JSON value at all never throws (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectNamedOrValid(restoreWorld(value)) && expectNamedOrValid(restoreWorld(JSON.stringify(value)))),
      { numRuns: 300 },
    );
  });

  /** Every path into a JSON document, so corruption can land anywhere. */
  function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const p = [...prefix, Array.isArray(value) ? Number(k) : k];
        out.push(p);
        paths(v, p, out);
      }
    }
    return out;
  }

  it('replacing or deleting any single value never throws and never half-loads (property)', () => {
    const doc = base();
    const all = paths(doc);
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), (i, replacement) => {
        const copy = structuredClone(doc);
        const path = all[i]!;
        let parent: any = copy;
        for (const seg of path.slice(0, -1)) parent = parent[seg];
        const last = path[path.length - 1]!;
        if (replacement === undefined) delete parent[last];
        else parent[last] = replacement;
        return expectNamedOrValid(restoreWorld(copy));
      }),
      { numRuns: 500 },
    );
  });

  it('flipping characters in the JSON text never throws (property)', () => {
    const json = serializeWorld(quickstartWorld().world);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(json.length - 1), fc.string({ minLength: 1, maxLength: 1 })), { minLength: 1, maxLength: 4 }), (edits) => {
        let s = json;
        for (const [at, ch] of edits) s = s.slice(0, at) + ch + s.slice(at + 1);
        return expectNamedOrValid(restoreWorld(s));
      }),
      { numRuns: 300 },
    );
  });
});

describe('migrations', () => {
  const table = {
    1: (d: Record<string, unknown>) => ({ ...d, renamed: d['old'] }),
    2: (d: Record<string, unknown>) => ({ ...d, added: true }),
  };

  it('run in order from the document’s version up to the target, stamping each version', () => {
    const r = migrateSnapshot({ schemaVersion: 1, old: 'x' }, table, 3);
    expect(r).toEqual({ ok: true, value: { schemaVersion: 3, old: 'x', renamed: 'x', added: true } });
    expect(migrateSnapshot({ schemaVersion: 2, old: 'x' }, table, 3)).toEqual({ ok: true, value: { schemaVersion: 3, old: 'x', added: true } });
  });

  it('a missing step or a future version is SnapshotVersionUnsupported; a throwing step is SnapshotInvalid', () => {
    expect(migrateSnapshot({ schemaVersion: 1 }, { 2: table[2] }, 3)).toMatchObject({ ok: false, error: { code: 'SnapshotVersionUnsupported' } });
    expect(migrateSnapshot({ schemaVersion: 4 }, table, 3)).toMatchObject({ ok: false, error: { code: 'SnapshotVersionUnsupported' } });
    const boom = migrateSnapshot({ schemaVersion: 1 }, { 1: () => { throw new Error('boom'); } }, 2);
    expect(boom).toEqual({ ok: false, error: { code: 'SnapshotInvalid', message: 'Migrating the snapshot from schemaVersion 1 failed: boom', path: 'schemaVersion' } });
  });

  it('does not modify the input document', () => {
    const doc = { schemaVersion: 1, old: 'x' };
    migrateSnapshot(doc, table, 3);
    expect(doc).toEqual({ schemaVersion: 1, old: 'x' });
  });
});

describe('restored worlds work', () => {
  it('operations continue after restore', () => {
    const q = quickstartWorld();
    const w = mustRestore(serializeWorld(q.world));
    expect(createResourceGroup(w, { subscriptionId: q.subscriptionId, name: 'after', location: 'westus' }).ok).toBe(true);
    expect(enableSystemAssigned(w, q.linuxVmId).ok).toBe(true);
  });
});

describe('migration 1 → 2 (blob bytes)', () => {
  it('a version-1 text blob loads as the same bytes, with properties and an ETag on its container', () => {
    const doc = JSON.parse(serializeWorld(dataWorld().world));
    // Rebuild the version-1 shape of the data preset's blob and container.
    const [ck] = Object.keys(doc.blobContainers);
    const c = doc.blobContainers[ck!];
    c.blobs = [{ name: 'hello.txt', content: 'Hello world! :)', contentType: 'text/plain', lastModified: 5000, etag: '"0x8ABC"' }];
    delete c.etag;
    delete c.metadata;
    delete c.uncommittedBlocks;
    doc.schemaVersion = 1;
    const restored = restoreWorld(doc);
    if (!restored.ok) throw new Error(restored.error.message);
    const blob = Object.values(restored.value.data.blobContainers)[0]!.blobs[0]!;
    expect(blobText(blob)).toBe('Hello world! :)');
    expect(blob).toMatchObject({ size: 15, properties: { contentType: 'text/plain' }, metadata: {}, createdAt: 5000, etag: '"0x8ABC"' });
    expect(Object.values(restored.value.data.blobContainers)[0]!.etag).toMatch(/^"0x8[0-9A-F]{14}"$/);
  });
});
