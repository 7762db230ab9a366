/** Timeline rows, filters and the sequence view from a real quickstart flow. */
import { describe, expect, it } from 'vitest';
import { filterOptions, filterRows, prettyBody, sequenceArrows, statusClassOf, timelineRows, type TimelineFilter } from '../../../src/cloud/inspect/timeline';
import { adminAssigns, getResourceGroup, ROLE, scenario } from './scenarios';
import { imds } from '../harness';

async function flow() {
  const s = scenario();
  await getResourceGroup(s); // #1 IMDS 200, #2 ARM 403
  await adminAssigns(s, s.resourceGroupId, ROLE.reader); // #3 portal PUT 201
  await getResourceGroup(s); // #4 IMDS 200 (cache), #5 ARM 200
  await imds(s, 'api-version=2018-02-01&resource=https://management.azure.com/', { headers: {} }); // #6 400, no Metadata
  await s.router.fetch(new Request('https://management.azure.example/'), { from: s.linuxVm }).catch(() => undefined); // #7 no host
  return { s, rows: timelineRows(s.world, s.router.log.entries()) };
}

describe('timeline rows', () => {
  it('name the caller, service, status and time of every exchange', async () => {
    const { s, rows } = await flow();
    expect(rows.map((r) => [r.seq, r.callerName, r.serviceLabel, r.method, r.status])).toEqual([
      [1, 'myLinuxVM', 'IMDS', 'GET', 200],
      [2, 'myLinuxVM', 'ARM', 'GET', 403],
      [3, `Portal (${s.adminUpn})`, 'ARM', 'PUT', 201],
      [4, 'myLinuxVM', 'IMDS', 'GET', 200],
      [5, 'myLinuxVM', 'ARM', 'GET', 200],
      [6, 'myLinuxVM', 'IMDS', 'GET', 400],
      [7, 'myLinuxVM', 'Unknown host', 'GET', null],
    ]);
    expect(rows[0]!.target).toBe('/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F'); // as sent
    expect(rows[6]!.statusLabel).toBe('ENOTFOUND');
    expect(rows[0]!.time).toMatch(/^\d\d:\d\d:\d\d$/);
  });

  it('link an ARM call to the token IMDS issued and to its RBAC decision', async () => {
    const { rows } = await flow();
    const [issue, denied] = rows;
    expect(issue!.tokenRole).toBe('issued');
    expect(denied!.tokenRole).toBe('presented');
    expect(denied!.tokenId).toBe(issue!.tokenId);
    expect(denied!.tokenFromSeq).toBe(1);
    expect(denied!.decision).toEqual({ allowed: false, check: 0 });
    expect(rows[4]!.decision).toEqual({ allowed: true, check: 0 });
    expect(issue!.decision).toBeNull();
  });
});

describe('filters', () => {
  const table: [string, TimelineFilter, number[]][] = [
    ['nothing', {}, [1, 2, 3, 4, 5, 6, 7]],
    ['the portal', { caller: 'portal' }, [3]],
    ['ARM', { service: 'arm' }, [2, 3, 5]],
    ['IMDS client errors', { service: 'imds', status: 'clientError' }, [6]],
    ['unknown hosts', { service: 'none' }, [7]],
    ['network errors', { status: 'networkError' }, [7]],
    ['successes from the VM', { status: 'success', caller: 'vm' }, []],
  ];
  it.each(table)('%s', async (_name, filter, seqs) => {
    const { rows } = await flow();
    const f = filter.caller === 'vm' ? { ...filter, caller: rows[0]!.callerKey } : filter;
    expect(filterRows(rows, f).map((r) => r.seq)).toEqual(filter.caller === 'vm' ? [1, 4, 5] : seqs);
  });

  it('offer only values present in the rows', async () => {
    const { rows } = await flow();
    const o = filterOptions(rows);
    expect(o.callers.map((c) => c.label)).toHaveLength(2);
    expect(o.services.map((c) => c.key)).toEqual(['imds', 'arm', 'none']);
    expect(o.statuses.map((c) => c.key)).toEqual(['success', 'clientError', 'networkError']);
    for (const c of o.callers) expect(filterRows(rows, { caller: c.key }).length).toBeGreaterThan(0);
  });
});

describe('sequence view', () => {
  it('draws caller → service arrows and says which token an ARM call carried', async () => {
    const { rows } = await flow();
    const arrows = sequenceArrows(rows);
    expect(arrows.map((a) => a.to)).toEqual(['imds', 'arm', 'arm', 'imds', 'arm', 'imds', 'caller']);
    expect(arrows[1]!.sentence).toMatch(/^#2 at \d\d:\d\d:\d\d: myLinuxVM sent GET \/subscriptions\/.*\/resourceGroups\/myResourceGroup\?api-version=2016-09-01 to ARM, with the token from #1; answer 403 Forbidden\.$/);
    expect(arrows[1]!.label).toMatch(/→ 403$/);
  });
});

describe('helpers', () => {
  it.each([
    [200, 'success'],
    [204, 'success'],
    [302, 'redirect'],
    [400, 'clientError'],
    [429, 'clientError'],
    [500, 'serverError'],
    [null, 'networkError'],
  ] as const)('status %s is %s', (status, cls) => expect(statusClassOf(status)).toBe(cls));

  it.each([
    ['{"a":1,"b":[2]}', '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}', true],
    ['<Error/>', '<Error/>', false],
    ['', '(empty body)', false],
    ['{"broken"', '{"broken"', false],
  ])('prettyBody(%j)', (body, text, json) => expect(prettyBody(body)).toEqual({ text, json }));
});
