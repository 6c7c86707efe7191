// A Hugging Face-ready dataset folder: `data/<split>.jsonl` (one line per document and annotator, spans with
// their text, offsets in code points, i.e. Python str indices) and a `README.md` dataset card whose YAML
// header lists the splits for `datasets.load_dataset`, and whose body lists the labels, counts, annotators
// and (when given) an agreement summary. Splits are by document, so one article's annotators never land in
// different splits; the seeded shuffle (mulberry32 over the documents sorted by id) gives the same split for
// the same seed on every machine.
import { GOLD, isModelName } from '../model';
import { mulberry32 } from '../prng';
import { spanText } from '../text';
import { annotatorsOf, cmp, metaObject, OffsetMap, recordsByDocument, sortedDocuments, spanOffsets } from './common';
import type { ExportInput, FolderOutput, Format, OffsetUnit } from './types';

/** The split option: fractions of documents (they need not sum to 1; test takes the rest) and a seed. */
interface HfSplit {
  train: number;
  dev: number;
  test: number;
  seed: number;
}

interface HfExportOptions {
  name?: string;
  description?: string;
  /** Without it, every document goes to train. */
  split?: Omit<HfSplit, 'seed'>;
  seed?: number;
  /** Markdown (or plain text) summary of agreement, copied into the card. */
  agreement?: string;
  license?: string;
  offsets?: OffsetUnit;
}

/** Assigns document ids to splits: shuffled with the seed, then cut by the fractions. */
export function splitDocuments(ids: string[], split?: HfSplit): { train: string[]; dev: string[]; test: string[] } {
  const sorted = [...ids].sort(cmp);
  if (!split) return { train: sorted, dev: [], test: [] };
  for (const k of ['train', 'dev', 'test'] as const)
    if (!(split[k] >= 0) || !Number.isFinite(split[k])) throw new Error(`split.${k} must be a fraction ≥ 0`);
  const total = split.train + split.dev + split.test;
  if (total <= 0) throw new Error('split fractions must not all be 0');
  const rand = mulberry32(split.seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j], sorted[i]];
  }
  const nTrain = Math.round((sorted.length * split.train) / total);
  const nDev = Math.min(sorted.length - nTrain, Math.round((sorted.length * split.dev) / total));
  return {
    train: sorted.slice(0, nTrain).sort(cmp),
    dev: sorted.slice(nTrain, nTrain + nDev).sort(cmp),
    test: sorted.slice(nTrain + nDev).sort(cmp),
  };
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** Writes the dataset folder. */
export function formatHfDataset(input: ExportInput, given: HfExportOptions = {}): FolderOutput {
  const options = {
    ...given,
    name: given.name ?? input.context?.projectName,
    agreement: given.agreement ?? input.context?.agreement,
  };
  const split = options.split ? { ...options.split, seed: options.seed ?? 1 } : undefined;
  const unit = options.offsets ?? 'codepoint';
  const docs = sortedDocuments(input.documents);
  const byDoc = recordsByDocument(input.records);
  const splits = splitDocuments(
    docs.map((d) => d.id),
    split,
  );
  const splitOf = new Map<string, 'train' | 'dev' | 'test'>();
  for (const k of ['train', 'dev', 'test'] as const) for (const id of splits[k]) splitOf.set(id, k);
  const lines: Record<'train' | 'dev' | 'test', string[]> = { train: [], dev: [], test: [] };
  const labelCounts = new Map<string, number>();
  const relationCounts = new Map<string, number>();
  const docLabelCounts = new Map<string, Map<string, number>>();
  const spanCounts = { train: 0, dev: 0, test: 0 };
  for (const doc of docs) {
    const split = splitOf.get(doc.id)!;
    const map = new OffsetMap(doc.text);
    const records = byDoc.get(doc.id) ?? [];
    const base = { id: doc.id, text: doc.text, meta: metaObject(doc.meta) };
    if (records.length === 0)
      lines[split].push(
        JSON.stringify({ ...base, annotator: null, status: 'todo', spans: [], relations: [], doc_labels: {} }),
      );
    for (const r of records) {
      const spans = r.spans.map((s) => {
        const o = spanOffsets(map, s, unit);
        labelCounts.set(s.label, (labelCounts.get(s.label) ?? 0) + 1);
        return {
          start: o.start,
          end: o.end,
          label: s.label,
          text: spanText(doc.text, s, map),
          note: s.note ?? null,
          origin: s.origin ?? null,
        };
      });
      spanCounts[split] += spans.length;
      const docLabels: Record<string, string[]> = {};
      for (const g of Object.keys(r.docLabels).sort()) {
        const v = r.docLabels[g];
        docLabels[g] = Array.isArray(v) ? v : [v];
        const counts = docLabelCounts.get(g) ?? new Map<string, number>();
        for (const x of docLabels[g]) counts.set(x, (counts.get(x) ?? 0) + 1);
        docLabelCounts.set(g, counts);
      }
      const relations = (r.relations ?? []).map((x) => {
        relationCounts.set(x.type, (relationCounts.get(x.type) ?? 0) + 1);
        return { from: x.from, to: x.to, type: x.type, note: x.note ?? null };
      });
      lines[split].push(
        JSON.stringify({ ...base, annotator: r.annotator, status: r.status, spans, relations, doc_labels: docLabels }),
      );
    }
  }
  const files: Record<string, string> = {};
  const present = (['train', 'dev', 'test'] as const).filter((k) => lines[k].length > 0 || k === 'train');
  for (const k of present) files[`data/${k}.jsonl`] = lines[k].length ? `${lines[k].join('\n')}\n` : '';
  const annotators = annotatorsOf(input.records);
  const name = options.name ?? 'Frame Lens dataset';
  const card: string[] = [
    '---',
    ...(options.license ? [`license: ${yamlString(options.license)}`] : []),
    'task_categories:',
    '- token-classification',
    'configs:',
    '- config_name: default',
    '  data_files:',
    ...present.flatMap((k) => [`  - split: ${k === 'dev' ? 'validation' : k}`, `    path: data/${k}.jsonl`]),
    '---',
    '',
    `# ${name}`,
    '',
    ...(options.description ? [options.description, ''] : []),
    'Exported by Frame Lens. One line per document and annotator (`annotator: null` for a document nobody annotated;',
    `\`annotator: "${GOLD}"\` is the adjudicated layer). Span offsets are ${unit === 'utf16' ? 'UTF-16 code units (JavaScript string indices)' : 'Unicode code points, half-open: `text[start:end]` in Python gives the span'}.`,
    '',
    '## Splits',
    '',
    '| split | documents | lines | spans |',
    '| --- | ---: | ---: | ---: |',
    ...present.map(
      (k) =>
        `| ${k === 'dev' ? 'validation (dev)' : k} | ${splits[k].length} | ${lines[k].length} | ${spanCounts[k]} |`,
    ),
    '',
    split
      ? `Split by document with a seeded shuffle (seed ${split.seed}; fractions ${split.train}/${split.dev}/${split.test}).`
      : 'All documents are in train.',
    '',
    '## Span labels',
    '',
    ...(labelCounts.size
      ? [
          '| label | spans |',
          '| --- | ---: |',
          ...[...labelCounts.entries()].sort((a, b) => cmp(a[0], b[0])).map(([l, n]) => `| ${mdCell(l)} | ${n} |`),
        ]
      : ['No spans.']),
    '',
    ...(docLabelCounts.size
      ? [
          '## Document labels',
          '',
          '| group | value | documents |',
          '| --- | --- | ---: |',
          ...[...docLabelCounts.entries()]
            .sort((a, b) => cmp(a[0], b[0]))
            .flatMap(([g, counts]) =>
              [...counts.entries()]
                .sort((a, b) => cmp(a[0], b[0]))
                .map(([v, n]) => `| ${mdCell(g)} | ${mdCell(v)} | ${n} |`),
            ),
          '',
        ]
      : []),
    '## Annotators',
    '',
    ...(annotators.length
      ? annotators.map(
          (a) =>
            `- ${a}${a === GOLD ? ' (adjudicated)' : isModelName(a) ? ' (the Frame Lens model: cross-fitted predictions, each document by a model that never saw its coding; not a person)' : ''}`,
        )
      : ['None.']),
    '',
    `Documents: ${docs.length}. Annotation records: ${input.records.length}.`,
    '',
    ...(options.agreement ? ['## Agreement', '', options.agreement.trim(), ''] : []),
    '## Fields',
    '',
    '- `id`, `text`, `meta` (title, outlet, published, url, ...)',
    '- `annotator`, `status` (todo, in_progress, done, skipped)',
    '- `spans`: list of `{start, end, label, text, note, origin}`; `origin` is `"suggestion"` where the coder accepted the span from the model’s suggestions, else null',
    "- `relations`: list of `{from, to, type, note}`, `from` and `to` indexes into the line's `spans`",
    ...(relationCounts.size
      ? [
          '',
          '| relation type | relations |',
          '|---|---|',
          ...[...relationCounts.entries()].sort((a, b) => cmp(a[0], b[0])).map(([t, n]) => `| ${mdCell(t)} | ${n} |`),
        ]
      : []),
    '- `doc_labels`: group → list of chosen values',
    '',
  ];
  files['README.md'] = card.join('\n');
  return { files };
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

export const hf: Format<object, HfExportOptions> = {
  name: 'hf',
  title: 'a Hugging Face dataset folder: data/<split>.jsonl and a README.md dataset card (export only)',
  extensions: [],
  input: 'text',
  offsets: 'option',
  folder: true,
  needs: ['agreement'],
  carries: ['documents', 'spans', 'notes', 'document labels', 'metadata', 'status', 'annotators', 'relations'],
  loses: ['span ids (export only)'],
  text: {
    bom: 'written as in the text (a JSON string)',
    crlf: 'written as in the text',
    nfc: 'written as in the text',
    equalTexts: 'one line per document and annotator; equal texts stay separate rows',
  },
  importOptions: [],
  exportOptions: [
    {
      key: 'split',
      flag: 'split',
      label: 'Split (train,dev,test)',
      help: 'hf: train,dev,test fractions of the documents, e.g. 0.8,0.1,0.1 (a seeded shuffle by document)',
      kind: 'fractions',
      placeholder: 'all in train',
    },
    {
      key: 'seed',
      flag: 'seed',
      label: 'Seed',
      help: 'hf: the seed of the split',
      kind: 'integer',
      default: 1,
    },
    {
      key: 'license',
      flag: 'license',
      label: 'Licence',
      help: 'hf: the licence named in the dataset card (e.g. cc-by-4.0)',
      kind: 'text',
    },
  ],
  format: formatHfDataset,
};
