// One story's articles side by side, aligned by label: a column per article, a row per label, each cell
// the phrases that article used for the label.
import { useEffect, useMemo, useState } from 'react';
import type { OutletReport } from '../../core/api';
import type { Codebook, DocumentSummary } from '../../core/model';

/** The most articles aligned side by side (one column each). */
const MAX_ARTICLES = 5000;

import { useApi, useApp } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { type Layer, layerOptions } from '../ui/layer';
import { outletOf } from './phrases';
import { alignArticles } from './stories';

export function StoryAlignment({
  story,
  layer,
  version,
  codebook,
}: {
  story: string;
  layer: Layer;
  /** Changes when the stories were read again: the story's articles are fetched again. */
  version: unknown;
  codebook: Codebook;
}) {
  const api = useApi();
  const viewer = useApp((s) => s.annotator);
  const [report, setReport] = useState<OutletReport | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  useEffect(() => {
    void version;
    let live = true;
    api.documentPage({ offset: 0, limit: MAX_ARTICLES, story }).then(
      (page) => live && setDocuments(page.documents),
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, story, version]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    api.outlets({ story, ...layerOptions(layer), ...(viewer ? { viewer } : {}) }).then(
      (r) => live && setReport(r),
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, story, layer, viewer]);
  const articles = useMemo(
    () =>
      documents
        .slice()
        .sort(
          (a, b) =>
            outletOf(a.meta).localeCompare(outletOf(b.meta)) ||
            (a.meta.published ?? '').localeCompare(b.meta.published ?? ''),
        ),
    [documents],
  );
  const rows = useMemo(
    () =>
      report
        ? alignArticles(
            report.labels,
            articles.map((a) => a.id),
            codebook.spanLabels.map((l) => l.name),
          )
        : [],
    [report, articles, codebook],
  );
  const color = new Map(codebook.spanLabels.map((l) => [l.name, l.color]));
  if (error) return <FieldError>{error}</FieldError>;
  if (!report) return <p className="muted">Loading the story…</p>;
  return (
    <div className="ol-align-wrap">
      <table className="ol-align" data-testid="ol-align">
        <caption>
          “{story}”: {articles.length} article{articles.length === 1 ? '' : 's'} aligned by label
        </caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            {articles.map((a) => (
              <th key={a.id} scope="col" data-testid="ol-align-article">
                <div className="ol-align-outlet">{outletOf(a.meta)}</div>
                <div className="ol-align-title">{a.meta.title || a.id}</div>
                <div className="muted">{a.meta.published || a.meta.publishedRaw || 'undated'}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={articles.length + 1} className="muted">
                No spans in this story's articles for the chosen layer.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.label} data-testid="ol-align-row" data-label={row.label}>
              <th scope="row">
                <span className="ol-swatch" style={{ background: color.get(row.label) ?? '#999' }} />
                {row.label}
              </th>
              {articles.map((a) => (
                <td key={a.id}>
                  {(row.cells[a.id] ?? []).map((p) => (
                    <span key={p.phrase} className="ol-chip">
                      {p.phrase}
                      {p.count > 1 && <span className="ol-count"> ×{p.count}</span>}
                    </span>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
