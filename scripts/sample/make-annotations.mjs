// Writes annotations.json: two annotators' codings of the sample documents, written by phrase.
// Usage: node scripts/sample/make-annotations.mjs
// Each span is [phrase, label, options?]; options: occ (which occurrence, 0-based, required when the
// phrase occurs more than once in its search range), within (a longer phrase to find first, the span
// being looked for inside it; its own occ is withinOcc), note. Offsets are computed by searching the
// cleaned text and written in Unicode code points; any phrase not found, or ambiguous, stops the script.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const documents = JSON.parse(readFileSync(join(here, 'documents.json'), 'utf8'));
const codebook = JSON.parse(readFileSync(join(here, 'codebook.json'), 'utf8'));

const DL = 'Unrest naming: delegitimizing';
const NL = 'Unrest naming: neutral/legitimizing';
const FA = 'Foreign attribution';
const SH = 'Sourcing and hedging';
const EG = 'Economic grievance';
const VC = 'Violence and casualties';
const DD = 'De-escalation and diplomacy';
const MT = 'Military threat';
const RL = 'Rallies as legitimacy';

const D0 = '000_e19e2984cdeb2e20';
const D1 = '001_3fc97e4f2f91e271';

const codings = [
  {
    document: D0,
    annotator: 'alice',
    docLabels: {
      Stance: 'supportive',
      Frames: [
        'Security and defense',
        'Crime and punishment',
        'External regulation and reputation',
        'Economic',
        'Public opinion',
      ],
    },
    spans: [
      ['direct US-Israeli role', FA],
      ['terrorist riots', DL],
      ['million-strong rallies held afterward demonstrated the country’s “real conditions.”', RL],
      ['peaceful economic protests', NL],
      ['organized violence', DL],
      ['cruel sanctions', EG],
      ['massive and epic participation of Iranians in nationwide rallies', RL],
      ['rioters’ plots', DL],
      ['epic and millions-strong presence', RL],
      ['“color revolution”', DL],
      ['long-term unjust sanctions', EG],
      ['riots and violent disorder', DL],
      ["according to the Iranian president's office", SH],
      [
        'attacks on state, public and religious facilities as well as violent assaults on security and law enforcement forces',
        VC,
      ],
      ['with foreign backing', FA],
      [
        'rallies supporting their system, leadership and government “clearly reflects the real conditions in Iran.”',
        RL,
      ],
      ['currency volatility and rising inflation linked to unlawful US and European sanctions', EG],
      [
        'Armed groups attacked shops, banks, bus stations and mosques, killing a number of security personnel and civilians',
        VC,
        {
          note: 'Perpetrators: unnamed "armed groups"; victims: security personnel and civilians. Asserted in the outlet\'s own voice.',
        },
      ],
      ['Authorities say', SH],
      ['foreign-backed terrorist groups', FA],
      ['direct involvement of the United States and Israel', FA],
      ['repeatedly threatened to attack Iran', MT],
      [
        'traces of Mossad agents',
        FA,
        { note: 'Asserted as fact ("have been found"), sourced only to "Observers believe".' },
      ],
      ['what is framed as', SH],
      [
        '“peaceful protests”',
        NL,
        { note: 'The legitimizing name is quoted and ascribed to Western media, i.e. distanced.' },
      ],
    ],
  },
  {
    document: D0,
    annotator: 'bob',
    docLabels: {
      Stance: 'supportive',
      Frames: ['Security and defense', 'External regulation and reputation', 'Economic', 'Political', 'Public opinion'],
    },
    spans: [
      ['the direct US-Israeli role', FA],
      ['terrorist riots', DL],
      ['million-strong rallies', RL, { occ: 0 }],
      ['peaceful economic protests', NL],
      ['turned into organized violence', DL],
      ['cruel sanctions', EG],
      ['massive and epic participation of Iranians in nationwide rallies', RL],
      ['rioters’', DL],
      ['riots', DL, { within: 'put an end to the riots' }],
      ['resembling “color revolution” scenarios', DL],
      ['long-term unjust sanctions', EG],
      [
        'riots and violent disorder',
        VC,
        {
          note: 'Putin\'s words via the president\'s office. Naming or violence? Went with violence: it contrasts violent acts with "peaceful and civil protest".',
        },
      ],
      ["according to the Iranian president's office", SH],
      ['attacks on state, public and religious facilities', VC],
      ['carried out with foreign backing', FA],
      ['clearly reflects the real conditions in Iran', RL],
      ['currency volatility and rising inflation', EG],
      [
        'Armed groups attacked shops, banks, bus stations and mosques, killing a number of security personnel and civilians',
        VC,
      ],
      ['Authorities say', SH],
      ['foreign-backed terrorist groups', FA],
      ['direct involvement of the United States and Israel', FA],
      ['threatened to attack Iran', MT],
      ['Observers believe', SH],
      ['what is framed as', SH],
      ['peaceful protests', NL, { within: '“peaceful protests”' }],
    ],
  },
  {
    document: D1,
    annotator: 'alice',
    docLabels: {
      Stance: 'neutral',
      Frames: ['Security and defense', 'Economic', 'External regulation and reputation', 'Political'],
    },
    spans: [
      ['widespread protests', NL],
      ['deadly clashes', VC],
      ['demonstrations', NL, { occ: 0 }],
      ['reportedly', SH],
      ['runaway inflation and the rapid collapse of the Iranian rial', EG],
      ['public outrage over economic hardship', NL],
      ['violent confrontations between protesters and security forces', VC],
      ['reports alleging', SH],
      ['hundreds of fatalities', VC, { note: 'No source or figure given beyond "reports".' }],
      ['Iranian officials have accused', SH],
      ['orchestrating the unrest', FA],
      ['the de-escalation of “tensions in Iran and in the region as a whole as soon as possible', DD],
      ['resolving any emerging issues via exclusively political and diplomatic means', DD],
      ['strengthening the strategic partnership between Russia and Iran', DD],
      ['disruptive foreign interference', FA],
      ['peaceful demonstrations', NL],
      ['“cruel and senseless unrest”', DL, { note: 'Zakharova\'s words, quoted; the article itself says "protests".' }],
      ['alleged', SH],
      ['push for regime change', FA],
      ['US threats of military action', MT],
      ['Western sanctions as a key driver behind Iran’s economic crisis', EG],
      ['Iranian protesters', NL],
      ['looking at some very strong options', MT],
    ],
  },
  {
    document: D1,
    annotator: 'bob',
    docLabels: {
      Stance: 'critical',
      Frames: ['Security and defense', 'Economic', 'External regulation and reputation', 'Public opinion'],
    },
    spans: [
      ['widespread protests continue to shake Iran', NL],
      ['escalating into deadly clashes', VC],
      ['demonstrations', NL, { occ: 0 }],
      ['reportedly', SH],
      ['runaway inflation', EG],
      ['rapid collapse of the Iranian rial', EG],
      ['public outrage', NL],
      ['economic hardship', EG],
      ['violent confrontations between protesters and security forces', VC],
      ['reports alleging', SH],
      ['hundreds of fatalities', VC],
      ['accused the United States and Israel of orchestrating the unrest', FA],
      ['urging the de-escalation', DD],
      ['exclusively political and diplomatic means', DD],
      ['disruptive foreign interference', FA],
      ['unnamed foreign actors', FA],
      ['peaceful demonstrations', NL],
      ['cruel and senseless unrest', DL],
      ['alleged', SH],
      ['regime change', FA],
      ['threats of military action', MT],
      ['Western sanctions', EG],
      [
        'urged Iranian protesters to seize control of state institutions',
        FA,
        { note: 'The US openly encouraging the protesters: foreign involvement, here not just alleged but reported.' },
      ],
      ['very strong options', MT],
    ],
  },
];

function fail(msg) {
  console.error(`make-annotations: ${msg}`);
  process.exit(1);
}

/** All UTF-16 indices where needle occurs in haystack[from, to). */
function occurrences(haystack, needle, from = 0, to = haystack.length) {
  const out = [];
  for (let i = haystack.indexOf(needle, from); i !== -1 && i + needle.length <= to; i = haystack.indexOf(needle, i + 1))
    out.push(i);
  return out;
}

function pick(hits, occ, what, where) {
  if (hits.length === 0) fail(`${where}: ${JSON.stringify(what)} not found`);
  if (occ === undefined) {
    if (hits.length > 1) fail(`${where}: ${JSON.stringify(what)} occurs ${hits.length} times; say which (occ)`);
    return hits[0];
  }
  if (occ < 0 || occ >= hits.length)
    fail(`${where}: ${JSON.stringify(what)} has no occurrence ${occ} (found ${hits.length})`);
  return hits[occ];
}

/** UTF-16 index → code point offset. */
const cp = (text, i) => [...text.slice(0, i)].length;

const docsById = new Map(documents.map((d) => [d.id, d]));
const labels = new Set(codebook.spanLabels.map((l) => l.name));
const groups = new Map(codebook.docLabels.map((g) => [g.name, g]));

const out = [];
for (const c of codings) {
  const doc = docsById.get(c.document);
  if (!doc) fail(`unknown document ${c.document}`);
  const text = doc.text;
  const cps = [...text];
  const spans = [];
  for (const [phrase, label, opts = {}] of c.spans) {
    const where = `${c.annotator}/${c.document}`;
    if (!labels.has(label)) fail(`${where}: label ${JSON.stringify(label)} is not in the codebook`);
    let from = 0;
    let to = text.length;
    if (opts.within) {
      from = pick(occurrences(text, opts.within), opts.withinOcc, opts.within, where);
      to = from + opts.within.length;
    }
    const at = pick(occurrences(text, phrase, from, to), opts.occ, phrase, where);
    const start = cp(text, at);
    const end = cp(text, at + phrase.length);
    if (cps.slice(start, end).join('') !== phrase)
      fail(`${where}: offsets of ${JSON.stringify(phrase)} do not give it back`);
    const span = { start, end, label };
    if (opts.note) span.note = opts.note;
    if (spans.some((s) => s.start === start && s.end === end && s.label === label))
      fail(`${where}: ${JSON.stringify(phrase)} coded twice`);
    spans.push(span);
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
  for (const [name, value] of Object.entries(c.docLabels)) {
    const g = groups.get(name);
    if (!g) fail(`${c.annotator}/${c.document}: document label group ${name} is not in the codebook`);
    const values = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) !== (g.kind === 'multiple'))
      fail(`${c.annotator}/${c.document}: ${name} has the wrong kind`);
    for (const v of values)
      if (!g.options.includes(v)) fail(`${c.annotator}/${c.document}: ${name}: unknown option ${v}`);
  }
  out.push({ document: c.document, annotator: c.annotator, status: 'done', spans, docLabels: c.docLabels });
}

writeFileSync(join(here, 'annotations.json'), `${JSON.stringify(out, null, 2)}\n`);
for (const r of out) console.log(`${r.annotator} ${r.document}: ${r.spans.length} spans`);
