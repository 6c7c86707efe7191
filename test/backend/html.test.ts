import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/backend/html';

const body = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1}: demonstrations continued in several cities as prices rose and the rial fell further against the dollar.</p>`,
  ).join('\n');

const PAGE = `<!doctype html><html><head>
<title>Protests spread | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Protests spread across the country">
<meta name="author" content="By Jane Roe">
<meta property="article:published_time" content="2026-01-16T09:30:00Z">
<link rel="canonical" href="https://news.example/protests">
<script>window.__evil = 1; alert('x')</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Protests spread across the country</h1>
${body(6)}
<p>An attacker wrote &lt;script&gt;alert(1)&lt;/script&gt; and <img src=x onerror="alert(2)"> here.</p>
</article>
<footer>Most popular stories</footer>
</body></html>`;

describe('extractArticle', () => {
  it('extracts the article paragraphs as lines and the page metadata', () => {
    const a = extractArticle(PAGE);
    expect(a.meta).toEqual({
      title: 'Protests spread across the country',
      outlet: 'Example News',
      author: 'Jane Roe',
      published: '2026-01-16',
      url: 'https://news.example/protests',
    });
    const lines = a.text.split('\n');
    expect(lines.some((l) => l.startsWith('Paragraph 1: demonstrations'))).toBe(true);
    expect(a.text).not.toContain('Home');
    expect(a.text).not.toContain('window.__evil');
  });

  it('keeps markup inside the text as text, never as elements', () => {
    const a = extractArticle(PAGE);
    expect(a.text).toContain('<script>alert(1)</script>');
  });

  it('keeps a malformed date as written and says so', () => {
    const a = extractArticle(PAGE.replace('2026-01-16T09:30:00Z', '16/01/20267'));
    expect(a.meta.published).toBeUndefined();
    expect(a.meta.publishedRaw).toBe('16/01/20267');
    expect(a.warnings.join()).toMatch(/kept as written/);
  });
});
