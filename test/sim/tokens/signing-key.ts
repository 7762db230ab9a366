/** Test helper: the world's public key as a JWK, to verify tokens with plain jose. */
import { exportJWK } from 'jose';
import { signingKey } from '../../../src/sim/tokens/keys';
import type { World } from '../../../src/sim/index';

export async function signingKeyForTests(world: World) {
  return exportJWK((await signingKey(world)).publicKey);
}
