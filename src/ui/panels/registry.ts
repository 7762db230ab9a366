/**
 * The inspector's panels in tab order. Each component is a dynamic import, so a panel (and the view
 * model it pulls from src/cloud/inspect) loads when first opened, not with the sandbox page.
 */
import type { Component } from 'svelte';
import { panelRegistry, type InspectorPanel } from '../../cloud/inspect/panel';
import type { Inspector } from './inspector.svelte';

export type PanelComponent = Component<{ inspector: Inspector }>;

const panels: InspectorPanel<PanelComponent>[] = [
  { id: 'timeline', title: 'Request timeline', summary: 'Every request from the VMs and the portal, with its answer.', load: async () => (await import('./TimelinePanel.svelte')).default },
  { id: 'why', title: 'Why?', summary: 'The RBAC decision behind a call, in plain words, and the smallest fix.', load: async () => (await import('./WhyPanel.svelte')).default },
  { id: 'token', title: 'Token inspector', summary: 'Tokens issued in the sandbox, claim by claim.', load: async () => (await import('./TokenPanel.svelte')).default },
  { id: 'identity', title: 'Identities', summary: 'VMs, their managed identities and role assignments.', load: async () => (await import('./IdentityPanel.svelte')).default },
  { id: 'time', title: 'Time and faults', summary: 'The simulated clock, IMDS faults and propagation delay.', load: async () => (await import('./TimeFaultsPanel.svelte')).default },
  { id: 'commands', title: 'Real commands', summary: 'Your portal changes as Azure CLI or Azure PowerShell commands to try on a real subscription.', load: async () => (await import('./CommandsPanel.svelte')).default },
];

export const registry = panelRegistry(panels);
