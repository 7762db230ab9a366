/**
 * The `/metadata/instance` document for a VM (imds.md §2): every primitive a string, inapplicable
 * values present as "", fields appearing only from the api-version that introduced them. Network
 * values are not in the world model; they are derived from the vmId so they stay stable.
 */
import { armId, type VirtualMachine } from '../../sim/index';

type Json = string | Json[] | { [key: string]: Json };

/** Deterministic bytes from the vmId's hex digits (no randomness: the address must not change). */
function bytesOf(vmId: string): number[] {
  const hex = vmId.replace(/-/g, '');
  return Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16) || 0);
}

export function instanceDocument(vm: VirtualMachine, apiVersion: string): { [key: string]: Json } {
  const since = (v: string) => apiVersion >= v;
  const parsed = armId.parseResourceId(vm.id);
  const image = vm.properties.storageProfile.imageReference;
  const os = vm.properties.storageProfile.osDisk.osType;
  const tags = vm.tags ?? {};
  const b = bytesOf(vm.properties.vmId);
  const compute: { [key: string]: Json } = {
    azEnvironment: 'AzurePublicCloud',
    location: vm.location,
    name: vm.name,
    offer: image.offer,
    osType: os,
    placementGroupId: '',
    platformFaultDomain: '0',
    platformUpdateDomain: '0',
    publisher: image.publisher,
    resourceGroupName: parsed?.resourceGroup ?? '',
    sku: image.sku,
    subscriptionId: parsed?.subscriptionId ?? '',
    tags: Object.entries(tags).map(([k, v]) => `${k}:${v}`).join(';'),
    version: image.version === 'latest' ? '22.04.202601150' : image.version,
    vmId: vm.properties.vmId,
    vmScaleSetName: '',
    vmSize: vm.properties.hardwareProfile.vmSize,
    zone: '',
  };
  if (since('2019-03-11')) {
    compute.resourceId = vm.id;
    compute.provider = 'Microsoft.Compute';
  }
  if (since('2019-06-04')) compute.tagsList = Object.entries(tags).map(([name, value]) => ({ name, value }));
  if (since('2020-07-15')) {
    compute.osProfile = {
      adminUsername: vm.properties.osProfile.adminUsername,
      computerName: vm.properties.osProfile.computerName,
      disablePasswordAuthentication: os === 'Linux' ? 'true' : 'false',
    };
  }
  if (since('2021-01-01')) compute.userData = '';
  if (since('2021-02-01')) {
    compute.securityProfile = { secureBootEnabled: 'true', virtualTpmEnabled: 'true', encryptionAtHost: 'false', securityType: 'TrustedLaunch' };
  }
  const network = {
    interface: [
      {
        ipv4: {
          ipAddress: [{ privateIpAddress: `10.0.0.${4 + ((b[0] ?? 0) % 200)}`, publicIpAddress: '' }],
          subnet: [{ address: '10.0.0.0', prefix: '24' }],
        },
        ipv6: { ipAddress: [] },
        // Azure MACs start 00-0D-3A and print without separators.
        macAddress: `000D3A${b.slice(1, 4).map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}`,
      },
    ],
  };
  return { compute, network };
}

/** Walks `/compute/vmId` style segments; arrays are indexed by number. */
export function selectPath(doc: Json, segments: readonly string[]): Json | undefined {
  let node: Json | undefined = doc;
  for (const seg of segments) {
    if (node === undefined || typeof node === 'string') return undefined;
    if (Array.isArray(node)) {
      node = /^\d+$/.test(seg) ? node[Number(seg)] : undefined;
    } else {
      node = Object.hasOwn(node, seg) ? node[seg] : Object.entries(node).find(([k]) => k.toLowerCase() === seg.toLowerCase())?.[1];
    }
  }
  return node;
}
