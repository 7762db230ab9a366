import type { ServiceDefinition } from '../service';
export const keyVaultService: ServiceDefinition = {
  service: 'keyvault',
  handlers: () => [],
  tooLarge: () => new Response('', { status: 413 }),
  internalError: () => new Response('', { status: 500 }),
};
