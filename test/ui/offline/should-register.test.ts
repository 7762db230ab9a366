import { describe, expect, it } from 'vitest';
import { shouldRegisterOfflineShell, type PageFacts } from '../../../src/ui/offline/should-register';

const app: PageFacts = { production: true, pathname: '/', topLevel: true, serviceWorkerApi: true };

describe('shouldRegisterOfflineShell', () => {
  it.each<[string, Partial<PageFacts>, boolean]>([
    ['the built app at /', {}, true],
    ['a lesson step', { pathname: '/lessons/linux-vm-arm/get-a-token' }, true],
    ['the sandbox', { pathname: '/sandbox' }, true],
    ['an unknown page (it still gets the shell)', { pathname: '/nope' }, true],
    ['the dev server', { production: false }, false],
    ['inside an iframe', { topLevel: false }, false],
    ['a browser without the API', { serviceWorkerApi: false }, false],
    ['/embed served by the app', { pathname: '/embed' }, false],
    ['/embed/', { pathname: '/embed/' }, false],
    ['/embed.html', { pathname: '/embed.html' }, false],
    ['a path that merely starts with embed', { pathname: '/embedded-notes' }, true],
  ])('%s → %s', (_name, facts, expected) => {
    expect(shouldRegisterOfflineShell({ ...app, ...facts })).toBe(expected);
  });
});
