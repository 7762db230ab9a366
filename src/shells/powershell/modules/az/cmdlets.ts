/**
 * The Az cmdlets' code, loaded on the first Az command of a session (see ./index.ts): one chunk for all of
 * them, kept out of the worker's first load.
 */
import type { CmdletDef } from '../../engine/cmdlet';
import { connectAzAccount, disconnectAzAccount, getAzAccessToken, getAzContext, getAzSubscription, invokeAzRestMethod } from './accounts';
import { getAzVM, updateAzVM } from './compute';
import { getAzKeyVaultSecret, setAzKeyVaultSecret } from './keyvault';
import { getAzStorageBlob, getAzStorageBlobContent, newAzStorageContext } from './storage';
import { getAzUserAssignedIdentity, newAzUserAssignedIdentity, removeAzUserAssignedIdentity } from './identities';
import { getAzResource, getAzResourceGroup } from './resources';
import { getAzADGroup, getAzRoleAssignment, getAzRoleDefinition, newAzRoleAssignment, removeAzRoleAssignment } from './roles';

export const AZ_CMDLETS: CmdletDef[] = [
  connectAzAccount,
  disconnectAzAccount,
  getAzContext,
  getAzSubscription,
  getAzAccessToken,
  invokeAzRestMethod,
  getAzResourceGroup,
  getAzResource,
  getAzRoleAssignment,
  newAzRoleAssignment,
  removeAzRoleAssignment,
  getAzADGroup,
  getAzRoleDefinition,
  getAzVM,
  updateAzVM,
  newAzUserAssignedIdentity,
  getAzUserAssignedIdentity,
  removeAzUserAssignedIdentity,
  getAzKeyVaultSecret,
  setAzKeyVaultSecret,
  newAzStorageContext,
  getAzStorageBlob,
  getAzStorageBlobContent,
];
