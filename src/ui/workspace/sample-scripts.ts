import type { VmSession } from './vm-sessions';

/**
 * What a fresh terminal's editor holds, ready to run, so the learner sees a real answer at once: on
 * a VM, the quickstart's first IMDS request (curl on Linux, Invoke-WebRequest on Windows); in Cloud
 * Shell, who it is signed in as and the resource groups it can see (az, or Az in PowerShell).
 */
export function sampleScript(session: VmSession, cloudShell: boolean): string {
  if (cloudShell) {
    return session.shellName === 'PowerShell' ? 'Get-AzContext\nGet-AzResourceGroup | Format-Table ResourceGroupName, Location\n' : 'az account show --output table\naz group list --output table\n';
  }
  return session.facts.osType === 'Windows'
    ? "$response = Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Method GET -Headers @{Metadata=\"true\"}\n$response.Content\n"
    : "curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true -s\n";
}
