import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { fillHtmlPartly } from '../../src/lessons/placeholders';
import { previewHtml, previewIntroHtml } from '../../src/lessons/preview-text';

const lessons = await loadLessons('lessons');
const step = (lesson: string, slug: string) => {
  const l = lessons.find((x) => x.slug === lesson)!;
  return { lesson: l, index: l.steps.findIndex((s) => s.slug === slug) };
};

describe('previewHtml: a step shown before its world exists', () => {
  it.each([
    // [lesson, step, shown, not shown]
    ['linux-vm-arm', 'grant-reader', ['myResourceGroup', 'myLinuxVM'], []],
    ['windows-vm-arm', 'grant-reader', ['myResourceGroup', 'myWindowsVM'], []],
    ['linux-vm-arm', 'call-arm', ['&lt;subscriptionId&gt;', 'myResourceGroup'], []],
    ['linux-vm-user-assigned', 'get-a-token', ['&lt;clientId of myUserAssignedIdentity&gt;', '&lt;objectId of myUserAssignedIdentity&gt;', 'myLinuxVM'], []],
    ['linux-vm-storage', 'read-the-blob', [], []],
  ])('%s / %s fills the names its start world fixes and names the ids', (lesson, slug, shown) => {
    const { lesson: l, index } = step(lesson, slug);
    expect(index).toBeGreaterThanOrEqual(0);
    const html = previewHtml(l, index);
    for (const text of shown) expect(html).toContain(text);
    expect(html).not.toContain('{{');
  });

  it('leaves no placeholder in any step of any lesson', () => {
    for (const l of lessons) l.steps.forEach((_, i) => expect(previewHtml(l, i), `${l.slug} step ${i + 1}`).not.toMatch(/\{\{|\}\}/));
  });

  it("leaves no placeholder in any lesson's introduction (step 1's preview shows it)", () => {
    for (const l of lessons) expect(previewIntroHtml(l), l.slug).not.toMatch(/\{\{|\}\}/);
    expect(previewIntroHtml(step('linux-vm-arm', 'enable-identity').lesson)).toContain('myLinuxVM');
  });

  it('refuses a step the lesson does not have', () => {
    expect(() => previewHtml(lessons[0]!, 99)).toThrow(RangeError);
  });
});

describe('fillHtmlPartly', () => {
  it('escapes known values and asks for the rest', () => {
    const html = fillHtmlPartly('<b>{{vmName}}</b> {{subscriptionId}} {{ clientId : my-id }}', { vmName: `<img src=x onerror="1">'` }, (name, arg) => `[${name}${arg ? `/${arg}` : ''}]`);
    expect(html).toBe('<b>&lt;img src=x onerror=&quot;1&quot;&gt;&#39;</b> [subscriptionId] [clientId/my-id]');
  });
});
