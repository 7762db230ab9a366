/**
 * `GET https://management.azure.com/metadata/endpoints`: the cloud's endpoint list, served without
 * authentication as ARM does (`az cloud register --endpoint-resource-manager` reads it; issue 16
 * found it answering 401). Shapes by api-version:
 * - 2015-01-01 (and anything before 2019-05-01): the legacy object msrestazure's
 *   `_populate_from_metadata_endpoint` reads (galleryEndpoint, graphEndpoint,
 *   authentication.loginEndpoint, authentication.audiences) — Debian's az 2.45 sends this version;
 * - 2019-05-01 and later: the list of clouds azure-cli's `_arm_to_cli_mapper` reads (name,
 *   authentication, resourceManager, suffixes…); the values are AzureCloud's public endpoints.
 */
import { cloudHttp as http } from '../msw/cloud-http';
import { contextOf } from '../call-context';
import { ARM_ORIGIN } from '../hosts';
import { ARM_TEXT, armError } from './errors';
import { armJson } from './respond';

const LEGACY = {
  galleryEndpoint: 'https://gallery.azure.com/',
  graphEndpoint: 'https://graph.windows.net/',
  portalEndpoint: 'https://portal.azure.com/',
  authentication: { loginEndpoint: 'https://login.windows.net/', audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'] },
};

const AZURE_CLOUD = {
  portal: 'https://portal.azure.com',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  media: 'https://rest.media.azure.net',
  graphAudience: 'https://graph.windows.net/',
  graph: 'https://graph.windows.net/',
  name: 'AzureCloud',
  suffixes: {
    azureDataLakeStoreFileSystem: 'azuredatalakestore.net',
    acrLoginServer: 'azurecr.io',
    sqlServerHostname: 'database.windows.net',
    azureDataLakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    keyVaultDns: 'vault.azure.net',
    storage: 'core.windows.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    storageSyncEndpointSuffix: 'afs.azure.net',
    mhsmDns: 'managedhsm.azure.net',
    mysqlServerEndpoint: 'mysql.database.azure.com',
    postgresqlServerEndpoint: 'postgres.database.azure.com',
    mariadbServerEndpoint: 'mariadb.database.azure.com',
    synapseAnalytics: 'dev.azuresynapse.net',
    attestationEndpoint: 'attest.azure.net',
  },
  batch: 'https://batch.core.windows.net/',
  resourceManager: 'https://management.azure.com/',
  microsoftGraphResourceId: 'https://graph.microsoft.com/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  sqlManagement: 'https://management.core.windows.net:8443/',
  gallery: 'https://gallery.azure.com/',
  appInsightsResourceId: 'https://api.applicationinsights.io',
  appInsightsTelemetryChannelResourceId: 'https://dc.applicationinsights.azure.com/v2/track',
  attestationResourceId: 'https://attest.azure.net',
  synapseAnalyticsResourceId: 'https://dev.azuresynapse.net',
  logAnalyticsResourceId: 'https://api.loganalytics.io',
  ossrDbmsResourceId: 'https://ossrdbms-aad.database.windows.net',
};

/** Dates before the cloud-list format answer the legacy object. */
const LIST_SINCE = '2019-05-01';

export function metadataEndpointsHandler() {
  return http.get(`${ARM_ORIGIN}/metadata/endpoints`, ({ request }) => {
    const ctx = contextOf(request);
    ctx.operation = 'arm.metadataEndpoints';
    const version = new URL(request.url).searchParams.get('api-version');
    if (!version) return armError(ctx, 'MissingApiVersionParameter', ARM_TEXT.missingApiVersion, 400);
    if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(version)) return armError(ctx, 'InvalidApiVersionParameter', ARM_TEXT.invalidApiVersion(version, ['2015-01-01', '2019-05-01', '2022-09-01']), 400);
    return armJson(ctx, 200, version < LIST_SINCE ? LEGACY : [AZURE_CLOUD]);
  });
}
