/**
 * Unit-test speed: every simulated world signs its tokens with a fresh RSA-2048 key
 * (src/sim/tokens/keys.ts), and generating one costs ~200 ms of CPU (seconds on a loaded 2-core
 * machine) — the suite makes hundreds. Here WebCrypto's generateKey, for exactly that key shape,
 * hands out keys from a pool of 16 real pairs made once (rsa-2048-keys.json, made with
 * `crypto.subtle.generateKey` and exported as JWK) instead; importing one takes about a millisecond.
 * The keys are real: tokens are signed and verified as before. They come round in turn, so keys
 * made one after the other always differ (a restored world still gets a new key; "signed by another
 * key" still fails). Anything else passes through to WebCrypto.
 */
import pool from './rsa-2048-keys.json';
import { importSigningPair } from '../../src/sim/tokens/keys';

const subtle = globalThis.crypto.subtle;
const generateKey = subtle.generateKey.bind(subtle);
let next = 0;

function isPooledShape(algorithm: unknown): boolean {
  if (typeof algorithm !== 'object' || algorithm === null) return false;
  const a = algorithm as { name?: unknown; modulusLength?: unknown; publicExponent?: unknown; hash?: unknown };
  const exponent = a.publicExponent instanceof Uint8Array ? [...a.publicExponent].join(',') : '';
  const hash = typeof a.hash === 'string' ? a.hash : (a.hash as { name?: unknown } | undefined)?.name;
  return a.name === 'RSASSA-PKCS1-v1_5' && a.modulusLength === 2048 && exponent === '1,0,1' && hash === 'SHA-256';
}

const pooledPair = (extractable: boolean, usages: readonly KeyUsage[]): Promise<CryptoKeyPair> => importSigningPair(pool[next++ % pool.length]!, extractable, usages);

Object.defineProperty(subtle, 'generateKey', {
  configurable: true,
  writable: true,
  value: (algorithm: AlgorithmIdentifier, extractable: boolean, usages: KeyUsage[]) =>
    isPooledShape(algorithm) ? pooledPair(extractable, usages) : generateKey(algorithm as RsaHashedKeyGenParams, extractable, usages),
});
