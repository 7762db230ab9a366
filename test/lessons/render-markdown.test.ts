import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderMarkdown } from '../../src/lessons/render-markdown';
import { JSDOM } from 'jsdom';
import { nodeSanitizer } from '../../build/node-sanitizer';

/** Anything in the rendered HTML that could run script: elements, handlers, javascript: URLs. */
function activeContent(html: string): string[] {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  const found: string[] = [];
  for (const el of doc.body.querySelectorAll('*')) {
    if (/^(script|iframe|object|embed|form|style)$/i.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${attr.name}=`);
      if (/^\s*(javascript|vbscript|data):/i.test(attr.value) && /^(href|src|action|xlink:href)$/i.test(attr.name)) {
        found.push(`${attr.name}=${attr.value}`);
      }
    }
  }
  return found;
}

const render = (md: string) => renderMarkdown(md, nodeSanitizer());

describe('lesson markdown', () => {
  it('renders prose, lists and fenced code with its language kept as data', () => {
    const html = render('# Title\n\n- **one**\n\n```bash\ncurl -H Metadata:true "http://169.254.169.254/x?a=1&b=2"\n```\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>one</strong>');
    expect(html).toContain('<pre data-lang="bash"><code class="language-bash">curl -H Metadata:true "http://169.254.169.254/x?a=1&amp;b=2"</code></pre>');
  });

  it.each([
    ['<script>alert(1)</script>', /<script/i],
    ['<img src=x onerror="alert(1)">', /onerror/i],
    ['[click](javascript:alert(1))', /javascript:/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['<svg><script>alert(1)</script></svg>', /<script|<svg/i],
    ['<p style="background:url(https://evil.example)">x</p>', /style=/i],
    ['<form action="https://evil.example"><button>go</button></form>', /<form|<button/i],
    ['```"><script>alert(1)</script>\ncode\n```', /<script/i],
  ])('strips %s', (md, forbidden) => {
    const html = render(md);
    expect(activeContent(html)).toEqual([]);
    // Escaped text is harmless; only live markup matters, so look at tags and attributes.
    expect(html.replace(/&lt;[^]*?&gt;/g, '').replace(/>[^<]*</g, '><')).not.toMatch(forbidden);
  });

  it('never lets script or event handlers through, whatever the input', () => {
    const fragments = fc.constantFrom('<script>x()</script>', '<img src=x onerror=y()>', '<a href="javascript:z()">', '[l](javascript:q)', '<div onclick="w()">', '`', '*', '\n\n', '<', '>', '"', 'text');
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 12 }), (parts) => {
        expect(activeContent(render(parts.join('')))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
