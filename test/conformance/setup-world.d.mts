import type { Router } from '../../src/cloud/router';
/** The data-preset world the conformance clients expect; returns their inputs (AZURE_SUBSCRIPTION_ID, …). */
export function setupWorld(emu: { router: Router; control: string }): Promise<Record<string, string>>;
