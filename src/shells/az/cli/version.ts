/**
 * The Azure CLI release the sandbox's `az` matches: 2.77.0 (2025-09-02). It is after the switch to
 * MSAL for managed identity (2.73.0: `--username` with `--identity` is an error, not a warning) and
 * after 2.77.0's "get-access-token --tenant <current>" change; every behaviour below follows the
 * azure-cli sources of that era (cited per file). Sources: MicrosoftDocs/azure-docs-cli
 * release-notes-azure-cli.md; the User-Agent form from Azure/azure-cli#32165 (a 2.77.0 capture).
 */
export const AZ_VERSION = '2.77.0';
/** `az version` lists the telemetry package too; 1.1.0 is what 2.6x–2.7x ship (azure-cli setup.py). */
export const TELEMETRY_VERSION = '1.1.0';
/**
 * Installer DEB (the apt package the docs install on Ubuntu), azure-core and the bundled Python of
 * that release. Python and azure-core patch levels are plausible, not captured.
 */
export const USER_AGENT = `AZURECLI/${AZ_VERSION} (DEB) azsdk-python-core/1.35.0 Python/3.12.11 (Linux-6.8.0-1021-azure-x86_64-with-glibc2.35)`;
/** MSAL Python's SKU headers on the IMDS request (msal/managed_identity.py). */
export const MSAL_SKU = { 'x-client-sku': 'MSAL.Python', 'x-client-ver': '1.33.0' } as const;
