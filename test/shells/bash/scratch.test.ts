import { test } from 'vitest';
import { createBashSession } from '../../../src/shells/bash';
import { fakeCloud, VM, TOKEN_URL, RG_URL } from './fake-cloud';
test('scratch', async () => {
  const s = createBashSession({ vm: VM, fetch: fakeCloud().fetch });
  const time = async (label: string, f: () => Promise<unknown>) => { for (let i=0;i<30;i++) await f(); const t0 = performance.now(); const xs=[]; for (let i=0;i<100;i++) { const t=performance.now(); await f(); xs.push(performance.now()-t);} xs.sort((a,b)=>a-b); console.log(label, 'median', xs[50].toFixed(2)); };
  await time('session true', () => s.run('true'));
  await time('quickstart', async () => { await s.run(`access_token=$(curl -s '${TOKEN_URL}' -H Metadata:true | jq -r .access_token)`); await s.run(`curl ${RG_URL} -H "Authorization: Bearer $access_token"`); });
});
