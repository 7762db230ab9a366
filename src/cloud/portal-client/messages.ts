/**
 * The portal's notification wording, in one place. Modelled on the Azure portal's own
 * ("Successfully saved …", "Added Role assignment"); the exact portal strings are not documented,
 * so these are plausible paraphrases.
 */
import type { RoleDefinitionResource } from './arm-types';
import type { Member } from './member-candidates';
import type { OperationText } from './notifications';
import { nameOf } from './scopes';


export const MESSAGES = {
  systemAssignedSaved: (vmName: string, on: boolean) => ({
    title: 'Successfully saved',
    message: `Successfully saved system assigned managed identity for '${vmName}': status ${on ? 'On' : 'Off'}.`,
  }),
  systemAssignedFailed: (vmName: string) => `Failed to update system assigned managed identity for '${vmName}'`,
  roleAssigned: (role: RoleDefinitionResource, members: readonly Member[], scope: string) => ({
    title: 'Added Role assignment',
    message: `${members.map((m) => m.displayName).join(', ')} ${members.length === 1 ? 'was' : 'were'} added as ${role.properties.roleName} for ${nameOf(scope)}.`,
  }),
  roleAssignFailed: 'Failed to add role assignment',
  // The wizard opened by the Why? panel's fix: how it was filled in, or why it could not be.
  prefilled: (roleName: string, memberName: string) =>
    `Filled in from the Why? panel's fix: ${roleName} for ${memberName}. Check it, then press Review + assign; nothing is assigned until you do.`,
  prefillNoRole: (roleName: string) => `The fix asked for the role ${roleName}, which is not offered at this scope. Choose a role and members yourself.`,
  prefillNoMember: (principalName: string, listLabel: string) =>
    `The fix asked for ${principalName}, who is no longer listed under "${listLabel}" (turned off or deleted?). Choose a role and members yourself.`,
  prefillFailed: (message: string) => `Could not fill in the fix's role and member: ${message.replace(/[.\s]*$/, '')}. Choose a role and members yourself.`,
  removeAssignment: (roleName: string, principalName: string): OperationText<void> => ({
    progress: `Removing role assignment: ${roleName} for ${principalName}…`,
    success: () => ({ title: 'Removed role assignment', message: `Successfully removed ${roleName} for ${principalName}.` }),
    failure: 'Failed to remove role assignment',
  }),
  createIdentity: (name: string): OperationText<unknown> => ({
    progress: `Creating managed identity '${name}'…`,
    success: () => ({ title: 'Deployment succeeded', message: `Successfully created user assigned managed identity '${name}'.` }),
    failure: `Failed to create managed identity '${name}'`,
  }),
  deleteIdentity: (name: string): OperationText<void> => ({
    progress: `Deleting managed identity '${name}'…`,
    success: () => ({ title: 'Successfully deleted', message: `Successfully deleted managed identity '${name}'. Its role assignments were not removed and now show as "Identity not found".` }),
    failure: `Failed to delete managed identity '${name}'`,
  }),
  deleteVm: (name: string): OperationText<void> => ({
    progress: `Deleting virtual machine '${name}'…`,
    success: () => ({ title: 'Deleted virtual machine', message: `Successfully deleted virtual machine '${name}'.` }),
    failure: `Failed to delete virtual machine '${name}'`,
  }),
  addUserAssigned: (vmName: string, names: readonly string[]): OperationText<unknown> => ({
    progress: `Adding user assigned managed identity to '${vmName}'…`,
    success: () => ({ title: 'Successfully saved', message: `Successfully added ${names.map((n) => `'${n}'`).join(', ')} to '${vmName}'.` }),
    failure: `Failed to add user assigned managed identity to '${vmName}'`,
  }),
  removeUserAssigned: (vmName: string, names: readonly string[]): OperationText<unknown> => ({
    progress: `Removing user assigned managed identity from '${vmName}'…`,
    success: () => ({ title: 'Successfully saved', message: `Successfully removed ${names.map((n) => `'${n}'`).join(', ')} from '${vmName}'.` }),
    failure: `Failed to remove user assigned managed identity from '${vmName}'`,
  }),
} as const;

/** The delete-identity warning the portal shows before deleting a user-assigned identity. */
export function deleteIdentityWarning(name: string): string {
  return `Delete '${name}'? Resources that use this identity will stop getting tokens for it. Role assignments granted to it are not deleted: they stay behind and show as "Identity not found" until you remove them.`;
}

/**
 * The portal's delete-VM pane asks for an acknowledgement; here it also says what becomes of the
 * identities (the disks and network interfaces a real VM has do not exist in this sandbox).
 */
export function deleteVmWarning(name: string): string {
  return `Delete '${name}'? Its system-assigned identity is deleted with it; its role assignments are not, and show as "Identity not found" until you remove them. User-assigned identities attached to it are not deleted.`;
}
