/**
 * The create-identity form's name rule. Azure accepts 3–128 characters of letters, digits,
 * hyphens and underscores, starting with a letter or digit (the portal validates as you type;
 * ARM rejects the rest with InvalidResourceName). The portal says why, so this does too.
 */
export function validateIdentityName(raw: string): string | null {
  const name = raw.trim();
  if (name.length < 3) return 'The name must be at least 3 characters long.';
  if (name.length > 128) return 'The name must be at most 128 characters long.';
  if (!/^[A-Za-z0-9]/.test(name)) return 'The name must start with a letter or a digit.';
  const bad = /[^A-Za-z0-9_-]/.exec(name);
  if (bad) return `The name cannot contain '${bad[0]}': use letters, digits, hyphens and underscores.`;
  return null;
}

/** Regions offered in the create form: a handful of real Azure region names (the sandbox has no region catalog). */
export const IDENTITY_REGIONS = ['eastus', 'eastus2', 'westus2', 'westeurope', 'northeurope', 'uksouth', 'southeastasia', 'australiaeast'] as const;
