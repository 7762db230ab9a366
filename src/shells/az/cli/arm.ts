/**
 * ARM requests as the CLI's management SDK clients send them: the signed-in account's bearer token
 * for `https://management.core.windows.net/` (the CLI's `active_directory_resource_id`; ARM accepts
 * that audience), `?api-version=` of the CLI's `latest` profile, paging through `nextLink`.
 */
import type { AzContext } from './context';
import { expectOk, send } from './http';
import { ARM_ENDPOINT, ARM_RESOURCE, currentAccount, tokenFor, type Account } from './profile';

/** api-versions of azure-cli 2.77's `latest` profile (azure-cli-core profiles/_shared.py). */
export const API = {
  resources: '2024-11-01',
  subscriptions: '2022-12-01',
  compute: '2024-11-01',
  msi: '2024-11-30',
  authorization: '2022-04-01',
  roleDefinitions: '2022-05-01-preview',
  keyvaultData: '7.5',
  storageData: '2022-11-02',
} as const;

export interface ArmCall {
  method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST' | 'HEAD';
  /** Path from the ARM root, or a full nextLink URL. */
  path: string;
  apiVersion?: string;
  query?: Record<string, string>;
  body?: unknown;
  ok?: readonly number[];
  account?: Account;
}

export async function armRequest(ctx: AzContext, call: ArmCall): Promise<{ status: number; body: unknown }> {
  const account = call.account ?? (await currentAccount(ctx));
  const token = await tokenFor(ctx, account, ARM_RESOURCE);
  const url = new URL(call.path.startsWith('https://') ? call.path : `${ARM_ENDPOINT}${call.path}`);
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  if (call.apiVersion && !url.searchParams.has('api-version')) url.searchParams.set('api-version', call.apiVersion);
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token.accessToken}` };
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await send(ctx, { method: call.method, url: url.toString().replace(/\+/g, '%20'), headers, ...(body !== undefined ? { body } : {}) });
  return { status: response.status, body: expectOk(response, call.ok) };
}

export async function armGet(ctx: AzContext, path: string, apiVersion: string, query?: Record<string, string>): Promise<unknown> {
  return (await armRequest(ctx, { method: 'GET', path, apiVersion, ...(query ? { query } : {}) })).body;
}

/** A list operation, following `nextLink` as the SDK's pager does. */
export async function armList(ctx: AzContext, path: string, apiVersion: string, query?: Record<string, string>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let next: string | null = path;
  let first = true;
  for (let page = 0; next && page < 100; page++) {
    const body = (await armRequest(ctx, { method: 'GET', path: next, ...(first ? { apiVersion, ...(query ? { query } : {}) } : {}) })).body as {
      value?: Record<string, unknown>[];
      nextLink?: string;
    } | null;
    items.push(...(body?.value ?? []));
    next = body?.nextLink ?? null;
    first = false;
  }
  return items;
}

/** The subscription id the command acts in (the account's). */
export async function subscriptionId(ctx: AzContext): Promise<string> {
  return (await currentAccount(ctx)).id;
}
