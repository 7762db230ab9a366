/**
 * A step's solution as the learner sees it on "show command": shell commands as text to fill the
 * editor with, portal actions as the clicks to make. Placeholders are filled for this world.
 */
import { fillText, type PlaceholderValues } from './placeholders';
import { isPortalAction, type CompiledStep, type PortalAction } from './types';

export function describePortalAction(a: PortalAction): string {
  switch (a.portal) {
    case 'createUserAssignedIdentity':
      return `Portal: open Managed Identities → + Create; Resource group: ${a.resourceGroup}, Name: ${a.identity}; Review + create.`;
    case 'enableSystemAssigned':
      return `Portal: open ${a.vm} → Security → Identity → System assigned, set Status to On, then Save and confirm.`;
    case 'disableSystemAssigned':
      return `Portal: open ${a.vm} → Security → Identity → System assigned, set Status to Off, then Save and confirm.`;
    case 'attachUserAssigned':
      return `Portal: open ${a.vm} → Security → Identity → User assigned → Add, pick ${a.identity}, then Add.`;
    case 'detachUserAssigned':
      return `Portal: open ${a.vm} → Security → Identity → User assigned, select ${a.identity}, then Remove.`;
    case 'assignRole':
      return `Portal: open ${scopeWords(a.scope)} → Access control (IAM) → Add → Add role assignment; Role: ${a.role}; Members: Managed identity → ${principalWords(a.principal)}; Review + assign.`;
    case 'removeRoleAssignment':
      return `Portal: open ${scopeWords(a.scope)} → Access control (IAM) → Role assignments, select ${a.role} for ${principalWords(a.principal)}, then Remove.`;
    case 'removeOrphanedAssignments':
      return `Portal: open ${scopeWords(a.scope)} → Access control (IAM) → Role assignments, select the ${a.role} assignment shown as "Identity not found", then Remove.`;
    case 'deleteUserAssignedIdentity':
      return `Portal: open Managed Identities → ${a.identity} → Overview → Delete, then confirm.`;
    case 'deleteVm':
      return `Portal: open Virtual machines → ${a.vm} → Overview → Delete, tick the confirmation, then Delete.`;
  }
}

const scopeWords = (scope: string) =>
  scope === 'subscription'
    ? 'the subscription'
    : scope
        .replace(/^resourceGroup:/, 'resource group ')
        .replace(/^storageAccount:/, 'storage account ')
        .replace(/^keyVault:/, 'key vault ')
        .replace(/^(vm|identity):/, '');

const principalWords = (principal: string) =>
  principal.startsWith('vm:') ? `Virtual machine → ${principal.slice(3)}` : `User-assigned managed identity → ${principal.replace(/^identity:/, '')}`;

export interface ShownSolution {
  /** Commands for the editor (joined by newlines); empty when the step is portal-only. */
  commands: string;
  /** Portal instructions, one per action, in order. */
  portal: string[];
}

export function showSolution(step: Pick<CompiledStep, 'solution'>, values: PlaceholderValues): ShownSolution {
  const commands: string[] = [];
  const portal: string[] = [];
  for (const action of step.solution) {
    if (isPortalAction(action)) portal.push(describePortalAction(action));
    else commands.push(fillText(action.shell.replace(/\s+$/, ''), values));
  }
  return { commands: commands.join('\n'), portal };
}
