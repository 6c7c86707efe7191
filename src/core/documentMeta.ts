// Document metadata: what an article's own text and page say about its outlet (a wire dateline such as
// "(MENAFN)" or "TEHRAN (Tasnim) –", the page's site name, the URL's domain, a byline naming an agency),
// and the checks every metadata edit passes. Detection only proposes: the import preview shows each value
// with what it was read from, the user confirms or corrects it, and the text is never touched.
import { readDate } from './dates';
import type { DocumentMeta } from './model';
import { UNKNOWN_OUTLET } from './outlets';
import { stableLine } from './stableJson';

/** The metadata fields a person edits, in the order forms show them. */
export const META_FIELDS = ['outlet', 'published', 'title', 'url', 'story', 'author'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** One value found for a field, and what it was read from (shown beside it in the import preview). */
export interface MetaFinding {
  field: MetaField;
  value: string;
  from: string;
}

/** Detected metadata: the proposal, and every value found (the proposal's first, then alternatives). */
export interface DetectedMeta {
  meta: DocumentMeta;
  found: MetaFinding[];
}

/** An outlet Frame Lens recognises by name, dateline code, or web domain. */
interface KnownOutlet {
  name: string;
  aliases?: string[];
  /** What its datelines carry: "(AP)", "(Reuters)", "Tehran, IRNA –", "(MENAFN- Provider)". */
  codes?: string[];
  domains?: string[];
}

/** Outlets whose datelines, names and domains are recognised. Anything else is proposed as written. */
export const KNOWN_OUTLETS: readonly KnownOutlet[] = [
  {
    name: 'AP',
    aliases: ['Associated Press', 'The Associated Press', 'AP News'],
    codes: ['AP'],
    domains: ['apnews.com', 'ap.org'],
  },
  { name: 'Reuters', aliases: ['Thomson Reuters'], codes: ['Reuters'], domains: ['reuters.com'] },
  { name: 'AFP', aliases: ['Agence France-Presse', 'Agence France Presse'], codes: ['AFP'], domains: ['afp.com'] },
  {
    name: 'MENAFN',
    aliases: ['Middle East North Africa Financial Network'],
    codes: ['MENAFN'],
    domains: ['menafn.com'],
  },
  { name: 'IRNA', aliases: ['Islamic Republic News Agency'], codes: ['IRNA'], domains: ['irna.ir'] },
  { name: 'Tasnim', aliases: ['Tasnim News Agency', 'Tasnim News'], codes: ['Tasnim'], domains: ['tasnimnews.com'] },
  { name: 'Mehr News', aliases: ['Mehr News Agency', 'Mehr'], codes: ['MNA'], domains: ['mehrnews.com'] },
  { name: 'Fars News', aliases: ['Fars News Agency', 'Fars'], codes: ['FNA'], domains: ['farsnews.ir'] },
  { name: 'Nour News', aliases: ['NourNews'], codes: ['NOURNEWS'], domains: ['nournews.ir'] },
  { name: 'Press TV', aliases: ['PressTV'], domains: ['presstv.ir', 'presstv.com'] },
  { name: 'Tehran Times', domains: ['tehrantimes.com'] },
  { name: 'Xinhua', aliases: ['Xinhua News Agency'], codes: ['Xinhua'], domains: ['xinhuanet.com', 'news.cn'] },
  { name: 'TASS', codes: ['TASS'], domains: ['tass.com', 'tass.ru'] },
  { name: 'RT', aliases: ['Russia Today'], domains: ['rt.com'] },
  { name: 'Anadolu', aliases: ['Anadolu Agency', 'Anadolu Ajansı'], codes: ['AA'], domains: ['aa.com.tr'] },
  { name: 'dpa', aliases: ['Deutsche Presse-Agentur'], codes: ['dpa'], domains: ['dpa.com'] },
  { name: 'UPI', aliases: ['United Press International'], codes: ['UPI'], domains: ['upi.com'] },
  { name: 'CNN', codes: ['CNN'], domains: ['cnn.com'] },
  { name: 'BBC News', aliases: ['BBC'], domains: ['bbc.com', 'bbc.co.uk'] },
  { name: 'Al Jazeera', aliases: ['Al Jazeera English', 'Aljazeera'], domains: ['aljazeera.com', 'aljazeera.net'] },
  { name: 'The New York Times', aliases: ['New York Times', 'NYTimes'], domains: ['nytimes.com'] },
  { name: 'The Washington Post', aliases: ['Washington Post'], domains: ['washingtonpost.com'] },
  { name: 'The Guardian', aliases: ['the Guardian', 'Guardian'], domains: ['theguardian.com'] },
  { name: 'Le Monde', aliases: ['Le Monde.fr'], domains: ['lemonde.fr'] },
];

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
const byName = new Map<string, KnownOutlet>();
const byCode = new Map<string, KnownOutlet>();
for (const o of KNOWN_OUTLETS) {
  for (const n of [o.name, ...(o.aliases ?? [])]) byName.set(fold(n), o);
  for (const c of o.codes ?? []) byCode.set(fold(c), o);
}

/** The recognised outlet a name stands for ("AP News" → AP), else the name as written, trimmed. */
export function canonicalOutlet(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  return (byName.get(fold(trimmed)) ?? byCode.get(fold(trimmed)))?.name ?? trimmed;
}

/** The host of an http(s) URL without "www.", lower case (null when it is not one). */
export function urlDomain(url: string): string | null {
  const m = url.trim().match(/^https?:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i);
  if (!m) return null;
  const host = m[1].toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9.-]+\.[a-z0-9-]+$/.test(host)) return null;
  return host.replace(/^www\d?\./, '');
}

/** The outlet a URL's domain names: a recognised one, else the domain itself. */
export function outletFromUrl(url: string): { outlet: string; domain: string } | null {
  const domain = urlDomain(url);
  if (!domain) return null;
  const known = KNOWN_OUTLETS.find((o) => (o.domains ?? []).some((d) => domain === d || domain.endsWith(`.${d}`)));
  return { outlet: known?.name ?? domain, domain };
}

/** A wire-service dateline at the start of one of an article's first lines. */
export interface Dateline {
  /** The outlet the dateline's code names. */
  outlet: string;
  /** The dateline as written ("TEHRAN (Tasnim) –"). */
  text: string;
  /** "(MENAFN- Gulf Times)": the outlet MENAFN distributes the text for. */
  provider?: string;
}

const DASH = '[-\u2010-\u2015\u2212]';
// One capitalised word of a place name ("AUSTIN", "New", "Texas"); an all-capitals place for unknown codes.
const WORD = "\\p{Lu}[\\p{L}\\p{M}.'\u2019-]*";
const CAPS = "\\p{Lu}[\\p{Lu}\\p{M}.'\u2019-]*";
const MONTH_DAY = '\\p{Lu}\\p{Ll}{2,8}\\.?\\s+\\d{1,2}';
const PLACE = `${WORD}(?:(?:\\s+|,\\s*)${WORD}){0,4}`;
const CAPS_PLACE = `${CAPS}(?:(?:\\s+|,\\s*)${CAPS}){0,4}`;
const CODE = "[\\p{L}][\\p{L}\\p{M}.'\u2019 ]{0,28}[\\p{L}.]|\\p{L}";
// "AUSTIN, Texas (AP) — …", "HOUSTON, Jan 27 (Reuters) - …", "(MENAFN) …", "(MENAFN- Daily News Egypt) …"
const PARENS = new RegExp(
  `^(?:(${PLACE})(?:,\\s*${MONTH_DAY})?\\s+)?\\((${CODE})(?:\\s*${DASH}\\s*([^()]{2,80}?))?\\)(\\s*${DASH}{1,2}\\s*(?=\\S)|\\s+(?=\\S)|\\s*$)`,
  'u',
);
// "Tehran, IRNA – …"
const PLACE_CODE = new RegExp(`^(${PLACE}),\\s*(${CODE})\\s*${DASH}{1,2}\\s+(?=\\S)`, 'u');
// "NOURNEWS- …"
const CODE_DASH = new RegExp(`^(${CODE})${DASH}{1,2}\\s+(?=\\S)`, 'u');
// A byline scraped onto the dateline's line: "By JONATHAN J. COOPER … NEW YORK (AP) — …"
const AFTER_BYLINE = new RegExp(`^By\\s[^()\\n]{1,250}?\\s(\\((${CODE})\\)\\s*${DASH}{1,2})\\s+(?=\\S)`, 'u');
const CAPS_ONLY = new RegExp(`^${CAPS_PLACE}$`, 'u');

/** How many of an article's first lines are searched for a dateline (headers and scraper lines come first). */
const DATELINE_LINES = 12;

/** The dateline of one line, or null. Unknown codes count only after an all-capitals place and before a dash. */
function datelineOf(line: string): Dateline | null {
  let m = line.match(PARENS);
  if (m) {
    const [whole, place, code, provider, after] = m;
    const known = byCode.get(fold(code));
    const strict = place !== undefined && CAPS_ONLY.test(place) && new RegExp(DASH, 'u').test(after);
    if (known || strict)
      return {
        outlet: known?.name ?? code.trim(),
        text: whole.trim(),
        ...(provider ? { provider: provider.trim() } : {}),
      };
  }
  m = line.match(PLACE_CODE);
  if (m && byCode.has(fold(m[2]))) return { outlet: (byCode.get(fold(m[2])) as KnownOutlet).name, text: m[0].trim() };
  m = line.match(CODE_DASH);
  if (m && byCode.has(fold(m[1]))) return { outlet: (byCode.get(fold(m[1])) as KnownOutlet).name, text: m[0].trim() };
  m = line.match(AFTER_BYLINE);
  if (m && byCode.has(fold(m[2]))) return { outlet: (byCode.get(fold(m[2])) as KnownOutlet).name, text: m[1].trim() };
  return null;
}

/** The first dateline at the start of one of the article's first lines. */
export function findDateline(text: string): Dateline | null {
  let seen = 0;
  for (const raw of text.slice(0, 20_000).split('\n')) {
    const line = raw.replace(/^[\s\uFEFF]+/, '');
    if (!line) continue;
    const found = datelineOf(line);
    if (found) return found;
    if (++seen >= DATELINE_LINES) break;
  }
  return null;
}

/** A recognised outlet a byline names ("By Jon Gambrell, Associated Press"); initials such as "M.U.H" name none. */
export function outletInByline(byline: string): string | null {
  const b = ` ${fold(byline).replace(/[,;|/()·•–—-]+/g, ' ')} `;
  for (const o of KNOWN_OUTLETS) {
    const names = [o.name, ...(o.aliases ?? [])].filter((n) => n.length > 3);
    if (names.some((n) => b.includes(` ${fold(n)} `))) return o.name;
    // Codes only as written: "AP" in "By Jon Gambrell, AP", never "ap" inside a name.
    if ((o.codes ?? []).some((c) => new RegExp(`(^|[^\\p{L}])${c}([^\\p{L}]|$)`, 'u').test(byline))) return o.name;
  }
  return null;
}

/** What detection is told about one article. */
export interface DetectInput {
  text: string;
  /** Metadata as the source gave it. */
  meta: DocumentMeta;
  /** Fields the format read from page metadata rather than from the user's data ("og:site_name"). */
  from?: Partial<Record<MetaField, string>>;
  /** Outlet names already in the project: a proposal that names the same outlet takes their spelling. */
  outlets?: readonly string[];
}

/**
 * Proposes an outlet when the source gave none (or gave a page's site name, which is tidied: "AP News" → AP,
 * "http://www.tmz.com" → tmz.com). In order: the source's own field, the page's site name, the URL's domain,
 * a dateline, a byline naming an agency. The proposal is the first; the others are kept as alternatives.
 */
export function detectMeta(input: DetectInput): DetectedMeta {
  const { text, from = {} } = input;
  const meta: DocumentMeta = { ...input.meta };
  const found: MetaFinding[] = [];
  const note = (field: MetaField, value: string, why: string) => {
    if (!found.some((f) => f.field === field && f.value === value)) found.push({ field, value, from: why });
  };
  for (const field of META_FIELDS) {
    const value = meta[field];
    if (field !== 'outlet' && value) note(field, value, from[field] ?? 'the source');
  }
  const given = meta.outlet?.trim();
  if (given && !from.outlet) note('outlet', given, 'the source');
  else if (given) {
    const site = /^https?:\/\//i.test(given) ? outletFromUrl(given)?.outlet : canonicalOutlet(given);
    if (site) note('outlet', site, `${from.outlet} “${given}”`);
  }
  if (meta.url) {
    const u = outletFromUrl(meta.url);
    if (u) note('outlet', u.outlet, `the URL's domain ${u.domain}`);
  }
  const dateline = findDateline(text);
  if (dateline) {
    note('outlet', dateline.outlet, `the dateline “${dateline.text}”`);
    if (dateline.provider)
      note('outlet', dateline.provider, `the dateline “${dateline.text}” (the outlet ${dateline.outlet} distributes)`);
  }
  if (meta.author) {
    const agency = outletInByline(meta.author);
    if (agency) note('outlet', agency, `the byline “${meta.author}”`);
  }
  const spelled = (name: string) =>
    input.outlets?.find((o) => fold(o) === fold(name) || canonicalOutlet(o) === canonicalOutlet(name)) ?? name;
  for (const f of found) if (f.field === 'outlet') f.value = spelled(f.value);
  const outlets = found.filter((f) => f.field === 'outlet');
  const unique = found
    .filter((f, i) => found.findIndex((g) => g.field === f.field && g.value === f.value) === i)
    .sort((a, b) => META_FIELDS.indexOf(a.field) - META_FIELDS.indexOf(b.field));
  if (outlets.length) meta.outlet = outlets[0].value;
  else delete meta.outlet;
  return { meta, found: unique };
}

// ---- Edits ----

/** Strings trimmed, empty fields left out: how an edit is stored. */
export function tidyMeta(meta: DocumentMeta): DocumentMeta {
  const out: DocumentMeta = {};
  for (const [key, value] of Object.entries(meta) as [keyof DocumentMeta, string | undefined][]) {
    const v = value?.trim();
    if (v) out[key] = v;
  }
  return out;
}

/** Why an edit cannot be stored, or null. A date must be a real YYYY-MM-DD; "(unknown)" is no outlet's name. */
export function metaProblem(meta: DocumentMeta): string | null {
  if (meta.published !== undefined) {
    const reading = readDate(meta.published);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.published.trim()) || !('iso' in reading))
      return `published date "${meta.published}" is not a date written YYYY-MM-DD${'problem' in reading ? ` (${reading.problem})` : ''}`;
  }
  if (meta.outlet !== undefined && meta.outlet.trim() === UNKNOWN_OUTLET)
    return `"${UNKNOWN_OUTLET}" is what documents without an outlet are listed under; leave the outlet empty instead`;
  for (const [key, value] of Object.entries(meta))
    if (typeof value === 'string' && value.length > 2000) return `${key} is longer than 2,000 characters`;
  return null;
}

/** Whether two metadata objects hold the same values (key order and absent keys do not matter). */
export function sameMeta(a: DocumentMeta, b: DocumentMeta): boolean {
  return stableLine(a) === stableLine(b);
}
