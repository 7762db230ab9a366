/**
 * The Key Vault lesson's hint rules against what the simulated shell and Key Vault really answer:
 * each typical mistake from the tutorial gets its own hint (told apart by Key Vault's AKV numbers,
 * since both 401s carry the code Unauthorized), and the "what goes wrong" step's own rules speak
 * first there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { learnerAt, repositoryLesson } from './lesson-learner.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = await repositoryLesson('linux-vm-key-vault');
});

const READ_THE_SECRET = 3;
const WHAT_GOES_WRONG = 4;
const TOKEN = (resource: string) =>
  `access_token=$(curl -s 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${resource}' -H Metadata:true | jq -r .access_token)`;
const VAULT_TOKEN = TOKEN('https%3A%2F%2Fvault.azure.net');
const SECRET = 'https://mysandboxvault.vault.azure.net/secrets/mySecret';
const read = (url = `${SECRET}?api-version=2016-10-01`) => `curl '${url}' -H "Authorization: Bearer $access_token"`;

describe('Key Vault lesson: a hint for each typical mistake', () => {
  it.each([
    {
      name: "the docs' placeholders, unquoted: bash reads <YOUR-KEY-VAULT-URL> as a redirection and nothing is sent",
      lines: ['curl https://<YOUR-KEY-VAULT-URL>/secrets/<secret-name>?api-version=2016-10-01 -H "Authorization: Bearer <ACCESS TOKEN>"'],
      output: /No such file or directory/,
      hint: /placeholder from the docs[^]*https:\/\/mysandboxvault\.vault\.azure\.net, the secret is mySecret/,
    },
    {
      name: 'a misspelt vault: no such host',
      lines: [VAULT_TOKEN, read('https://mysandboxvalut.vault.azure.net/secrets/mySecret?api-version=2016-10-01')],
      output: /Could not resolve host: mysandboxvalut\.vault\.azure\.net/,
      hint: /In this world the vault is mySandboxVault/,
    },
    {
      name: 'an empty $access_token: 401 AKV10000',
      lines: [read()],
      output: /"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token\."/,
      hint: /Key Vault got no token[^]*run the access_token=… line again/,
    },
    {
      name: 'the ARM token: 401 AKV10022, wrong audience',
      lines: [TOKEN('https://management.azure.com/'), read()],
      output: /AKV10022: Invalid audience\. Expected https:\/\/vault\.azure\.net, found: https:\/\/management\.azure\.com\/\./,
      hint: /refused its audience[^]*resource=https%3A%2F%2Fvault\.azure\.net, no slash/,
    },
    {
      name: 'a trailing slash on the resource: IMDS issues it, Key Vault refuses the audience',
      lines: [TOKEN('https%3A%2F%2Fvault.azure.net%2F'), read()],
      output: /found: https:\/\/vault\.azure\.net\/\./,
      hint: /trailing slash/,
    },
    {
      name: 'no api-version: 400 BadParameter',
      lines: [VAULT_TOKEN, read(SECRET)],
      output: /"code":"BadParameter"/,
      hint: /api-version=2016-10-01/,
    },
    {
      name: 'a misspelt secret: 404 SecretNotFound',
      lines: [VAULT_TOKEN, read(`${SECRET}s?api-version=2016-10-01`)],
      output: /"code":"SecretNotFound","message":"A secret with \(name\/id\) mySecrets was not found in this key vault\./,
      hint: /The secret is mySecret/,
    },
  ])('$name', async ({ lines, output, hint }) => {
    const s = learnerAt(lesson, READ_THE_SECRET);
    const run = await s.run(...lines);
    expect(`${run.stdout}${run.stderr}`).toMatch(output);
    expect(s.hint()).toMatch(hint);
  });

  it('the right request is no mistake: the value, and no hint', async () => {
    const s = learnerAt(lesson, READ_THE_SECRET);
    const run = await s.run(VAULT_TOKEN, read());
    expect(JSON.parse(run.stdout)).toMatchObject({ value: 'p@ssw0rd!', attributes: { enabled: true } });
    expect(s.hint()).toBeNull();
  });

  it('Reader only: 403 Forbidden/ForbiddenByRbac naming the getSecret data action, and the hint names the role to grant', async () => {
    const s = learnerAt(lesson, WHAT_GOES_WRONG);
    const run = await s.run(VAULT_TOKEN, read());
    const body = JSON.parse(run.stdout) as { error: { code: string; message: string; innererror: { code: string } } };
    expect(body.error.code).toBe('Forbidden');
    expect(body.error.innererror.code).toBe('ForbiddenByRbac');
    expect(body.error.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'");
    expect(body.error.message).toContain("DecisionReason: 'DeniedWithNoValidRBAC'");
    // Outside the last step, the lesson's own rule explains it.
    expect(s.hint(READ_THE_SECRET)).toMatch(/Grant Key Vault Secrets User to myLinuxVM on mySandboxVault/);
  });

  it('no token: 401 with the WWW-Authenticate challenge naming the tenant and the resource', async () => {
    const s = learnerAt(lesson, WHAT_GOES_WRONG);
    const run = await s.run(`curl -i '${SECRET}?api-version=2016-10-01'`);
    expect(run.stdout).toMatch(/^HTTP\/2 401/);
    expect(run.stdout).toContain(`www-authenticate: Bearer authorization="https://login.windows.net/${s.values.tenantId}", resource="https://vault.azure.net"`);
  });

  it('in "what goes wrong" the step\'s own rules speak first, each mistake pointing to the next', async () => {
    const s = learnerAt(lesson, WHAT_GOES_WRONG);
    await s.run(`curl -i '${SECRET}?api-version=2016-10-01'`);
    expect(s.hint()).toMatch(/^That 401 is the first/);
    await s.run(TOKEN('https://management.azure.com/'), read());
    expect(s.hint()).toMatch(/^That 401 is the second/);
    await s.run(VAULT_TOKEN, read());
    expect(s.hint()).toMatch(/^That 403 is the third/);
    // Before the grant a misspelt name is refused too: permission comes before existence.
    await s.run(read(`${SECRET}s?api-version=2016-10-01`));
    expect(s.router.log.entries().at(-1)!.response!.status).toBe(403);
  });

  it('all four mistakes in one run: the hint speaks about the deepest', async () => {
    const s = learnerAt(lesson, WHAT_GOES_WRONG);
    await s.run([`curl -i '${SECRET}?api-version=2016-10-01'`, TOKEN('https://management.azure.com/'), read(), VAULT_TOKEN, read()].join('\n'));
    expect(s.hint()).toMatch(/^That 403 is the third/);
  });
});
