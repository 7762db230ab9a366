import { test } from 'vitest';
import { azWorld } from './az-world';
test('try', async () => {
  const w = azWorld({ reader: 'subscription' });
  const admin = Object.values(w.world.data.users)[0]!;
  const cs = azWorld({ reader: 'group', caller: { kind: 'cloudShell', userId: admin.objectId }, cloudShell: true });
  for (const [s, line] of [[w.session, 'az login --identity -o none'], [w.session, 'az role assignment list --all -o table'], [w.session, 'az role assignment create --assignee-object-id 00000000-0000-0000-0000-000000000001 --role Reader --scope /subscriptions/x 2>&1 | cat'], [cs.session, 'az account show'], [cs.session, 'az role assignment list --all -o table'], [cs.session, 'az identity create -g myResourceGroup -n myUAI'], [cs.session, 'az vm identity assign -g myResourceGroup -n myLinuxVM --identities myUAI'], [cs.session, 'az role assignment create --assignee-object-id "$(az identity show -g myResourceGroup -n myUAI --query principalId -o tsv)" --assignee-principal-type ServicePrincipal --role Reader --scope "$(az group show -n myResourceGroup --query id -o tsv)" -o table'], [cs.session, `az role assignment create --assignee ${admin.userPrincipalName} --role Reader --scope "/subscriptions/$(az account show --query id -o tsv)" --query principalType`], [cs.session, 'az logout; az group list'], [cs.session, 'az login --identity -o none; az group list -o tsv --query "[].name"'], [w.session, 'az group show -n myResourceGroup --debug 2>&1 | head -30']] as const) {
    const r = await s.run(line);
    console.log(`$ ${line}\n${r.stdout}${r.stderr}[exit ${r.exitCode}]`);
  }
});
