/**
 * Cloud Shell's PowerShell: the same session as a Windows VM's, in Cloud Shell's container. Real Cloud
 * Shell runs PowerShell 7 on Linux; the sandbox keeps its Windows PowerShell 5.1 grammar, formatter and
 * error view (so a few 7-only syntax forms such as `&&`, `??` and ternaries are parse errors here, and
 * error records show in 5.1's full view rather than 7's concise one), and adapts what a learner sees of
 * the machine: the prompt `PS /home/<user>> `, and the container's environment (MSI_ENDPOINT, ACC_CLOUD).
 * At start Cloud Shell's profile signs Az in ("VERBOSE: Authenticating to Azure ..."): Azure.Identity
 * sees MSI_ENDPOINT and asks Cloud Shell's token endpoint, which answers for the portal's user, so the
 * learner's first cmdlet already acts under that user's RBAC.
 */
import { createPowerShellSession } from './index';
import type { PowerShellSession, PowerShellSessionOptions } from './session';

/** Cloud Shell's local token endpoint (src/cloud/cloudshell/service.ts). */
export const CLOUD_SHELL_MSI_ENDPOINT = 'http://localhost:50342/oauth2/token';

export function createCloudShellPowerShellSession(options: Omit<PowerShellSessionOptions, 'env' | 'promptPath'>): PowerShellSession {
  const user = options.vm.adminUsername;
  return createPowerShellSession({
    ...options,
    promptPath: `/home/${user}`,
    env: {
      // Variables of Cloud Shell's container that Az and scripts read; values of the documented form.
      ACC_CLOUD: 'PROD',
      MSI_ENDPOINT: CLOUD_SHELL_MSI_ENDPOINT,
      AZURE_HTTP_USER_AGENT: 'cloud-shell/1.0',
      POWERSHELL_DISTRIBUTION_CHANNEL: 'CloudShell',
      HOME: `/home/${user}`,
      USER: user,
    },
  });
}

/**
 * What Cloud Shell's PowerShell profile does before the first prompt: Connect-AzAccount -Identity,
 * unless a context survived (a restart). Its output is not shown; the requests are real and logged.
 */
export async function signInCloudShellAz(session: PowerShellSession): Promise<void> {
  await session.run('if (-not (Get-AzContext)) { $null = Connect-AzAccount -Identity }');
}
