/**
 * Az.ManagedServiceIdentity 2.x (AutoRest-generated): New-, Get-, Remove-AzUserAssignedIdentity
 * (learn.microsoft.com/powershell/module/az.managedserviceidentity: New-AzUserAssignedIdentity example
 * output `Location Name ResourceGroupName`). Models are flattened, properties in alphabetical order
 * as the generator emits them; Remove writes nothing unless -PassThru (then True).
 */
import { arg, missingMandatory, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSHashtable, PSObject } from '../../runtime/values';
import { ARM_RESOURCE, armList, armUrl, requireContext, requireSubscription, send, type AzContext } from './az-context';
import { failAutorest } from './autorest';
import { COMMON_PARAM } from './common-params';
import { resourceGroupOf } from './compute';

// The api-version of Az.ManagedServiceIdentity 2.0.0's generated client (the GA 2023-01-31 API).
const MSI_API = '2023-01-31';
export const PS_IDENTITY = 'Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Models.Identity';
const MODULE = 'ManagedServiceIdentity';

function identityObject(wire: Record<string, unknown>): PSObject {
  const props = (wire.properties ?? {}) as Record<string, unknown>;
  const system = (wire.systemData ?? {}) as Record<string, unknown>;
  const tags = new PSHashtable();
  for (const [k, v] of Object.entries((wire.tags as Record<string, unknown> | null) ?? {})) tags.set(k, v);
  const o = PSObject.from(
    [
      ['ClientId', props.clientId ?? null],
      ['Id', wire.id ?? null],
      ['Location', wire.location ?? null],
      ['Name', wire.name ?? null],
      ['PrincipalId', props.principalId ?? null],
      ['ResourceGroupName', resourceGroupOf(String(wire.id ?? ''))],
      ['SystemDataCreatedAt', system.createdAt ?? null],
      ['SystemDataCreatedBy', system.createdBy ?? null],
      ['SystemDataCreatedByType', system.createdByType ?? null],
      ['SystemDataLastModifiedAt', system.lastModifiedAt ?? null],
      ['SystemDataLastModifiedBy', system.lastModifiedBy ?? null],
      ['SystemDataLastModifiedByType', system.lastModifiedByType ?? null],
      ['Tag', tags],
      ['TenantId', props.tenantId ?? null],
      ['Type', wire.type ?? null],
    ],
    [PS_IDENTITY, 'System.Object'],
  );
  o.stringify = () => PS_IDENTITY;
  return o;
}

const identityPath = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${encodeURIComponent(rg)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent(name)}`;

function target(sub: string, rg: string, name?: string): [string, string][] {
  return [['SubscriptionId', sub], ['ResourceGroupName', rg], ...(name !== undefined ? [['ResourceName', name] as [string, string]] : [])];
}

async function call3(call: CmdletCall, context: AzContext, method: string, path: string, body: unknown, variant: string, tgt: [string, string][]) {
  const result = await send(call, context, method, armUrl(path, MSI_API), ARM_RESOURCE, body);
  if (result.status >= 400) failAutorest(call, result, { module: MODULE, variant, target: tgt });
  return result;
}

const SUBSCRIPTION_PARAM = { name: 'SubscriptionId', type: 'strings' as const };

export const newAzUserAssignedIdentity: CmdletDef = {
  name: 'New-AzUserAssignedIdentity',
  className: 'Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Cmdlets.NewAzUserAssignedIdentity_CreateExpanded',
  synopsis: 'Create or update an identity in the specified subscription and resource group.',
  params: [
    { name: 'Name', type: 'string', mandatory: true, aliases: ['ResourceName'] },
    { name: 'ResourceGroupName', type: 'string', mandatory: true },
    SUBSCRIPTION_PARAM,
    { name: 'Location', type: 'string', mandatory: true },
    { name: 'Tag', type: 'dictionary' },
    { name: 'WhatIf', type: 'switch', aliases: ['wi'] },
    { name: 'Confirm', type: 'switch', aliases: ['cf'] },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const sub = arg<string[]>(call, 'SubscriptionId')?.[0] ?? requireSubscription(call, context).id;
    const rg = arg<string>(call, 'ResourceGroupName')!;
    const name = arg<string>(call, 'Name')!;
    const tags: Record<string, unknown> = {};
    const tag = arg<PSHashtable>(call, 'Tag');
    for (const e of tag?.entries.values() ?? []) tags[String(e.name)] = String(e.value);
    const body = { location: arg<string>(call, 'Location'), ...(tag ? { tags } : {}) };
    const result = await call3(call, context, 'PUT', identityPath(sub, rg, name), body, 'CreateExpanded', target(sub, rg, name));
    return [identityObject(result.json as Record<string, unknown>)];
  },
};

export const getAzUserAssignedIdentity: CmdletDef = {
  name: 'Get-AzUserAssignedIdentity',
  className: 'Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Cmdlets.GetAzUserAssignedIdentity_Get',
  synopsis: 'Gets the identity.',
  params: [
    { name: 'Name', type: 'string', aliases: ['ResourceName'] },
    { name: 'ResourceGroupName', type: 'string' },
    SUBSCRIPTION_PARAM,
    { name: 'InputObject', type: 'object', fromPipeline: true },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const sub = arg<string[]>(call, 'SubscriptionId')?.[0] ?? requireSubscription(call, context).id;
    const rg = arg<string>(call, 'ResourceGroupName');
    const name = arg<string>(call, 'Name');
    if (name !== undefined && rg === undefined) return call.fail(missingMandatory(['ResourceGroupName']));
    if (rg !== undefined && name !== undefined && !/[*?]/.test(name)) {
      const result = await call3(call, context, 'GET', identityPath(sub, rg, name), undefined, 'Get', target(sub, rg, name));
      return [identityObject(result.json as Record<string, unknown>)];
    }
    const path = rg !== undefined ? `/subscriptions/${sub}/resourceGroups/${encodeURIComponent(rg)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities` : `/subscriptions/${sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
    const all = await armList(call, context, path, MSI_API, (r) => failAutorest(call, r, { module: MODULE, variant: rg !== undefined ? 'List1' : 'List', target: [['SubscriptionId', sub], ...(rg !== undefined ? [['ResourceGroupName', rg] as [string, string]] : [])] }));
    const pattern = name ? wildcardToRegExp(name) : null;
    return all.filter((i) => !pattern || pattern.test(String(i.name))).map(identityObject);
  },
};

export const removeAzUserAssignedIdentity: CmdletDef = {
  name: 'Remove-AzUserAssignedIdentity',
  className: 'Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Cmdlets.RemoveAzUserAssignedIdentity_Delete',
  synopsis: 'Deletes the identity.',
  params: [
    { name: 'Name', type: 'string', aliases: ['ResourceName'] },
    { name: 'ResourceGroupName', type: 'string' },
    SUBSCRIPTION_PARAM,
    { name: 'InputObject', type: 'object', fromPipeline: true },
    { name: 'PassThru', type: 'switch' },
    { name: 'WhatIf', type: 'switch', aliases: ['wi'] },
    { name: 'Confirm', type: 'switch', aliases: ['cf'] },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const targets: { sub: string; rg: string; name: string }[] = [];
    const inputs = arg(call, 'InputObject') !== undefined ? [arg(call, 'InputObject')] : (call.input ?? []);
    if (inputs.length === 0) {
      const rg = arg<string>(call, 'ResourceGroupName');
      const name = arg<string>(call, 'Name');
      const missing = [...(name === undefined ? ['Name'] : []), ...(rg === undefined ? ['ResourceGroupName'] : [])];
      if (missing.length) return call.fail(missingMandatory(missing));
      targets.push({ sub: arg<string[]>(call, 'SubscriptionId')?.[0] ?? requireSubscription(call, context).id, rg: rg!, name: name! });
    }
    for (const input of inputs) {
      // An identity object (or anything with an Id) from the pipeline: the DeleteViaIdentity variant.
      const id = input instanceof PSObject ? String(input.get('Id') ?? '') : String(input ?? '');
      const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/]+)$/i.exec(id);
      if (!m) {
        return call.fail({
          exceptionTypes: ['System.Exception'],
          message: 'InputObject has null value for InputObject.SubscriptionId',
          category: 'InvalidArgument',
          fullyQualifiedErrorId: 'Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Cmdlets.RemoveAzUserAssignedIdentity_DeleteViaIdentity',
          unqualified: true,
        });
      }
      targets.push({ sub: m[1]!, rg: m[2]!, name: decodeURIComponent(m[3]!) });
    }
    const out: unknown[] = [];
    for (const t of targets) {
      call.limits.step();
      if (arg(call, 'WhatIf') === true) {
        call.host.writeHost(`What if: Performing the operation "Remove-AzUserAssignedIdentity_Delete" on target "${t.name}".\n`);
        continue;
      }
      await call3(call, context, 'DELETE', identityPath(t.sub, t.rg, t.name), undefined, inputs.length ? 'DeleteViaIdentity' : 'Delete', target(t.sub, t.rg, t.name));
      if (arg(call, 'PassThru') === true) out.push(true);
    }
    return out;
  },
};
