/**
 * The Az cmdlets' code, loaded on the first Az command of a session (see ./index.ts): one chunk for all of
 * them, kept out of the worker's first load.
 */
import type { CmdletDef } from '../../engine/cmdlet';
import { connectAzAccount, disconnectAzAccount, getAzAccessToken, getAzContext, getAzSubscription, invokeAzRestMethod } from './accounts';
import { getAzResourceGroup } from './resources';

export const AZ_CMDLETS: CmdletDef[] = [connectAzAccount, disconnectAzAccount, getAzContext, getAzSubscription, getAzAccessToken, invokeAzRestMethod, getAzResourceGroup];
