/**
 * A running world: its JSON data, its clock and its change feed. The data is the only source of
 * truth (machines are consulted per operation, never kept alive), so a snapshot is a deep copy.
 * Operations are free functions in the area modules; they validate first and only then write,
 * so a failed operation leaves the world untouched.
 */
import { Clock } from '../clock';
import type { WorldEvent, WorldEventBody, WorldListener } from '../events';
import { randomSource, type RandomSource } from '../ids';
import type { WorldData } from './schema';

/** The collections looked up by ARM id, object id or name. */
const COLLECTIONS = [
  'users',
  'groups',
  'servicePrincipals',
  'managementGroups',
  'subscriptions',
  'resourceGroups',
  'virtualMachines',
  'userAssignedIdentities',
  'storageAccounts',
  'blobContainers',
  'keyVaults',
  'secrets',
  'roleDefinitions',
  'roleAssignments',
  'denyAssignments',
] as const satisfies readonly (keyof WorldData)[];

/**
 * Lookups use keys taken from URLs (`…/virtualMachines/constructor`, a role assignment named
 * `__proto__`). On ordinary objects those find Object.prototype's members; on prototype-less
 * records they find nothing, which is the only correct answer.
 */
function withBareRecords(data: WorldData): WorldData {
  for (const name of COLLECTIONS) {
    const record = data[name] as Record<string, unknown>;
    if (Object.getPrototypeOf(record) !== null) (data as Record<string, unknown>)[name] = Object.assign(Object.create(null), record);
  }
  return data;
}

/** How many feed entries the world keeps in memory for late subscribers (the UI's log view). */
const EVENT_LOG_LIMIT = 1000;

export interface CommitOptions {
  /** The change touches what RBAC reads (assignments, definitions, deny assignments, groups). */
  rbac?: boolean;
}

export class World {
  readonly data: WorldData;
  readonly clock: Clock;
  readonly rng: RandomSource;
  /** Bumps on every committed change. */
  revision = 0;
  /** Bumps only when RBAC inputs change, so the RBAC index survives unrelated writes. */
  rbacRevision = 0;
  private seq = 0;
  private readonly log: WorldEvent[] = [];
  private readonly listeners = new Set<WorldListener>();

  constructor(data: WorldData, opts: { realNow?: () => number } = {}) {
    this.data = withBareRecords(data);
    this.clock = new Clock({ ...data.clock, ...(opts.realNow ? { realNow: opts.realNow } : {}) });
    this.rng = randomSource(data);
  }

  now(): number {
    return this.clock.now();
  }

  get tenantId(): string {
    return this.data.tenant.tenantId;
  }

  /** Records changes already written to `data` and tells subscribers. */
  commit(bodies: readonly WorldEventBody[], opts: CommitOptions = {}): void {
    this.revision++;
    if (opts.rbac) this.rbacRevision++;
    this.emit(bodies);
  }

  /** Feed entries for things that are not data changes (token issued, clock moved). */
  emit(bodies: readonly WorldEventBody[]): void {
    const at = this.now();
    for (const body of bodies) {
      const event = { ...body, seq: ++this.seq, at } as WorldEvent;
      this.log.push(event);
      if (this.log.length > EVENT_LOG_LIMIT) this.log.shift();
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // A failing subscriber (a UI panel) must not break the operation that already happened.
        }
      }
    }
  }

  /** Subscribes to the change feed; returns the unsubscribe function. */
  subscribe(listener: WorldListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The most recent feed entries, oldest first (at most 1000). */
  events(): readonly WorldEvent[] {
    return this.log;
  }
}
