import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEmbedParams, parseOrigin, resolveEmbedStep } from '../../../src/ui/embed/embed-params';

describe('embed parameters', () => {
  it('fills defaults: split view, the step panel, auto theme, click to load, silent without a parent origin', () => {
    expect(parseEmbedParams('?lesson=linux-vm-arm')).toEqual({
      ok: true,
      params: { lesson: 'linux-vm-arm', step: null, view: 'split', panels: ['step'], theme: 'auto', readonly: false, hideNav: false, clickToLoad: true, fontSize: null, parentOrigin: null },
    });
  });

  it('reads every parameter', () => {
    const parsed = parseEmbedParams(
      'lesson=linux-vm-arm&step=get-a-token&view=terminal&panels=portal,step&theme=dark&readonly=1&hideNav=true&clickToLoad=0&fontSize=18&parentOrigin=https://docs.example.com',
    );
    expect(parsed).toEqual({
      ok: true,
      params: { lesson: 'linux-vm-arm', step: 'get-a-token', view: 'terminal', panels: ['step', 'portal'], theme: 'dark', readonly: true, hideNav: true, clickToLoad: false, fontSize: 18, parentOrigin: 'https://docs.example.com' },
    });
  });

  it('an empty panels list shows only the VM view', () => {
    const parsed = parseEmbedParams('lesson=a&panels=');
    expect(parsed.ok && parsed.params.panels).toEqual([]);
  });

  it.each([
    ['', /"lesson" is required/],
    ['lesson=Linux VM', /"lesson" must be a lesson slug/],
    ['lesson=a&step=../x', /"step" must be a step slug/],
    ['lesson=a&view=full', /"view" must be one of "terminal", "editor", "split", not "full"/],
    ['lesson=a&theme=blue', /"theme" must be one of "auto", "light", "dark", "high-contrast", not "blue"/],
    ['lesson=a&panels=step,files', /"files" is not one of them/],
    ['lesson=a&readonly=yes', /"readonly" must be 1 or 0, not "yes"/],
    ['lesson=a&fontSize=9', /"fontSize" must be a whole number of pixels from 10 to 32, not "9"/],
    ['lesson=a&fontSize=1e1', /"fontSize" must be a whole number/],
    ['lesson=a&fontSize=33', /"fontSize"/],
    ['lesson=a&parentOrigin=https://docs.example.com/', /"parentOrigin" must be an http\(s\) origin/],
    ['lesson=a&parentOrigin=https://docs.example.com/page', /"parentOrigin"/],
    ['lesson=a&parentOrigin=javascript:alert(1)', /"parentOrigin"/],
    ['lesson=a&parentOrigin=*', /"parentOrigin"/],
    ['lesson=a&hidenav=1', /Unknown parameter "hidenav" — did you mean "hideNav"\?/],
    ['lesson=a&utm_source=x', /Unknown parameter "utm_source"\. Known parameters: lesson, step/],
    ['lesson=a&lesson=b', /"lesson" is given more than once/],
  ])('%j is refused with a specific message', (query, message) => {
    const parsed = parseEmbedParams(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join('\n')).toMatch(message);
  });

  it('reports every problem at once', () => {
    const parsed = parseEmbedParams('view=x&theme=y&fontSize=z');
    expect(parsed.ok ? [] : parsed.errors).toHaveLength(4);
  });

  it('never throws, and anything it accepts is within the documented values', () => {
    const names = fc.constantFrom('lesson', 'step', 'view', 'panels', 'theme', 'readonly', 'hideNav', 'clickToLoad', 'fontSize', 'parentOrigin', 'x');
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.string({ maxLength: 30 })), { maxLength: 8 }), (pairs) => {
        const parsed = parseEmbedParams(new URLSearchParams(pairs));
        if (!parsed.ok) {
          expect(parsed.errors.length).toBeGreaterThan(0);
          return;
        }
        const p = parsed.params;
        expect(['terminal', 'editor', 'split']).toContain(p.view);
        expect(['auto', 'light', 'dark', 'high-contrast']).toContain(p.theme);
        if (p.fontSize !== null) expect(p.fontSize).toBeGreaterThanOrEqual(10);
        if (p.parentOrigin !== null) expect(new URL(p.parentOrigin).origin).toBe(p.parentOrigin);
      }),
    );
  });

  it.each([
    ['https://docs.example.com', 'https://docs.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['HTTPS://Docs.Example.com', null],
    ['https://docs.example.com:443', null],
    ['file:///etc', null],
    ['null', null],
  ])('origin %j → %j', (value, origin) => {
    expect(parseOrigin(value)).toBe(origin);
  });
});

describe('resolving the embedded step', () => {
  const lessons = [{ slug: 'linux-vm-arm', steps: [{ slug: 'enable-identity' }, { slug: 'get-a-token' }] }];
  it.each([
    [{ lesson: 'linux-vm-arm', step: null }, { ok: true, lessonIndex: 0, stepIndex: 0 }],
    [{ lesson: 'linux-vm-arm', step: 'get-a-token' }, { ok: true, lessonIndex: 0, stepIndex: 1 }],
  ])('%j', (params, result) => {
    expect(resolveEmbedStep(params, lessons)).toEqual(result);
  });
  it('names the lessons or steps there are when one is missing', () => {
    expect(resolveEmbedStep({ lesson: 'nope', step: null }, lessons)).toEqual({ ok: false, error: 'There is no lesson "nope". Lessons: linux-vm-arm.' });
    expect(resolveEmbedStep({ lesson: 'linux-vm-arm', step: 'nope' }, lessons)).toEqual({
      ok: false,
      error: 'Lesson "linux-vm-arm" has no step "nope". Steps: enable-identity, get-a-token.',
    });
  });
});
