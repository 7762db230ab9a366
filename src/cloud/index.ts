/**
 * The simulated cloud's public API (see README.md in this folder). Node-only parts are imported by
 * path: `./emulator/server` (loopback HTTP) and `./msw/node-server` (msw setupServer adapter).
 */
export { createRouter, type Router, type RouterOptions, type FetchOptions } from './router';
export type { CallerId, Service, IdentityUsed, AuthorizationRecord, ImdsTokenFacts } from './call-context';
export {
  RequestLog,
  DEFAULT_LOG_LIMIT,
  type RequestLogEntry,
  type RequestLogListener,
  type LoggedRequest,
  type LoggedResponse,
} from './request-log';
export { findImdsToken, findArmCall, lastDenial } from './log-queries';
export { SimulatedNetworkError, type NetworkErrorCode } from './network-errors';
export { IMDS_HOST, ARM_HOST, IMDS_ORIGIN, ARM_ORIGIN, resolveHost } from './hosts';
export { MAX_BODY_BYTES } from './http/body';
export { cloudHandlers } from './msw/handlers';
export { handleControl, worldSummary, type SandboxHost, type ControlReply } from './control/sandbox-api';
export { IMDS_SERVER } from './imds/respond';
