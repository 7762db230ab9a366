/**
 * What a command handler gets: the invocation's log, its file system (the VM's, so ~/.azure
 * persists like a real home directory), the caller's fetch, and helpers that send ARM and data-plane
 * requests the way the CLI's SDK clients do (http.ts). One context per `az` invocation: tokens are
 * cached only for its lifetime, as MSAL's in-memory cache is per process.
 */
import type { AzLog } from './log';

export interface AzFiles {
  home: string;
  read(path: string): Promise<string | null>;
  write(path: string, text: string): Promise<void>;
  readBytes(path: string): Promise<Uint8Array | null>;
  writeBytes(path: string, bytes: Uint8Array): Promise<void>;
  /** Absolute path for a path the user typed (relative to the shell's working directory). */
  resolve(path: string): string;
}

export interface AzEnvironment {
  /** Running in Cloud Shell (`ACC_CLOUD` is set): sign-in goes through the local token endpoint. */
  cloudShell: boolean;
  get(name: string): string | undefined;
}

export interface AzContext {
  log: AzLog;
  files: AzFiles;
  env: AzEnvironment;
  fetch: (request: Request) => Promise<Response>;
  /** Simulated epoch ms (token expiry, timestamps). */
  now(): number;
  /** `az <words>` as the CLI sends it in the CommandName header. */
  commandName: string;
  /** The options given, sorted, as the ParameterSetName header (`-g -n`). */
  parameterSetName: string;
  /** `--subscription` when given. */
  subscription?: string;
  /** stdin of the command (for `@-` style values), read lazily. */
  stdin(): string;
  /** Token cache for this invocation, keyed by account + resource. */
  tokens: Map<string, { accessToken: string; expiresOn: number }>;
}
