// Coded segments (code retrieval): every span of the chosen label across the corpus, with the words around
// it and its document's variables, for reading a code's instances together; exportable to CSV.
import { useMemo } from 'react';
import type { CodedSegment } from '../../core/segments';
import { useApi, useApp } from '../state/context';
import { toCsv } from '../ui/csv';
import { downloadCsv } from '../ui/download';
import { FieldError } from '../ui/FieldError';
import { type Layer, layerOptions } from '../ui/layer';
import { useLoad } from '../ui/useLoad';

const cell = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

interface Column {
  header: string;
  value(s: CodedSegment): string;
}

/**
 * The document variables any segment has: metadata keys (outlet and date first), then the variables another
 * tool's project gave (REFI-QDA), by name; one named like a metadata key says it is the variable.
 */
function variableColumns(segments: readonly CodedSegment[]): Column[] {
  const keys = new Set<string>();
  const names = new Set<string>();
  for (const s of segments) {
    for (const k of Object.keys(s.meta)) keys.add(k);
    for (const n of Object.keys(s.variables ?? {})) names.add(n);
  }
  const first = ['outlet', 'date'].filter((k) => keys.has(k));
  const meta = [...first, ...[...keys].filter((k) => !first.includes(k)).sort()];
  return [
    ...meta.map((k) => ({ header: k, value: (s: CodedSegment) => cell((s.meta as Record<string, unknown>)[k]) })),
    ...[...names].sort().map((n) => ({
      header: keys.has(n) ? `${n} (variable)` : n,
      value: (s: CodedSegment) => (s.variables && Object.hasOwn(s.variables, n) ? s.variables[n] : ''),
    })),
  ];
}

export function segmentsCsv(segments: readonly CodedSegment[]): string {
  const columns = variableColumns(segments);
  return toCsv([
    [
      'document',
      'annotator',
      'label',
      'start',
      'end',
      'before',
      'text',
      'after',
      'note',
      ...columns.map((c) => c.header),
    ],
    ...segments.map((s) => [
      s.document,
      s.annotator,
      s.label,
      s.start,
      s.end,
      s.before,
      s.text,
      s.after,
      s.note ?? '',
      ...columns.map((c) => c.value(s)),
    ]),
  ]);
}

export function SegmentsPanel({ label, layer }: { label: string; layer: Layer }) {
  const api = useApi();
  const viewer = useApp((s) => s.annotator);
  const { data, error } = useLoad(
    label ? () => api.codedSegments({ labels: [label], ...layerOptions(layer), ...(viewer ? { viewer } : {}) }) : null,
    [api, label, layer, viewer],
  );
  const columns = useMemo(() => variableColumns(data?.segments ?? []).filter((c) => c.header !== 'title'), [data]);
  if (!label) return <p className="muted">Choose a label.</p>;
  if (error) return <FieldError>{error}</FieldError>;
  if (!data) return <p className="muted">Retrieving…</p>;
  return (
    <div className="ol-segments" data-testid="ol-segments">
      <div className="ol-cooc-head">
        <span data-testid="segments-count">
          {data.total} segment(s) of {label} in {new Set(data.segments.map((s) => s.document)).size} document(s)
          {data.total > data.segments.length && ` (first ${data.segments.length} shown)`}
        </span>
        <button
          type="button"
          className="small"
          data-testid="segments-csv"
          disabled={!data.segments.length}
          onClick={() => downloadCsv(segmentsCsv(data.segments), `segments ${label}`)}
        >
          CSV
        </button>
      </div>
      <table className="ol-seg-table">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Coder</th>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
            <th scope="col">Segment in context</th>
          </tr>
        </thead>
        <tbody>
          {data.segments.map((s) => (
            <tr key={`${s.document}:${s.annotator}:${s.start}:${s.end}:${s.label}`} data-testid="segment-row">
              <td className={s.meta.title ? undefined : 'mono'} title={s.document}>
                {s.meta.title ? cell(s.meta.title) : s.document}
              </td>
              <td>{s.annotator}</td>
              {columns.map((c) => (
                <td key={c.header} dir="auto">
                  {c.value(s)}
                </td>
              ))}
              <td dir="auto" className="ol-seg-context">
                <span className="muted">{s.before}</span>
                <mark>{s.text}</mark>
                <span className="muted">{s.after}</span>
                {s.note && <div className="small-text">memo: {s.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
