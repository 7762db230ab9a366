/**
 * The web cmdlets, Invoke-WebRequest and Invoke-RestMethod. They belong to Microsoft.PowerShell.Utility in
 * 5.1 (the command table merges modules of one name); their only way out is the host's fetch.
 */
import type { PowerShellModule } from '../../engine/cmdlet';
import { invokeRestMethod, invokeWebRequest } from './web';

export const webCmdlets: PowerShellModule = {
  name: 'Microsoft.PowerShell.Utility',
  version: '3.1.0.0',
  path: 'C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules\\Microsoft.PowerShell.Utility',
  moduleType: 'Manifest',
  cmdlets: [invokeWebRequest, invokeRestMethod],
};
