// How outlets tell the same story: the phrases each outlet used for a label side by side (click one to
// see it in context), stories with their articles aligned by label, charts, suggestions; and, as QDA tools
// offer them, every coded segment of a label with its context, and how labels co-occur.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { GOLD } from '../../core/model';
import { useApp } from '../state/context';
import { workText } from '../state/useReportJob';
import { FieldError } from '../ui/FieldError';
import { ALL_LAYERS } from '../ui/layer';
import { CooccurrencePanel } from './CooccurrencePanel';
import { ChartsPanel } from './charts/ChartsPanel';
import { OutletControls, type OutletFilters } from './OutletControls';
import { PhrasePanel } from './PhrasePanel';
import { RelationTargetsPanel } from './RelationTargetsPanel';
import { SegmentsPanel } from './SegmentsPanel';
import { StoryPanel } from './StoryPanel';
import { SuggestionsPanel } from './SuggestionsPanel';
import { useOutletData } from './useOutletData';
import './outlets.css';

const TABS = [
  ['phrases', 'Phrases'],
  ['stories', 'Stories'],
  ['charts', 'Charts'],
  ['relations', 'Relations'],
  ['suggestions', 'Suggestions'],
  ['segments', 'Coded segments'],
  ['cooccurrence', 'Co-occurrence'],
] as const;
export type OutletTab = (typeof TABS)[number][0];

export function OutletsView({ initialTab = 'phrases' }: { initialTab?: OutletTab }) {
  const project = useApp((s) => s.project);
  const codebook = project?.codebook ?? { version: 0, spanLabels: [], docLabels: [] };
  const annotators = useMemo(() => (project?.annotators ?? []).filter((a) => a !== GOLD), [project]);
  const [tab, setTab] = useState<OutletTab>(initialTab);
  const [filters, setFilters] = useState<OutletFilters>({ label: '', story: '', layer: ALL_LAYERS });
  const { label, story, layer } = filters;
  const change = useCallback((c: Partial<OutletFilters>) => setFilters((f) => ({ ...f, ...c })), []);
  const firstLabel = codebook.spanLabels[0]?.name ?? '';
  useEffect(() => {
    if (label !== firstLabel && (!label || !codebook.spanLabels.some((l) => l.name === label)))
      change({ label: firstLabel });
  }, [label, firstLabel, codebook, change]);
  const data = useOutletData(filters);
  const stories = useMemo(() => data.storyCounts.map((s) => s.story).filter((s) => s !== ''), [data.storyCounts]);
  const storyDocs = story ? (data.storyCounts.find((s) => s.story === story)?.documents ?? 0) : null;
  return (
    <section className="ol-view" data-testid="outlets-view" aria-busy={data.loading}>
      <header className="ol-head">
        <h1>Outlets</h1>
        <OutletControls
          codebook={codebook}
          annotators={annotators}
          stories={stories}
          suggested={data.stories.map((s) => s.story)}
          filters={filters}
          onChange={change}
        />
      </header>
      <div className="ol-tabs" role="tablist" aria-label="Outlet views">
        {TABS.map(([key, name]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? 'on' : undefined}
            data-testid={`ol-tab-${key}`}
            onClick={() => setTab(key)}
          >
            {name}
          </button>
        ))}
        {data.work ? (
          <span className="muted ol-loading" data-testid="ol-progress" aria-live="polite">
            {workText(data.work)}{' '}
            <button type="button" className="link" onClick={data.cancel} data-testid="ol-cancel">
              Cancel
            </button>
          </span>
        ) : data.cancelled ? (
          <span className="muted ol-loading" data-testid="ol-progress">
            cancelled{' '}
            <button type="button" className="link" onClick={() => void data.reload()}>
              Compute again
            </button>
          </span>
        ) : (
          data.loading && <span className="muted ol-loading">updating…</span>
        )}
      </div>
      {data.error && <FieldError>{data.error}</FieldError>}
      {story && storyDocs === 0 && tab !== 'suggestions' && (
        <p className="note-warn ol-note" data-testid="ol-story-empty">
          No document carries the story “{story}” yet. Apply it under Stories to compare its articles.
        </p>
      )}
      <div className="ol-body" role="tabpanel">
        {tab === 'phrases' && data.report && data.job && (
          <PhrasePanel
            report={data.report}
            job={data.job}
            label={label}
            color={codebook.spanLabels.find((l) => l.name === label)?.color ?? '#999'}
          />
        )}
        {tab === 'stories' && (
          <StoryPanel
            storyCounts={data.storyCounts}
            suggestions={data.stories}
            story={stories.includes(story) ? story : ''}
            layer={layer}
            codebook={codebook}
            onPickStory={(s) => change({ story: s })}
            onChanged={data.reload}
          />
        )}
        {tab === 'charts' && data.report && (
          <ChartsPanel
            report={data.report}
            codebook={codebook}
            countUnit={layer.kind === 'all' ? 'codings (one per annotator and document)' : 'documents'}
          />
        )}
        {tab === 'relations' && data.report && <RelationTargetsPanel report={data.report} codebook={codebook} />}
        {tab === 'suggestions' && <SuggestionsPanel codebook={codebook} />}
        {tab === 'segments' && <SegmentsPanel label={label} layer={layer} />}
        {tab === 'cooccurrence' && <CooccurrencePanel layer={layer} />}
      </div>
    </section>
  );
}
