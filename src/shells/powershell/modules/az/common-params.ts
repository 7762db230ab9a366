/** Parameters every Az cmdlet has (AzureRMCmdlet.DefaultProfile). */
import type { ParamDef } from '../../engine/cmdlet';

export const COMMON_PARAM: ParamDef = { name: 'DefaultProfile', type: 'object', aliases: ['AzContext', 'AzureRmContext', 'AzureCredential'] };
