import { describe, expect, it } from 'vitest';
import { nodeSanitizer } from '../../build/node-sanitizer.ts';
import { encodeFenceActions, renderLessonMarkdown } from '../../src/lessons/code-fences.ts';

const render = (md: string) => renderLessonMarkdown(md, nodeSanitizer());

describe('code fences with actions', () => {
  it.each([
    { fence: '```bash run', html: '<pre data-lang="bash" data-actions="run"><code class="language-bash">' },
    { fence: '```powershell insert', html: '<pre data-lang="powershell" data-actions="insert"><code class="language-powershell">' },
    { fence: '```bash run insert', html: '<pre data-lang="bash" data-actions="run insert"><code class="language-bash">' },
    { fence: '~~~bash run run', html: '<pre data-lang="bash" data-actions="run"><code class="language-bash">' },
    { fence: '```bash', html: '<pre data-lang="bash"><code class="language-bash">' },
  ])('$fence', ({ fence, html }) => {
    const close = fence.startsWith('~') ? '~~~' : '```';
    const out = render(`${fence}\necho hi\n${close}\n`);
    expect(out.problems).toEqual([]);
    expect(out.html).toContain(`${html}echo hi</code></pre>`);
  });

  it('reports unknown actions and actions without a language, by line', () => {
    expect(encodeFenceActions('text\n\n```bash execute\nx\n```').problems).toEqual([{ line: 3, message: "unknown code-fence action 'execute' (known: run, insert)" }]);
    expect(encodeFenceActions('``` run\nx\n```').problems).toEqual([]);
    expect(encodeFenceActions('```run insert\nx\n```').problems[0]?.message).toMatch(/needs a language first/);
  });

  it('leaves fence-like lines inside a code block alone', () => {
    const md = '````md\n```bash execute\n````\n';
    expect(encodeFenceActions(md)).toEqual({ markdown: md, problems: [] });
  });

  it('cannot be used to smuggle attributes: content is still sanitized', () => {
    const out = render('```bash run\n"><script>alert(1)</script>\n```\n\n<img src=x onerror="alert(1)">\n');
    expect(out.html).not.toMatch(/<script|onerror/);
    expect(out.html).toContain('data-actions="run"');
  });
});
