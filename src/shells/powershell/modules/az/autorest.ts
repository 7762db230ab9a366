/**
 * How the AutoRest-generated Az modules (Az.ManagedServiceIdentity 2.x, the Az.Resources MSGraph
 * cmdlets) report a service failure: the public cmdlet is a proxy over a variant cmdlet named
 * `<Cmdlet>_<Variant>` (Get-AzUserAssignedIdentity_Get), and that name is what the error record shows;
 * the message is the service's own; the category is InvalidOperation with the call's parameters as an
 * anonymous object for target; the id is the service's error code. The exact anonymous type name
 * (`<>f__AnonymousType0`3`) differs between builds; the one here is of the real form.
 */
import type { CmdletCall } from '../../engine/cmdlet';
import { armErrorOf, type HttpResult } from './az-context';

/** ErrorCategoryInfo's cut of a long target name in 5.1: 15 characters, `...`, the last 15. */
export function ellipsize(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 15)}...${text.slice(-15)}`;
}

export function failAutorest(call: CmdletCall, result: HttpResult, opts: { module: string; variant: string; target: [string, string][] }): never {
  const { code, message } = armErrorOf(result);
  const variantName = `${call.def.name}_${opts.variant}`;
  const target = `{ ${opts.target.map(([k, v]) => `${k} = ${v}`).join(', ')} }`;
  return call.fail({
    exceptionTypes: [`Microsoft.Azure.PowerShell.Cmdlets.${opts.module}.Runtime.RestException\`1`, 'System.Exception'],
    message,
    category: 'InvalidOperation',
    targetName: ellipsize(target),
    targetType: `<>f__AnonymousType0\`${opts.target.length}`,
    activity: variantName,
    invocationName: variantName,
    fullyQualifiedErrorId: `${code},Microsoft.Azure.PowerShell.Cmdlets.${opts.module}.Cmdlets.${variantName.replace(/-/g, '')}`,
  });
}
