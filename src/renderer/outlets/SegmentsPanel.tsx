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

/** The metadata keys any segment's document has, outlet and date first. */
function metaKeys(segments: readonly CodedSegment[]): string[] {
  const keys = new Set<string>();
  for (const s of segments) for (const k of Object.keys(s.meta)) keys.add(k);
  const first = ['outlet', 'date'].filter((k) => keys.has(k));
  return [...first, ...[...keys].filter((k) => !first.includes(k)).sort()];
}

const cell = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function segmentsCsv(segments: readonly CodedSegment[]): string {
  const keys = metaKeys(segments);
  return toCsv([
    ['document', 'annotator', 'label', 'start', 'end', 'before', 'text', 'after', 'note', ...keys],
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
      ...keys.map((k) => cell((s.meta as Record<string, unknown>)[k])),
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
  const keys = useMemo(() => metaKeys(data?.segments ?? []).filter((k) => k !== 'title'), [data]);
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
            {keys.map((k) => (
              <th key={k} scope="col">
                {k}
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
              {keys.map((k) => (
                <td key={k} dir="auto">
                  {cell((s.meta as Record<string, unknown>)[k])}
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
