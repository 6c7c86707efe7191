// Builds documents.json (the sample project's two articles) from the raw scrapes.
// Usage: node scripts/sample/make-documents.mjs [RAW_DIR]   (default: ../shared/corpus/raw)
// Every cleaning step is an explicit, checked rule: if a raw file is not laid out as expected,
// the script stops instead of guessing. See README.md beside this file for the reasons.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const rawDir = resolve(process.argv[2] ?? join(here, '..', '..', '..', 'shared', 'corpus', 'raw'));

function fail(msg) {
  console.error(`make-documents: ${msg}`);
  process.exit(1);
}
function expect(cond, msg) {
  if (!cond) fail(msg);
}
function lines(file) {
  const raw = readFileSync(join(rawDir, file), 'utf8');
  expect(!raw.includes('\r'), `${file}: unexpected CR line ends`);
  expect(raw === raw.normalize('NFC'), `${file}: text is not NFC`);
  return raw.replace(/\n+$/, '').split('\n');
}

// --- 000: outlet not named in the file (see README) -------------------------------------------
function doc000() {
  const id = '000_e19e2984cdeb2e20';
  const L = lines(`${id}.txt`);
  // Line 0: the title cut off mid-word (a scraped <title>/og:title); line 1: the full title.
  expect(L[1].startsWith(L[0]) && L[1].length > L[0].length, `${id}: line 0 is not a truncated copy of line 1`);
  const title = L[1];
  // Line 2: the byline (initials, as the outlet prints them).
  expect(L[2] === 'M.U.H', `${id}: byline line changed: ${JSON.stringify(L[2])}`);
  // Line 3: the date as printed: "16/01/20267", not a valid date (a five-digit year).
  expect(L[3] === '16/01/20267', `${id}: date line changed: ${JSON.stringify(L[3])}`);
  const body = L.slice(4);
  expect(
    body.every((l) => l.trim() !== '' && l === l.trim()),
    `${id}: blank or padded body line`,
  );
  expect(body.includes("Million-strong marches show Iran's reality: Putin"), `${id}: subheading missing`);
  return {
    id,
    text: body.join('\n'),
    meta: {
      title,
      publishedRaw: L[3],
      author: L[2],
      story: 'putin-pezeshkian-call',
      source: `corpus/raw/${id}.txt (web scrape; the outlet is not named in the file)`,
    },
  };
}

// --- 001: MENAFN --------------------------------------------------------------------------------
function doc001() {
  const id = '001_3fc97e4f2f91e271';
  const L = lines(`${id}.txt`);
  // Line 0: scraper header " date 2026-01-19 403" (a date and, apparently, an HTTP status).
  const m = /^\s*date (\d{4}-\d{2}-\d{2}) 403$/.exec(L[0]);
  expect(m, `${id}: date header changed: ${JSON.stringify(L[0])}`);
  // Lines 1–2: an error page's text, not the article.
  expect(L[1] === 'Sorry!!' && L[2].startsWith("Error! We're sorry"), `${id}: error page lines changed`);
  // Line 3: the title.
  const title = L[3];
  expect(title === 'Putin Holds Phone Talks with Iran’s Pezeshkian', `${id}: title line changed`);
  // The body runs to the legal disclaimer, and everything after the "(MENAFN)" lead paragraph is
  // printed twice in a row (the lead once, then paragraphs 2–9, then paragraphs 2–9 again).
  const end = L.indexOf('Legal Disclaimer:');
  expect(end > 4, `${id}: no "Legal Disclaimer:" line`);
  const lead = L[4];
  expect(lead.startsWith('(MENAFN) '), `${id}: body does not start with the wire dateline`);
  const rest = L.slice(5, end);
  expect(rest.length % 2 === 0, `${id}: body after the lead is not printed twice`);
  const half = rest.length / 2;
  expect(
    rest.slice(0, half).join('\n') === rest.slice(half).join('\n'),
    `${id}: second copy of the body differs from the first`,
  );
  expect(!rest.slice(0, half).includes(lead), `${id}: lead paragraph repeated`);
  const first = [lead, ...rest.slice(0, half)];
  expect(
    first.every((l) => l.trim() !== '' && l === l.trim()),
    `${id}: blank or padded body line`,
  );
  // After the body: disclaimer, "Most popular stories", "Market Research", an unrelated headline,
  // "CommentsNo comment": all dropped.
  return {
    id,
    text: first.join('\n'),
    meta: {
      title,
      outlet: 'MENAFN',
      published: m[1],
      story: 'putin-pezeshkian-call',
      source: `corpus/raw/${id}.txt (web scrape)`,
    },
  };
}

const docs = [doc000(), doc001()];
for (const d of docs) {
  expect(!/[\uD800-\uDFFF]/.test(d.text), `${d.id}: astral characters: JS indices would differ from code points`);
  expect(!d.text.includes(d.meta.title), `${d.id}: title repeated in the body`);
}
writeFileSync(join(here, 'documents.json'), `${JSON.stringify(docs, null, 2)}\n`);
for (const d of docs)
  console.log(`${d.id}: ${d.text.split('\n').length} paragraphs, ${[...d.text].length} code points`);
