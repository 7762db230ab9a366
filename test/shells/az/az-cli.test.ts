/**
 * `az` against the real router and a quickstart world: golden outputs and errors, each with the
 * source its text comes from. Lines run piped (`2>&1 | cat` style via `piped`) print as scripts see
 * az (no colour, `ERROR:` / `WARNING:` prefixes); lines run at the terminal are coloured.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { azWorld } from './az-world';

async function run(w: ReturnType<typeof azWorld>, line: string) {
  // Redirected, so colour is off (knack/log.py: colour needs both streams on a terminal).
  const r = await w.session.run(`${line} > /tmp/out 2> /tmp/err; echo "exit=$?"`);
  const out = await w.session.run('cat /tmp/out');
  const err = await w.session.run('cat /tmp/err');
  return { stdout: out.stdout, stderr: err.stdout, exitCode: Number(/exit=(\d+)/.exec(r.stdout)?.[1]) };
}

// Offline, the recommender prints only the reference lines (checked against a local azure-cli 2.x:
// `az foo` → these two lines after "Examples from AI knowledge base:"); azclierror.py print_error.
const KNOWLEDGE_BASE = '\nExamples from AI knowledge base:\nhttps://aka.ms/cli_ref\nRead more about the command in reference docs\n';

describe('az: sign-in', () => {
  it('az login --identity prints the subscription list a managed identity gets (az-cli.md §1.3, C-thm capture)', async () => {
    const w = azWorld({ reader: 'subscription' });
    const r = await run(w, 'az login --identity');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      {
        environmentName: 'AzureCloud',
        homeTenantId: w.world.tenantId,
        id: w.subscriptionId,
        isDefault: true,
        managedByTenants: [],
        name: 'Azure subscription 1',
        state: 'Enabled',
        tenantId: w.world.tenantId,
        user: { assignedIdentityInfo: 'MSI', name: 'systemAssignedIdentity', type: 'servicePrincipal' },
      },
    ]);
    // keys sorted, two-space indent, trailing newline (knack/output.py format_json)
    expect(r.stdout.startsWith('[\n  {\n    "environmentName": "AzureCloud",\n')).toBe(true);
    // the token came from IMDS for the CLI's ARM resource id (az-cli.md §1.2)
    const imds = w.router.log.entries().find((e) => e.service === 'imds')!;
    expect(imds.request.url).toBe('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.core.windows.net%2F');
    expect(w.router.log.entries().find((e) => e.service === 'arm')!.request.url).toBe('https://management.azure.com/subscriptions?api-version=2022-12-01');
  });

  it('a role on one resource group is enough to find the subscription (az-cli.md §1.5)', async () => {
    const w = azWorld({ reader: 'group' });
    expect((await run(w, 'az login --identity --query "[0].id" -o tsv')).stdout).toBe(`${w.subscriptionId}\n`);
  });

  it('no role anywhere: the no-access error, exit 1 (_profile.py login_with_managed_identity)', async () => {
    const w = azWorld({ reader: false });
    expect(await run(w, 'az login --identity')).toEqual({
      stdout: '',
      stderr: "ERROR: No access was configured for the managed identity, hence no subscriptions were found. If this is expected, use '--allow-no-subscriptions' to have tenant level access.\n",
      exitCode: 1,
    });
    const tenantLevel = JSON.parse((await run(w, 'az login --identity --allow-no-subscriptions')).stdout);
    expect(tenantLevel).toEqual([
      { environmentName: 'AzureCloud', id: w.world.tenantId, isDefault: true, name: 'N/A(tenant level account)', state: 'Enabled', tenantId: w.world.tenantId, user: { assignedIdentityInfo: 'MSI', name: 'systemAssignedIdentity', type: 'servicePrincipal' } },
    ]);
  });

  it('a VM without an identity: IMDS says Identity not found (auth/util.py aad_error_handler)', async () => {
    const w = azWorld({ identity: false });
    expect(await run(w, 'az login --identity')).toEqual({
      stdout: '',
      stderr: 'ERROR: Identity not found\nInteractive authentication is needed. Please run:\naz login\n',
      exitCode: 1,
    });
  });

  it.each([
    ['az login --identity --username x', 'ERROR: Passing the managed identity ID with --username is no longer supported. Use --client-id, --object-id or --resource-id instead.\n'],
    ['az login --identity --tenant t', "ERROR: usage error: '--identity' is not applicable with other arguments\n"],
    ['az login --identity --client-id a --object-id b', 'ERROR: Usage error: Provide only one of --client-id, --object-id, --resource-id.\n'],
  ])('%s → its usage error (profile/custom.py, _profile.py)', async (line, stderr) => {
    expect(await run(azWorld(), line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('sign-in survives a restore (the profile lives in ~/.azure on the VM), and logout removes it', async () => {
    const w = azWorld({ reader: 'subscription' });
    await run(w, 'az login --identity');
    await w.session.restore(await w.session.snapshot());
    expect((await run(w, 'az account show --query user.name -o tsv')).stdout).toBe('systemAssignedIdentity\n');
    expect((await run(w, 'az logout')).exitCode).toBe(0);
    expect(await run(w, 'az group list')).toEqual({ stdout: '', stderr: "ERROR: Please run 'az login' to setup account.\n", exitCode: 1 });
  });
});

describe('az: commands and formats', () => {
  it('az group show: the SDK model with managedBy/tags null, no resourceGroup key (az-cli.md §5.1)', async () => {
    const w = azWorld({ reader: 'subscription' });
    await run(w, 'az login --identity');
    expect(JSON.parse((await run(w, 'az group show -n myResourceGroup')).stdout)).toEqual({
      id: `/subscriptions/${w.subscriptionId}/resourceGroups/myResourceGroup`,
      location: 'eastus',
      managedBy: null,
      name: 'myResourceGroup',
      properties: { provisioningState: 'Succeeded' },
      tags: null,
      type: 'Microsoft.Resources/resourceGroups',
    });
  });

  it('table, tsv, yaml and --query as knack prints them (knack/output.py, tabulate "simple")', async () => {
    const w = azWorld({ reader: 'subscription' });
    await run(w, 'az login --identity');
    expect((await run(w, 'az group list -o table')).stdout).toBe('Name             Location    Status\n---------------  ----------  ---------\nmyResourceGroup  eastus      Succeeded\n');
    expect((await run(w, 'az vm list --query "[].name" -o tsv')).stdout).toBe('myLinuxVM\nmyWindowsVM\n');
    expect((await run(w, 'az group show -n myResourceGroup --query "{n:name, l:location}" -o tsv')).stdout).toBe('myResourceGroup\teastus\n');
    expect((await run(w, 'az group show -n myResourceGroup -o yaml')).stdout).toBe(
      `id: /subscriptions/${w.subscriptionId}/resourceGroups/myResourceGroup\nlocation: eastus\nmanagedBy: null\nname: myResourceGroup\nproperties:\n  provisioningState: Succeeded\ntags: null\ntype: Microsoft.Resources/resourceGroups\n`,
    );
    expect(await run(w, 'az group show -n myResourceGroup --query missing')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect((await run(w, 'az group list -o none')).stdout).toBe('');
  });

  it('service errors: (Code) Message / Code / Message; 404 exits 3, 403 exits 1 (azure-core ODataV4Format, util.py)', async () => {
    const w = azWorld({ reader: 'group' });
    await run(w, 'az login --identity');
    const notFound = await run(w, 'az vm show -g myResourceGroup -n nope');
    expect(notFound.exitCode).toBe(3);
    expect(notFound.stderr).toMatch(/^ERROR: \(ResourceNotFound\) The Resource 'Microsoft.Compute\/virtualMachines\/nope' under resource group 'myResourceGroup' was not found.*\nCode: ResourceNotFound\nMessage: The Resource/);
    const denied = await run(w, 'az identity create -g myResourceGroup -n x');
    expect(denied.exitCode).toBe(1);
    expect(denied.stderr).toMatch(new RegExp(`^ERROR: \\(AuthorizationFailed\\) The client '${w.principalId}' with object id '${w.principalId}' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/write'`));
    expect(denied.stderr).toContain('\nCode: AuthorizationFailed\nMessage: The client');
  });

  it('at the terminal errors are red with no ERROR: prefix (knack log.py colour mode)', async () => {
    const w = azWorld();
    expect(await w.session.run('az group list')).toEqual({ stdout: '', stderr: "\u001b[91mPlease run 'az login' to setup account.\u001b[0m\n", exitCode: 1 });
  });

  it('--debug shows the IMDS request and the ARM request lines, Authorization masked (sdk/policies.py)', async () => {
    const w = azWorld({ reader: 'subscription' });
    await run(w, 'az login --identity');
    const { stderr } = await run(w, 'az group show -n myResourceGroup --debug');
    expect(stderr).toContain("DEBUG: cli.knack.cli: Command arguments: ['group', 'show', '-n', 'myResourceGroup', '--debug']\n");
    expect(stderr).toContain('DEBUG: urllib3.connectionpool: http://169.254.169.254:80 "GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.core.windows.net%2F HTTP/1.1" 200 ');
    expect(stderr).toContain(`DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/${w.subscriptionId}/resourcegroups/myResourceGroup?api-version=2024-11-01'\n`);
    expect(stderr).toContain("DEBUG: cli.azure.cli.core.sdk.policies:     'Authorization': '*****'\n");
    expect(stderr).toContain('DEBUG: cli.azure.cli.core.sdk.policies: Response status: 200\n');
  });

  it('az account get-access-token: keys, expiry on the simulated clock (profile/custom.py, az-cli.md §2.3)', async () => {
    const w = azWorld({ reader: 'subscription' });
    await run(w, 'az login --identity');
    const token = JSON.parse((await run(w, 'az account get-access-token --resource https://vault.azure.net')).stdout);
    expect(Object.keys(token)).toEqual(['accessToken', 'expiresOn', 'expires_on', 'subscription', 'tenant', 'tokenType']);
    expect(token.expires_on).toBe(Math.floor(w.world.clock.now() / 1000) + 86400);
    expect(token.expiresOn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000000$/);
    expect(w.router.log.entries().at(-1)!.request.url).toContain('resource=https%3A%2F%2Fvault.azure.net');
  });

  it('az version names the release', async () => {
    expect(JSON.parse((await run(azWorld(), 'az version')).stdout)).toEqual({ 'azure-cli': '2.77.0', 'azure-cli-core': '2.77.0', 'azure-cli-telemetry': '1.1.0', extensions: {} });
  });
});

describe('az: argument errors exit 2 (parser.py, checked against a local azure-cli)', () => {
  it.each([
    ['az foo', `ERROR: 'foo' is misspelled or not recognized by the system.\n${KNOWLEDGE_BASE}`],
    ['az group show', `ERROR: the following arguments are required: --name/-n/--resource-group/-g\n${KNOWLEDGE_BASE}`],
    ['az group show -n', `ERROR: argument --name/-n/--resource-group/-g: expected one argument\n${KNOWLEDGE_BASE}`],
    ['az group show -n x --foo', `ERROR: unrecognized arguments: --foo\n${KNOWLEDGE_BASE}`],
    ['az group show -n x --query "["', "ERROR: argument --query: invalid jmespath_type value: '['\nTo learn more about --query, please visit: 'https://docs.microsoft.com/cli/azure/query-azure-cli'\n"],
    ['az role assignment create --role Reader', `ERROR: the following arguments are required: --scope\n${KNOWLEDGE_BASE}`],
  ])('%s', async (line, stderr) => {
    expect(await run(azWorld(), line)).toEqual({ stdout: '', stderr, exitCode: 2 });
  });

  it('a close match is suggested, with the command\'s own example', async () => {
    const r = await run(azWorld(), 'az grop list');
    expect(r.stderr).toBe(
      "ERROR: 'grop' is misspelled or not recognized by the system.\nDid you mean 'group' ?\n\nExamples from AI knowledge base:\naz group list --query \"[?location=='westus']\"\nList all resource groups located in the West US region.\n\nhttps://aka.ms/cli_ref\nRead more about the command in reference docs\n",
    );
    const bad = await run(azWorld(), 'az group list -o tabel');
    expect(bad.stderr.split('\n').slice(0, 2)).toEqual([
      "ERROR: az group list: 'tabel' is not a valid value for '--output'. Allowed values: json, jsonc, yaml, yamlc, table, tsv, none.",
      "Did you mean 'table' ?",
    ]);
    expect(bad.exitCode).toBe(2);
  });

  it('-h prints help like knack (layout of `az group show -h` from a local azure-cli)', async () => {
    const { stdout, exitCode } = await run(azWorld(), 'az group show -h');
    expect(exitCode).toBe(0);
    expect(stdout.split('\n').slice(0, 7)).toEqual([
      '',
      'Command',
      '    az group show : Gets a resource group.',
      '',
      'Arguments',
      '    --name --resource-group -g -n [Required] : Name of resource group. You can configure the default',
      '                                               group using `az configure --defaults group=<name>`.',
    ]);
    expect(stdout).toContain('    --output -o                              : Output format.  Allowed values: json, jsonc, none,\n');
    expect(stdout.endsWith('To search AI knowledge base for examples, use: az find "az group show"\n\n')).toBe(true);
    for (const line of ['az -h', 'az vm -h', 'az role assignment -h', 'az login -h', 'az storage blob list -h', 'az rest -h']) {
      const r = await run(azWorld(), line);
      expect(r.exitCode, line).toBe(0);
      expect(r.stdout, line).toMatch(/^\n(Group|Command)\n/);
    }
  });
});

describe('az: machines', () => {
  it('the start page\'s stand-in VM has no az, and says why', async () => {
    const { createBashSession, ubuntuModules, createBashEngine } = await import('../../../src/shells/bash');
    void createBashSession;
    const session = createBashEngine({ vm: { vmName: 'v', computerName: 'v', adminUsername: 'azureuser', vmId: 'x', location: 'eastus' }, fetch: () => Promise.reject(new Error('no network')) });
    for (const m of ubuntuModules({ standIn: true })) session.use(m);
    expect(await session.run('az group list')).toEqual({
      stdout: '',
      stderr: 'az: not available in this simulated VM (this editor runs on a stand-in VM with no Azure behind it; open a lesson or the sandbox to use the Azure CLI)\n',
      exitCode: 127,
    });
  });

  it('Cloud Shell is signed in as the portal user with no az login, through its token endpoint', async () => {
    const probe = azWorld();
    const user = Object.values(probe.world.data.users)[0]!;
    const w = azWorld({ caller: { kind: 'cloudShell', userId: user.objectId }, cloudShell: true });
    const account = JSON.parse((await run(w, 'az account show')).stdout);
    expect(account.user).toEqual({ cloudShellID: true, name: user.userPrincipalName, type: 'user' });
    const token = w.router.log.entries().find((e) => e.service === 'cloudshell')!;
    expect(token.request.method).toBe('POST');
    expect(token.request.url).toBe('http://localhost:50342/oauth2/token');
    expect(token.request.body).toBe('resource=https%3A%2F%2Fmanagement.core.windows.net');
    // a VM cannot reach Cloud Shell's endpoint
    const vm = azWorld();
    expect((await vm.session.run('curl -s -o /dev/null -w "%{http_code}" -X POST http://localhost:50342/oauth2/token -d resource=https://management.azure.com/ -H Metadata:true')).exitCode).toBe(7);
  });
});

describe('az: properties', () => {
  const WORDS = ['az', 'group', 'show', 'list', 'vm', 'identity', 'role', 'assignment', 'create', 'login', '--identity', '-n', '-g', '--query', '-o', 'table', 'tsv', '[', '--debug', '-h', '--scope', '/', 'x', '--only-show-errors', '--role', 'Reader', 'account', 'rest', '--url', 'keyvault', 'secret', '--vault-name', 'storage', 'blob', 'logout', "'", '"', '--', '=', '-'];
  it('random argument lists never throw out of az: every run ends with an exit code and no JavaScript stack', async () => {
    const w = azWorld({ reader: 'subscription' });
    await w.session.run('az login --identity -o none');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 8 }), async (words) => {
        const line = `az ${words.map((x) => `'${x.replace(/'/g, "'\\''")}'`).join(' ')}`;
        const r = await w.session.run(line);
        expect([0, 1, 2, 3]).toContain(r.exitCode);
        expect(r.stderr).not.toMatch(/internal error|TypeError|ReferenceError|at .*\.ts:\d+/);
        expect(r.stderr).not.toContain('The command failed with an unexpected error');
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
