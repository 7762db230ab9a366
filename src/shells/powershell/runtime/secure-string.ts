/**
 * System.Security.SecureString: Out-Default prints its type name (it has no property to show). The text
 * is kept off the property list so Format-List cannot show it (a real SecureString is encrypted in
 * memory), and it does not survive a session snapshot (5.1's DPAPI-bound strings do not survive a
 * machine change either).
 */
import { PSObject } from './values';

const TYPE = 'System.Security.SecureString';

export function secureString(text: string): PSObject {
  const o = new PSObject([TYPE, 'System.Object']);
  o.stringify = () => TYPE;
  Object.defineProperty(o, 'secret', { value: text, enumerable: false });
  return o;
}

export function isSecureString(value: unknown): value is PSObject {
  return value instanceof PSObject && value.typeNames[0] === TYPE;
}

export function plainTextOf(value: unknown): string | undefined {
  return isSecureString(value) ? (value as PSObject & { secret?: string }).secret : undefined;
}
