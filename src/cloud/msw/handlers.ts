/** Every simulated service's msw handlers in one list, for adapters (setupServer / setupWorker). */
import type { HttpHandler } from 'msw';
import { armService } from '../arm/service';
import { imdsService } from '../imds/service';
import { keyVaultService } from '../keyvault/service';
import { storageService } from '../storage/service';

export function cloudHandlers(): HttpHandler[] {
  return [imdsService, armService, keyVaultService, storageService].flatMap((s) => s.handlers());
}
