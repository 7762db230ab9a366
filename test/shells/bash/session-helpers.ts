import { createBashSession, type BashSession, type BashSessionOptions } from '../../../src/shells/bash';
import { type FakeCloud, fakeCloud, steppingClock, VM } from './fake-cloud';

export function newSession(
  cloudInit: Parameters<typeof fakeCloud>[0] = {},
  extra: Partial<BashSessionOptions> = {},
): { session: BashSession; cloud: FakeCloud } {
  const cloud = fakeCloud(cloudInit);
  const session = createBashSession({ vm: VM, fetch: cloud.fetch, now: steppingClock(), ...extra });
  return { session, cloud };
}
