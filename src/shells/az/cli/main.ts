/**
 * The Azure CLI as one lazily loaded chunk: the core (this folder) and every command module, the way
 * azure-cli's `main` loads the command table from each module's loader. Imported dynamically by the
 * bash module on the first `az` a session runs.
 */
import { loadAccount } from '../commands/account';
import { loadDataPlane } from '../commands/data-plane';
import { loadGroup } from '../commands/group';
import { loadIdentity } from '../commands/identity';
import { loadResource } from '../commands/resource';
import { loadRest } from '../commands/rest';
import { loadRole } from '../commands/role';
import { loadVm } from '../commands/vm';
import { runAz, type AzIo, type AzOutcome } from './run';
import type { CommandLoader } from './types';

/** Every command module, in the order azure-cli lists them. */
export const COMMAND_LOADERS: readonly CommandLoader[] = [loadAccount, loadGroup, loadVm, loadIdentity, loadRole, loadResource, loadDataPlane, loadRest, (t) => {
  t.groups.set('ad', { name: 'ad', summary: 'Manage Microsoft Entra ID (formerly known as Azure Active Directory, Azure AD, AAD) entities needed for Azure role-based access control (Azure RBAC) through Microsoft Graph API.' });
  t.groups.set('ad group', { name: 'ad group', summary: 'Manage Microsoft Entra groups.' });
}];

export function az(argv: readonly string[], io: AzIo): Promise<AzOutcome> {
  return runAz(argv, io, COMMAND_LOADERS);
}

export type { AzIo, AzOutcome };
