// Saved web pages: the main article text and the page's metadata. Extraction (readability over linkedom)
// is lent by the backend as a service: readability's types need the DOM library that core's tsconfig
// leaves out, and the renderer, which imports the registry for its option data, must not bundle linkedom.
import { checkId, FormatError, fileStem, textFiles } from './common';
import { baseName } from './txt';
import type { Format } from './types';

export const html: Format = {
  name: 'html',
  title: "saved web pages: the main article text and the page's metadata (readability)",
  extensions: ['.html', '.htm'],
  reads: ['.html', '.htm'],
  input: 'text',
  offsets: 'none',
  folder: false,
  cleanup: true,
  extractsArticles: true,
  carries: ['documents', 'metadata'],
  loses: ['page markup, links and images (only the main article text is kept)'],
  text: {
    bom: 'not part of the page text',
    crlf: 'paragraphs become lines separated by LF',
    nfc: 'kept',
    equalTexts: "a page whose text equals another document's is skipped and listed, unless --keep-duplicates",
  },
  importOptions: [],
  exportOptions: [],
  *parse(files, _options, ctx, services) {
    const extract = services.extractArticle;
    if (!extract) throw new Error('html import needs the article extractor the backend provides');
    for (const f of textFiles(files)) {
      const id = checkId(fileStem(f.path), f.path, 0);
      let article: ReturnType<typeof extract>;
      try {
        article = extract(f.text);
      } catch (error) {
        throw new FormatError(f.path, 0, `could not read the page as HTML (${(error as Error).message})`);
      }
      for (const w of article.warnings) ctx.warn(w, f.path);
      yield {
        id,
        text: article.text,
        meta: { source: baseName(f.path), ...article.meta },
        ...(article.from ? { metaFrom: article.from } : {}),
        spans: [],
        docLabels: {},
        raw: true,
        where: { file: f.path, line: 0 },
      };
    }
  },
};
