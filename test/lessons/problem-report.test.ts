import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS, problemReport, withoutTokens, type ProblemReportInput } from '../../src/lessons/problem-report';
import { getResourceGroup, scenario } from '../cloud/inspect/scenarios';
import { miToken } from '../cloud/harness';

async function input(over: Partial<ProblemReportInput> = {}): Promise<ProblemReportInput> {
  const s = scenario();
  // A call without a role: ARM answers 403 AuthorizationFailed.
  await getResourceGroup(s);
  return {
    description: 'The curl says 403 and I granted Reader.',
    lesson: { slug: 'linux-vm-arm', title: 'Call ARM from a Linux VM' },
    step: { index: 4, slug: 'call-arm', title: 'Call Azure Resource Manager', status: 'active' },
    checks: [
      { passed: true, label: "myLinuxVM's system-assigned identity is on", waitingFor: '' },
      { passed: false, label: 'an ARM call with the token succeeds', waitingFor: 'a 200 from ARM' },
    ],
    actions: ['myLinuxVM: curl http://169.254.169.254/…', 'Portal: PUT /subscriptions/x/roleAssignments/y'],
    world: s.world,
    entries: s.router.log.entries(),
    share: { ok: true, link: 'http://127.0.0.1/lessons/linux-vm-arm/call-arm#s=abc' },
    app: { name: 'mi-sandbox', version: '0.1.0' },
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140',
    now: new Date('2026-11-27T12:00:00Z'),
    ...over,
  };
}

describe('problemReport', () => {
  it('says which step, what the checks wait for, what was done, what the services answered, and how to reopen it', async () => {
    const text = problemReport(await input());
    expect(text).toContain('> The curl says 403 and I granted Reader.');
    expect(text).toContain('| Step | 5. Call Azure Resource Manager (`call-arm`), in progress |');
    expect(text).toContain('- [x] myLinuxVM\'s system-assigned identity is on');
    expect(text).toContain('- [ ] an ARM call with the token succeeds — waiting for: a 200 from ARM');
    expect(text).toContain('2. `Portal: PUT /subscriptions/x/roleAssignments/y`');
    expect(text).toMatch(/- #\d+ myLinuxVM → IMDS: `GET \/metadata\/identity\/oauth2\/token\?[^`]*` → 200 OK/);
    expect(text).toMatch(/- #\d+ myLinuxVM → (Azure Resource Manager|ARM): `GET \/subscriptions\/[^`]*\/resourceGroups\/myResourceGroup\?api-version=2016-09-01` → 403 Forbidden \(AuthorizationFailed\)/);
    expect(text).toContain('Open this link to see the same world and editor text: http://127.0.0.1/lessons/linux-vm-arm/call-arm#s=abc');
    expect(text).toContain('| Reported | 2026-11-27T12:00:00.000Z |');
  });

  it.each([
    ['no description', { description: '  ' }, '> (no description given)'],
    ['no link', { share: { ok: false as const, error: 'The editor text is too long to share.' } }, 'No link could be made: The editor text is too long to share.'],
    ['nothing done', { actions: [] }, '### What was done in this step\n\n(nothing yet)'],
    ['no checks', { checks: [] }, '(this step has no checks)'],
    ['a finished step', { step: { index: 0, slug: 'a', title: 'A', status: 'done' as const } }, '| Step | 1. A (`a`), complete |'],
    ['a pipe in a title', { lesson: { slug: 'x', title: 'A | B' } }, '| Lesson | A \\| B (`x`) |'],
    ['a multi-line command', { actions: ['curl a \\\n  -H Metadata:true'] }, '1. `curl a \\ ⏎ -H Metadata:true`'],
    ['a backtick in a command', { actions: ['echo `date`'] }, '1. `` echo `date` ``'],
  ])('%s', async (_, over, expected) => {
    expect(problemReport(await input(over))).toContain(expected);
  });

  it('never carries a token, from the log or typed by the learner', async () => {
    const s = scenario();
    const token = await miToken(s);
    const text = problemReport(
      await input({
        description: `I pasted ${token}`,
        actions: [`curl -H "Authorization: Bearer ${token}" https://management.azure.com/subscriptions?api-version=2020-01-01`],
        world: s.world,
        entries: s.router.log.entries(),
      }),
    );
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[1]!);
    expect(text).toContain('Bearer <token removed>');
  });

  it(`lists at most the last ${MAX_REQUESTS} requests and says how many there were`, async () => {
    const s = scenario();
    for (let i = 0; i < MAX_REQUESTS + 5; i++) await getResourceGroup(s);
    const all = s.router.log.entries();
    const text = problemReport(await input({ world: s.world, entries: all }));
    expect(text).toContain(`(the last ${MAX_REQUESTS} of ${all.length})`);
    expect(text).toContain(`- #${all.at(-1)!.seq} `);
    expect(text).not.toContain(`- #${all[0]!.seq} `);
  });
});

describe('withoutTokens', () => {
  it('removes every JWT-shaped string and keeps the rest', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{4,40}$/);
    fc.assert(
      fc.property(fc.string(), segment, segment, segment, fc.string(), (before, a, b, c, after) => {
        const jwt = `eyJ${a}.${b}.${c}`;
        const out = withoutTokens(`${before} ${jwt} ${after}`);
        expect(out).not.toContain(jwt);
        expect(out.startsWith(withoutTokens(before))).toBe(true);
      }),
    );
  });
});
