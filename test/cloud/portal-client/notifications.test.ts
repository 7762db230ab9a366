import { describe, expect, it } from 'vitest';
import { ArmRequestError } from '../../../src/cloud/portal-client/arm-error';
import { MAX_NOTIFICATIONS, NotificationCenter, runOperation } from '../../../src/cloud/portal-client/notifications';

const text = {
  progress: 'Deleting…',
  success: (n: number) => ({ title: 'Deleted', message: `${n} gone` }),
  failure: 'Failed to delete',
};

describe('portal notifications', () => {
  it('turns the in-progress entry into a success with the result', async () => {
    const center = new NotificationCenter();
    const seen: string[] = [];
    center.subscribe(() => seen.push(center.getSnapshot()[0]!.status));
    const result = await runOperation(center, text, async () => 3);
    expect(result).toEqual({ ok: true, value: 3 });
    expect(seen).toEqual(['inProgress', 'success']);
    expect(center.getSnapshot()).toEqual([{ id: 1, status: 'success', title: 'Deleted', message: '3 gone' }]);
  });

  it('keeps ARM’s message and code verbatim on failure', async () => {
    const center = new NotificationCenter();
    const result = await runOperation(center, text, async () => {
      throw new ArmRequestError('AuthorizationFailed', "The client 'u' … does not have authorization …", 403);
    });
    expect(result).toEqual({ ok: false, code: 'AuthorizationFailed', message: "The client 'u' … does not have authorization …", status: 403 });
    expect(center.getSnapshot()[0]).toMatchObject({ status: 'error', title: 'Failed to delete', code: 'AuthorizationFailed' });
  });

  it('a non-ARM throw still reads as a message', async () => {
    const center = new NotificationCenter();
    await runOperation(center, text, async () => {
      throw 'boom';
    });
    expect(center.getSnapshot()[0]).toMatchObject({ status: 'error', message: 'boom', code: 'RequestFailed' });
  });

  it('lists newest first, keeps at most MAX_NOTIFICATIONS, gives new snapshots on change and none on no-op', () => {
    const center = new NotificationCenter();
    for (let i = 0; i < MAX_NOTIFICATIONS + 5; i++) center.push({ status: 'success', title: `n${i}`, message: '' });
    const snap = center.getSnapshot();
    expect(snap).toHaveLength(MAX_NOTIFICATIONS);
    expect(snap[0]!.title).toBe(`n${MAX_NOTIFICATIONS + 4}`);
    center.dismiss(snap[0]!.id);
    expect(center.getSnapshot()).not.toBe(snap);
    expect(center.getSnapshot()[0]!.title).toBe(`n${MAX_NOTIFICATIONS + 3}`);
  });

  it('unsubscribed listeners hear nothing more', () => {
    const center = new NotificationCenter();
    let calls = 0;
    const sub = center.subscribe(() => calls++);
    center.push({ status: 'success', title: 'a', message: '' });
    sub.unsubscribe();
    center.clear();
    expect(calls).toBe(1);
  });
});
