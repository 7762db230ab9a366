import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRoute, routePath } from '../../src/ui/routing/route';

describe('routes', () => {
  it.each([
    ['/', { name: 'home' }],
    ['', { name: 'home' }],
    ['/sandbox', { name: 'sandbox' }],
    ['/sandbox/', { name: 'sandbox' }],
    ['/embed', { name: 'embed' }],
    ['/embed/x', { name: 'notFound', path: '/embed/x' }],
    ['/docs/embedding', { name: 'embedGuide' }],
    ['/docs/embedding/', { name: 'embedGuide' }],
    ['/docs/ARCHITECTURE', { name: 'notFound', path: '/docs/ARCHITECTURE' }],
    ['/lessons/linux-vm-arm', { name: 'lesson', lesson: 'linux-vm-arm', step: null }],
    ['/lessons/linux-vm-arm/get-a-token', { name: 'lesson', lesson: 'linux-vm-arm', step: 'get-a-token' }],
    ['/lessons/linux-vm-arm/cheat-sheet', { name: 'cheatSheet', lesson: 'linux-vm-arm' }],
    ['/lessons/linux-vm-arm/cheat-sheet/', { name: 'cheatSheet', lesson: 'linux-vm-arm' }],
    ['/lessons/no-such-lesson/cheat-sheet', { name: 'cheatSheet', lesson: 'no-such-lesson' }],
    ['/lessons/Linux/cheat-sheet', { name: 'notFound', path: '/lessons/Linux/cheat-sheet' }],
    ['/lessons/linux-vm-arm/cheat-sheet/x', { name: 'notFound', path: '/lessons/linux-vm-arm/cheat-sheet/x' }],
    ['/lessons/Linux/x', { name: 'notFound', path: '/lessons/Linux/x' }],
    ['/lessons/a/b/c', { name: 'notFound', path: '/lessons/a/b/c' }],
    ['/lessons/<script>', { name: 'notFound', path: '/lessons/<script>' }],
    ['/%E0%A4%A', { name: 'notFound', path: '/%E0%A4%A' }],
    ['/nope', { name: 'notFound', path: '/nope' }],
  ])('%j', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('round-trips every route it accepts and never throws on any path', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const route = parseRoute('/' + s);
        if (route.name !== 'notFound') expect(parseRoute(routePath(route))).toEqual(route);
      }),
    );
  });
});
