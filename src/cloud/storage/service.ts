import type { ServiceDefinition } from '../service';
export const storageService: ServiceDefinition = {
  service: 'storage',
  handlers: () => [],
  tooLarge: () => new Response('', { status: 413 }),
  internalError: () => new Response('', { status: 500 }),
};
