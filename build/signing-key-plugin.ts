/**
 * `virtual:signing-key`: an RSA-2048 private key (JWK) made once per build, and once per dev-server
 * start. The browser app offers it to the first simulated world that signs a token
 * (src/ui/runtime/create-runtime.ts): made in the page, that key took 100–280 ms of a core while a
 * lesson step opened (its replay signs the portal's token) and slowed everything else on a two-core
 * machine (terminal ready, interleaved A/B over 61 runs against generating it: paired median
 * −19 ms, mean −11 ± 11). It protects nothing: it signs simulated tokens that only the page itself checks. Made
 * here rather than committed, so no private key sits in the repository.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Plugin } from 'vite';

const ID = 'virtual:signing-key';
const RESOLVED = `\0${ID}`;

export function signingKey(): Plugin {
  let module: string | null = null;
  return {
    name: 'mi-signing-key',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      module ??= `export default ${JSON.stringify(generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 }).privateKey.export({ format: 'jwk' }))};`;
      return module;
    },
  };
}
