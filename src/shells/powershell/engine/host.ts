/** What the session gives the engine: the VM it runs on, its network and clock, and the console. */
import type { ErrorRecord } from '../errors/error-record';

export interface VmFacts {
  vmName: string;
  computerName: string;
  adminUsername: string;
  vmId: string;
  [key: string]: unknown;
}

export interface CommandHost {
  vm: VmFacts;
  fetch(request: Request): Promise<Response>;
  now(): Date;
  /** Start-Sleep's wait, when the session was given one (the world's simulated clock). */
  sleep?(ms: number): Promise<void>;
  columns: number;
  /** An environment variable of the session (`$env:NAME`), or null. */
  env(name: string): string | null;
  /** Host output (Write-Host, native commands): flushes pending formatted objects first. */
  writeHost(text: string): void;
  writeError(record: ErrorRecord): void;
  writeWarning(text: string): void;
  clearHost(): void;
}
