/** The "Why?" explanation retold from real decision traces, one row per kind of decision. */
import { describe, expect, it } from 'vitest';
import { addDenyAssignment, advanceClock, rbac, setPropagationDelay } from '../../../src/sim/index';
import { decidingCheck, explainAuthorization, explainableEntries } from '../../../src/cloud/inspect/why';
import { adminAssigns, getResourceGroup, grant, readBlob, ROLE, scenario, type Scenario } from './scenarios';
import { arm, miToken } from '../harness';

const explainLast = (s: Scenario) => {
  const e = s.last();
  return explainAuthorization(s.world, e.authorizations[decidingCheck(e)]!);
};
const section = (x: ReturnType<typeof explainAuthorization>, title: string) => x.sections.find((s) => s.title === title)?.lines ?? [];

describe('explainAuthorization', () => {
  const rows: {
    name: string;
    data?: boolean;
    setup?: (s: Scenario) => Promise<void> | void;
    run?: (s: Scenario) => Promise<unknown>;
    allowed: boolean;
    reason: string;
    headline: RegExp;
    lines: [string, RegExp, string][];
  }[] = [
    {
      name: 'no role at all',
      allowed: false,
      reason: 'noMatchingAssignment',
      headline: /^Denied: no role assigned to myLinuxVM's identity on myResourceGroup or any scope above it includes Microsoft\.Resources\/subscriptions\/resourcegroups\/read\.$/,
      lines: [['Role assignments considered', /hold no role assignment at any of these scopes/, 'deny']],
    },
    {
      name: 'Reader allows the quickstart GET, by its */read pattern',
      setup: (s) => void grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader),
      allowed: true,
      reason: 'allowedByRole',
      headline: /^Allowed: myLinuxVM's identity holds a role/,
      lines: [['Role assignments considered', /Reader at .*myResourceGroup grants '\*\/read'/, 'allow']],
    },
    {
      name: 'Reader and Owner: Actions never grant the blob data action',
      data: true,
      setup: (s) => void grant(s.world, s.principalId, s.resourceGroupId, ROLE.owner),
      run: readBlob,
      allowed: false,
      reason: 'noMatchingAssignment',
      headline: /^Denied: .* includes Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/read\.$/,
      lines: [['Role assignments considered', /Owner at .* has the action '\*', but Actions never grant data actions/, 'deny']],
    },
    {
      name: "Contributor's NotActions subtract role-assignment writes",
      setup: (s) => void grant(s.world, s.principalId, s.resourceGroupId, ROLE.contributor),
      run: async (s) =>
        arm(s, 'PUT', `${s.resourceGroupId}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-4333-8444-555555555555`, {
          token: await miToken(s),
          apiVersion: '2022-04-01',
          body: { properties: { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`, principalId: s.principalId } },
        }),
      allowed: false,
      reason: 'noMatchingAssignment',
      headline: /^Denied: /,
      lines: [['Role assignments considered', /Contributor at .* grants '\*' but its own NotActions 'Microsoft\.Authorization\/\*\/Write' subtract it \(this is not a deny/, 'deny']],
    },
    {
      name: 'a deny assignment wins over Reader',
      setup: (s) => {
        grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
        addDenyAssignment(s.world, {
          name: '99999999-9999-4999-8999-999999999999',
          denyAssignmentName: 'no-reads',
          description: 'test',
          scope: s.resourceGroupId,
          permissions: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
          principals: [{ id: rbac.ALL_PRINCIPALS_ID, type: 'SystemDefined' }],
          excludePrincipals: [],
          doNotApplyToChildScopes: false,
          isSystemProtected: true,
        });
      },
      allowed: false,
      reason: 'deniedByDenyAssignment',
      headline: /^Denied: a deny assignment blocks/,
      lines: [['Deny assignments', /Deny assignment 'no-reads' at .* blocks '\*\/read' for all principals/, 'deny']],
    },
    {
      name: 'an assignment still propagating',
      setup: async (s) => {
        setPropagationDelay(s.world, 5 * 60_000);
        await adminAssigns(s, s.resourceGroupId, ROLE.reader);
      },
      allowed: false,
      reason: 'notYetPropagated',
      headline: /^Denied for now: /,
      lines: [['Role assignments considered', /created, but not propagated yet, so it does not count/, 'pending']],
    },
  ];

  it.each(rows)('$name', async ({ data, setup, run, allowed, reason, headline, lines }) => {
    const s = scenario({ data: Boolean(data) });
    await setup?.(s);
    await (run ?? getResourceGroup)(s);
    const x = explainLast(s);
    expect(x.allowed).toBe(allowed);
    expect(x.reason).toBe(reason);
    expect(x.headline).toMatch(headline);
    for (const [title, text, tone] of lines) {
      const found = section(x, title).find((l) => text.test(l.text));
      expect(found, `${title}: ${JSON.stringify(section(x, title))}`).toBeDefined();
      expect(found!.tone).toBe(tone);
    }
    // Every explanation shows the question, the scopes walked and the verdict.
    expect(section(x, 'The question')[0]?.text).toContain(s.principalId);
    expect(section(x, 'Scopes walked (top down)')[0]?.text).toMatch(/^\/ — root/);
    expect(section(x, 'Scopes walked (top down)')[1]?.text).toMatch(/ — management group Tenant Root Group \(managementGroup\)$/);
    expect(section(x, 'Decision')[0]?.tone).toBe(allowed ? 'allow' : 'deny');
    expect(x.fix === null).toBe(allowed);
  });

  it('names the caller next to its object id', async () => {
    const s = scenario();
    await getResourceGroup(s);
    expect(section(explainLast(s), 'The question')[0]?.text).toContain(`myLinuxVM's identity (${s.principalId})`);
  });

  it('explains again after time passes: the pending fix turns into "send it again"', async () => {
    const s = scenario();
    setPropagationDelay(s.world, 60_000);
    await adminAssigns(s, s.resourceGroupId, ROLE.reader);
    await getResourceGroup(s);
    const denied = s.last();
    advanceClock(s.world, 60_000);
    expect(explainAuthorization(s.world, denied.authorizations[0]!).fix?.sentence).toMatch(/has propagated since/);
  });
});

describe('which entries and checks', () => {
  it('lists only exchanges with RBAC checks, newest first, and picks the failing check', async () => {
    const s = scenario();
    await getResourceGroup(s); // IMDS (no check) then ARM (denied)
    grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
    await getResourceGroup(s);
    const listed = explainableEntries(s.router.log.entries());
    expect(listed.map((e) => e.operation)).toEqual(['arm.resourceGroups.get', 'arm.resourceGroups.get']);
    expect(listed[0]!.seq).toBeGreaterThan(listed[1]!.seq);
    expect(decidingCheck(listed[1]!)).toBe(0);
  });
});
