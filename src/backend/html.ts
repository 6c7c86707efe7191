// HTML pages → article text and metadata: @mozilla/readability over a linkedom DOM (no scripts run,
// nothing rendered). Paragraphs become lines; the page's metadata gives title, outlet, author, date.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readDate } from '../core/dates';
import type { MetaField } from '../core/documentMeta';
import type { DocumentMeta } from '../core/model';

/** What one HTML page yields for import. */
export interface ExtractedArticle {
  text: string;
  meta: DocumentMeta;
  /** Which page metadata each field was read from ("og:site_name"), for the import preview. */
  from: Partial<Record<MetaField, string>>;
  warnings: string[];
}

/** The few DOM members used here (the Node layer has no DOM types; linkedom provides the objects). */
interface DomElement {
  textContent: string | null;
  parentElement: DomElement | null;
  closest(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  remove(): void;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td';

/** The main text of a news page as plain text, with the page's own metadata. */
export function extractArticle(source: string, url?: string): ExtractedArticle {
  const warnings: string[] = [];
  let html = source;
  let { document } = parseHTML(html);
  // linkedom makes a fragment's first element the document element (and `body` an empty stand-in, or throws
  // when there is none): read anything that is not an <html> page as the body of one.
  if (document.documentElement?.tagName !== 'HTML' || !document.body) {
    html = `<!doctype html><html><head></head><body>${source}</body></html>`;
    ({ document } = parseHTML(html));
  }
  const metaNamed = (...names: string[]): { name: string; value: string } | undefined => {
    for (const name of names) {
      const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
      const value = el?.getAttribute('content')?.trim();
      if (value) return { name, value };
    }
    return undefined;
  };
  const metaContent = (...names: string[]) => metaNamed(...names)?.value;
  const meta: DocumentMeta = {};
  const from: ExtractedArticle['from'] = {};
  const site = metaNamed('og:site_name', 'application-name', 'publisher');
  const author = metaContent('author', 'article:author', 'byl', 'parsely-author', 'sailthru.author');
  const published =
    metaContent(
      'article:published_time',
      'datePublished',
      'pubdate',
      'date',
      'dc.date',
      'DC.date.issued',
      'parsely-pub-date',
    ) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent('og:url') ?? url;

  // Readability mutates the document: give it its own copy.
  const article = new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 100,
  }).parse();
  let text: string;
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    text = blockText(content.body as unknown as DomElement);
  } else {
    warnings.push('no main article found; using all the text of the page');
    for (const el of (document as unknown as DomElement).querySelectorAll('script, style, noscript, template'))
      el.remove();
    text = blockText(document.body as unknown as DomElement);
  }
  const title =
    article?.title?.trim() || metaContent('og:title') || document.querySelector('title')?.textContent?.trim();
  if (title) {
    meta.title = title;
    from.title = 'the page';
  }
  if (site) {
    meta.outlet = site.value;
    from.outlet = site.name;
  } else if (article?.siteName) {
    meta.outlet = article.siteName;
    from.outlet = "the page's publisher (JSON-LD)";
  }
  const byline = author ?? article?.byline?.trim();
  if (byline) {
    meta.author = byline.replace(/^by\s+/i, '');
    from.author = "the page's byline";
  }
  if (canonical && /^https?:\/\//.test(canonical)) {
    meta.url = canonical;
    from.url = "the page's canonical address";
  }
  if (published) {
    const reading = readDate(published);
    if ('iso' in reading) {
      meta.published = reading.iso;
      from.published = "the page's publication date";
    } else {
      meta.publishedRaw = reading.raw;
      warnings.push(`date "${reading.raw}" kept as written: ${reading.problem}`);
    }
  }
  return { text, meta, from, warnings };
}

/** One line per block element (paragraph, heading, list item), whitespace collapsed inside. */
function blockText(root: DomElement): string {
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((el) => !el.parentElement?.closest(BLOCKS));
  const source = blocks.length ? blocks : [root];
  return source
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
