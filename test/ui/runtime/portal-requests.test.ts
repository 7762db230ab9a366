import { describe, expect, it } from 'vitest';
import type { AddRoleAssignmentRequest } from '../../../src/cloud/inspect/portal-request';
import { createPortalRequests } from '../../../src/ui/runtime/portal-requests';
import { createAppRuntime } from '../../../src/ui/runtime/create-runtime';

const request = (roleName: string): AddRoleAssignmentRequest => ({
  kind: 'addRoleAssignment',
  blade: { kind: 'resourceGroup', id: '/subscriptions/s/resourceGroups/rg', section: 'iam' },
  bladeScope: '/subscriptions/s/resourceGroups/rg',
  exact: true,
  roleName,
  roleGuid: 'g',
  assignAccessTo: 'managedIdentity',
  principalId: 'p',
  principalName: "vm's identity",
});

describe('portal request channel', () => {
  it('keeps only the latest request sent while nobody listens, and hands it to the first subscriber once', () => {
    const channel = createPortalRequests();
    channel.send(request('Reader'));
    channel.send(request('Contributor'));
    const first: string[] = [];
    const second: string[] = [];
    channel.subscribe((r) => first.push(r.roleName));
    channel.subscribe((r) => second.push(r.roleName));
    expect(first).toEqual(['Contributor']);
    expect(second).toEqual([]);
  });

  it('delivers to every subscriber at once and keeps nothing behind', () => {
    const channel = createPortalRequests();
    const a: string[] = [];
    const b: string[] = [];
    const stopA = channel.subscribe((r) => a.push(r.roleName));
    channel.subscribe((r) => b.push(r.roleName));
    channel.send(request('Reader'));
    expect([a, b]).toEqual([['Reader'], ['Reader']]);
    stopA();
    channel.send(request('Owner'));
    expect([a, b]).toEqual([['Reader'], ['Reader', 'Owner']]);
    const late: string[] = [];
    channel.subscribe((r) => late.push(r.roleName));
    expect(late).toEqual([]);
  });

  it('after the last unsubscribe, requests wait again for the next portal', () => {
    const channel = createPortalRequests();
    const stop = channel.subscribe(() => {});
    stop();
    channel.send(request('Reader'));
    const got: string[] = [];
    channel.subscribe((r) => got.push(r.roleName));
    expect(got).toEqual(['Reader']);
  });

  it('is on the app runtime', () => {
    const rt = createAppRuntime('quickstart');
    const got: string[] = [];
    rt.portalRequests.send(request('Reader'));
    rt.portalRequests.subscribe((r) => got.push(r.roleName));
    expect(got).toEqual(['Reader']);
    rt.dispose();
  });
});
