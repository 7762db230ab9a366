/**
 * The world's signing key: RSA-2048 for RS256, made with WebCrypto on first use. It is not part
 * of a snapshot, so a restored world signs with a new key and tokens issued before the snapshot
 * no longer validate (401 invalid signature), as if the tenant had rolled its keys.
 * `kid` and `x5t` are equal, as in real v1 tokens: the SHA-1 thumbprint (base64url, 27 chars) of
 * the public key. Entra takes it from a certificate; with no certificate here we hash the SPKI.
 * A key made ahead of time can be offered (`offerSigningKey`): the next world that needs one takes it
 * instead of making its own, and the worlds after it make theirs.
 */
import { base64url } from '../ids';
import type { World } from '../world/world';

export interface SigningKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}

const keys = new WeakMap<World, Promise<SigningKey>>();
const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
let offered: Promise<CryptoKeyPair> | null = null;

/** An RSA key pair from its private JWK; the public half is the key's `n` and `e`. */
export async function importSigningPair(jwk: JsonWebKey, extractable = true, usages: readonly KeyUsage[] = ['sign', 'verify']): Promise<CryptoKeyPair> {
  const [privateKey, publicKey] = await Promise.all([
    globalThis.crypto.subtle.importKey('jwk', { kty: 'RSA', ...jwk }, RS256, extractable, usages.filter((u) => u === 'sign')),
    // A public key is always extractable (WebCrypto's rule for generated pairs too).
    globalThis.crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e }, RS256, true, usages.filter((u) => u === 'verify')),
  ]);
  return { privateKey, publicKey };
}

/** A key pair made ahead of time, for the next world that needs a key (generating one costs a core 100+ ms). */
export function offerSigningKey(pair: Promise<CryptoKeyPair>): void {
  // A failed offer is not an error to report (the world then makes its own key), nor an unhandled rejection meanwhile.
  pair.catch(() => undefined);
  offered = pair;
}

async function generate(): Promise<SigningKey> {
  const spare = offered;
  offered = null;
  // An offer that cannot be imported is no loss: the world makes its own key, as without one.
  const pair =
    (await spare?.catch(() => null)) ??
    ((await globalThis.crypto.subtle.generateKey({ ...RS256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'])) as CryptoKeyPair);
  const spki = await globalThis.crypto.subtle.exportKey('spki', pair.publicKey);
  const kid = base64url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', spki)));
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, kid };
}

export function signingKey(world: World): Promise<SigningKey> {
  let key = keys.get(world);
  if (!key) {
    key = generate();
    keys.set(world, key);
  }
  return key;
}

/**
 * Starts key generation ahead of the first token request (RSA-2048 generation took 100–280 ms of a
 * core in the browser on a two-core machine; signing well under one), e.g. right after a world is
 * created or restored.
 */
export async function prepareTokenService(world: World): Promise<void> {
  await signingKey(world);
}
