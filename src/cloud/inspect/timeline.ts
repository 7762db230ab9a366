/**
 * The request timeline's view model: one row per exchange (caller, service, method, URL, status,
 * simulated time), the filters (caller, service, status class), the sequence lanes
 * (caller → IMDS / ARM / Key Vault / Storage) and the links out — to the token an exchange issued
 * or presented, and to its RBAC decision. Rows are built from the log's typed fields, never by
 * re-parsing text, except bodies, which are pretty-printed for reading.
 */
import type { World } from '../../sim/index';
import type { CallerId, Service } from '../call-context';
import type { RequestLogEntry } from '../request-log';
import { callerKey, callerName, serviceLabel } from './names';
import { formatClock } from './time-format';
import { decidingCheck } from './why';

export type StatusClass = 'success' | 'redirect' | 'clientError' | 'serverError' | 'networkError';

export const STATUS_CLASS_LABELS: Record<StatusClass, string> = {
  success: '2xx success',
  redirect: '3xx redirect',
  clientError: '4xx client error',
  serverError: '5xx server error',
  networkError: 'no response (network error)',
};

export interface TimelineRow {
  seq: number;
  requestId: string;
  callerKind: CallerId['kind'];
  callerKey: string;
  callerName: string;
  service: Service | null;
  serviceLabel: string;
  method: string;
  url: string;
  /** Path and query, for the list (the host is in the service column). */
  target: string;
  operation: string | null;
  status: number | null;
  statusLabel: string;
  statusClass: StatusClass;
  at: number;
  time: string;
  tokenId: string | null;
  /** `issued` for IMDS token answers, `presented` for bearer calls. */
  tokenRole: 'issued' | 'presented' | null;
  decision: { allowed: boolean; check: number } | null;
  /** The timeline row (seq) that issued the token this row presents, when it is in the log. */
  tokenFromSeq: number | null;
}

export function statusClassOf(status: number | null): StatusClass {
  if (status === null) return 'networkError';
  if (status >= 500) return 'serverError';
  if (status >= 400) return 'clientError';
  if (status >= 300) return 'redirect';
  return 'success';
}

/** Reason phrases for responses built without a statusText (the log keeps what the service sent). */
const REASON: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  410: 'Gone', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function statusLabelOf(status: number, statusText: string): string {
  return `${status} ${statusText || REASON[status] || ''}`.trim();
}

function targetOf(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname) + u.search;
  } catch {
    return url;
  }
}

export function timelineRows(world: World, entries: readonly RequestLogEntry[]): TimelineRow[] {
  const issuedBy = new Map<string, number>();
  const rows: TimelineRow[] = [];
  for (const e of entries) {
    const status = e.response?.status ?? null;
    const issued = e.service === 'imds' && e.imdsToken !== null && status === 200 && e.tokenId !== null;
    if (issued) issuedBy.set(e.tokenId!, e.seq);
    const check = e.authorizations.length ? decidingCheck(e) : -1;
    rows.push({
      seq: e.seq,
      requestId: e.requestId,
      callerKind: e.caller.kind,
      callerKey: callerKey(e.caller, world),
      callerName: callerName(e.caller, world),
      service: e.service,
      serviceLabel: serviceLabel(e.service),
      method: e.request.method,
      url: e.request.url,
      target: targetOf(e.request.url),
      operation: e.operation,
      status,
      statusLabel: e.response ? statusLabelOf(e.response.status, e.response.statusText) : (e.networkError?.code ?? 'failed'),
      statusClass: statusClassOf(status),
      at: e.timing.simulatedAt,
      time: formatClock(e.timing.simulatedAt),
      tokenId: e.tokenId,
      tokenRole: e.tokenId ? (issued ? 'issued' : 'presented') : null,
      decision: check >= 0 ? { allowed: e.authorizations[check]!.allowed, check } : null,
      tokenFromSeq: !issued && e.tokenId ? (issuedBy.get(e.tokenId) ?? null) : null,
    });
  }
  return rows;
}

export interface TimelineFilter {
  caller?: string;
  service?: Service | 'none';
  status?: StatusClass;
}

export function filterRows(rows: readonly TimelineRow[], filter: TimelineFilter): TimelineRow[] {
  return rows.filter(
    (r) =>
      (!filter.caller || r.callerKey === filter.caller) &&
      (!filter.service || (filter.service === 'none' ? r.service === null : r.service === filter.service)) &&
      (!filter.status || r.statusClass === filter.status),
  );
}

export interface FilterOptions {
  callers: { key: string; label: string }[];
  services: { key: Service | 'none'; label: string }[];
  statuses: { key: StatusClass; label: string }[];
}

/** Only the values present in the rows, so no filter choice can show an empty list by construction. */
export function filterOptions(rows: readonly TimelineRow[]): FilterOptions {
  const callers = new Map<string, string>();
  const services = new Map<Service | 'none', string>();
  const statuses = new Set<StatusClass>();
  for (const r of rows) {
    callers.set(r.callerKey, r.callerName);
    services.set(r.service ?? 'none', r.serviceLabel);
    statuses.add(r.statusClass);
  }
  const order = Object.keys(STATUS_CLASS_LABELS) as StatusClass[];
  return {
    callers: [...callers].map(([key, label]) => ({ key, label })),
    services: [...services].map(([key, label]) => ({ key, label })),
    statuses: order.filter((s) => statuses.has(s)).map((key) => ({ key, label: STATUS_CLASS_LABELS[key] })),
  };
}

/** Sequence-diagram lanes, left to right: who calls, then the services in the order a flow meets them. */
export const LANES = ['caller', 'imds', 'cloudshell', 'arm', 'keyvault', 'storage', 'graph'] as const;
export type Lane = (typeof LANES)[number];

export const LANE_LABELS: Record<Lane, string> = {
  caller: 'Shell / portal',
  imds: 'IMDS',
  cloudshell: 'Cloud Shell token',
  arm: 'ARM',
  keyvault: 'Key Vault',
  storage: 'Storage',
  graph: 'Graph',
};

export interface SequenceArrow {
  seq: number;
  from: Lane;
  to: Lane;
  /** Arrow label and its text-only twin for screen readers. */
  label: string;
  sentence: string;
  statusClass: StatusClass;
}

/** One arrow per exchange, caller lane → service lane; unknown hosts stay in the caller lane. */
export function sequenceArrows(rows: readonly TimelineRow[]): SequenceArrow[] {
  return rows.map((r) => {
    const to: Lane = r.service ?? 'caller';
    const carried = r.tokenFromSeq !== null ? `, with the token from #${r.tokenFromSeq}` : '';
    return {
      seq: r.seq,
      from: 'caller',
      to,
      label: `${r.method} ${shortTarget(r.target)} → ${r.status ?? r.statusLabel}`,
      sentence: `#${r.seq} at ${r.time}: ${r.callerName} sent ${r.method} ${r.target} to ${r.serviceLabel}${carried}; answer ${r.statusLabel}.`,
      statusClass: r.statusClass,
    };
  });
}

function shortTarget(target: string): string {
  const path = target.split('?')[0] ?? target;
  return path.length > 48 ? `…${path.slice(-47)}` : path;
}

/** A body for reading: JSON re-indented, anything else as sent; empty bodies say so. */
export function prettyBody(body: string): { text: string; json: boolean } {
  if (body === '') return { text: '(empty body)', json: false };
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}
