import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { enableSystemAssigned, importSigningPair, offerSigningKey, quickstartWorld, requestImdsToken, validateToken, ARM_AUDIENCES } from '../../../src/sim/index';
import { signingKey } from '../../../src/sim/tokens/keys';
import { signingKey as signingKeyPlugin } from '../../../build/signing-key-plugin';

const privateJwk = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 }).privateKey.export({ format: 'jwk' }) as JsonWebKey;
const spki = async (key: CryptoKey) => Buffer.from(await crypto.subtle.exportKey('spki', key)).toString('base64');

async function tokenFor(world: ReturnType<typeof quickstartWorld>) {
  enableSystemAssigned(world.world, world.linuxVmId);
  const t = await requestImdsToken(world.world, { vm: world.linuxVmId, resource: 'https://management.azure.com/' });
  if (!t.ok) throw new Error(t.error.message);
  return t.value.record.jwt;
}

describe('a signing key offered ahead of time', () => {
  it('signs the next world that needs a key; the worlds after it make their own', async () => {
    const offered = await importSigningPair(privateJwk());
    offerSigningKey(Promise.resolve(offered));
    const first = quickstartWorld();
    const second = quickstartWorld();
    const jwt = await tokenFor(first);
    expect(await spki((await signingKey(first.world)).publicKey)).toBe(await spki(offered.publicKey));
    expect((await validateToken(first.world, jwt, { audiences: ARM_AUDIENCES })).ok).toBe(true);
    // The offer is taken once: the second world's key is its own, and it does not accept the first's token.
    expect(await spki((await signingKey(second.world)).publicKey)).not.toBe(await spki(offered.publicKey));
    const other = await validateToken(second.world, jwt, { audiences: ARM_AUDIENCES });
    expect(other.ok).toBe(false);
  });

  it('that cannot be imported is no loss: no unhandled rejection, and the world makes its own key and signs with it', async () => {
    offerSigningKey(importSigningPair({ kty: 'RSA', n: 'not-a-modulus', e: 'AQAB', d: 'x' }));
    // The import fails before any world asks for the key (vitest fails a run on an unhandled rejection).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const world = quickstartWorld();
    const jwt = await tokenFor(world);
    expect((await validateToken(world.world, jwt, { audiences: ARM_AUDIENCES })).ok).toBe(true);
  });
});

describe('virtual:signing-key (build/signing-key-plugin.ts)', () => {
  const load = (plugin: ReturnType<typeof signingKeyPlugin>) => {
    const id = (plugin.resolveId as (id: string) => string | null)('virtual:signing-key');
    expect(id).toBeTruthy();
    const code = (plugin.load as (id: string) => string | null)(id!);
    return JSON.parse(code!.replace(/^export default /, '').replace(/;$/, '')) as JsonWebKey;
  };

  it('is an RSA-2048 private key that signs and verifies, the same for one build, another for the next', async () => {
    const plugin = signingKeyPlugin();
    const jwk = load(plugin);
    expect(jwk).toMatchObject({ kty: 'RSA', e: 'AQAB' });
    expect(Buffer.from(jwk.n!, 'base64url').length).toBe(256);
    const pair = await importSigningPair(jwk);
    const data = new TextEncoder().encode('header.payload');
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, data);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', pair.publicKey, signature, data)).toBe(true);
    expect(load(plugin).n).toBe(jwk.n);
    expect(load(signingKeyPlugin()).n).not.toBe(jwk.n);
    expect((plugin.resolveId as (id: string) => string | null)('virtual:lessons')).toBeNull();
  });
});
