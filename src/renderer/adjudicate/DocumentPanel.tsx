// One document under adjudication: its agreement, document labels side by side, every layer stacked over the
// text, the candidate list, and the decision panel for the chosen candidate.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueueRow } from '../../core/adjudicationQueue';
import type { DecisionInput, RelationDecisionInput } from '../../core/api';
import { type AnnotationRecord, type Codebook, type DecisionReason, type DocLabelValue, GOLD } from '../../core/model';
import { useApi } from '../state/context';
import { spanKey } from '../state/spans';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { LabelledSelect } from '../ui/Select';
import { useBusy } from '../ui/useBusy';
import { type CandidateFilter, CandidateList } from './CandidateList';
import { type Candidate, candidatesOf, coderRecords } from './candidates';
import { statusOf } from './DecisionBadge';
import { DecisionPanel } from './DecisionPanel';
import { DocLabelCompare } from './DocLabelCompare';
import { DocumentMemos } from './DocumentMemos';
import { acceptDecision, rejectDecision } from './decisions';
import { LANE, type Lane, LaneText } from './LaneText';
import { RelationCompare } from './RelationCompare';
import { relationCandidatesOf } from './relationCandidates';
import { useLayers } from './useLayers';
import { useWhy } from './useWhy';

interface DocumentPanelProps {
  id: string;
  row: QueueRow | undefined;
  codebook: Codebook | null;
  by: string;
  /** Changes when the document's files changed on disk. */
  reloadSignal: number;
  onDecided(): void;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));

function nextUndecided(cands: readonly Candidate[], after: Candidate): string | null {
  const i = cands.findIndex((c) => c.key === after.key);
  const rest = [...cands.slice(i + 1), ...cands.slice(0, Math.max(i, 0))];
  return rest.find((c) => statusOf(c) === 'undecided')?.key ?? null;
}

export function DocumentPanel({ id, row, codebook, by, reloadSignal, onDecided }: DocumentPanelProps) {
  const api = useApi();
  const { doc, records, error, reload } = useLayers(id);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<CandidateFilter>('all');
  const why = useWhy(by);
  const [busy, runBusy] = useBusy();
  const [problem, setProblem] = useState<string | null>(null);
  const showProblem = useCallback((err: unknown) => setProblem(errorText(err)), []);
  const [gold, setGold] = useState<AnnotationRecord | null>(null);

  const seenSignal = useRef(reloadSignal);
  useEffect(() => {
    if (reloadSignal === seenSignal.current) return;
    seenSignal.current = reloadSignal;
    void reload();
  }, [reloadSignal, reload]);

  const layers = useMemo(() => {
    if (!records) return null;
    const g = gold ?? records.find((r) => r.annotator === GOLD) ?? null;
    return [...records.filter((r) => r.annotator !== GOLD), ...(g ? [g] : [])];
  }, [records, gold]);
  const coders = useMemo(() => (layers ? coderRecords(layers) : []), [layers]);
  const goldRec = layers?.find((r) => r.annotator === GOLD) ?? null;
  const candidates = useMemo(() => (layers ? candidatesOf(layers) : []), [layers]);
  const relationCandidates = useMemo(() => (layers ? relationCandidatesOf(layers) : []), [layers]);
  const chars = useMemo(() => (doc ? Array.from(doc.text) : []), [doc]);
  const colors = useMemo(
    () => Object.fromEntries((codebook?.spanLabels ?? []).map((l) => [l.name, l.color])),
    [codebook],
  );
  const labels = useMemo(() => (codebook?.spanLabels ?? []).map((l) => l.name), [codebook]);
  // What the decision panel and the candidate list both show.
  const shown = { candidates, chars, colors };
  const lanes = useMemo<Lane[]>(
    () => [...coders.map((r) => ({ name: r.annotator, spans: r.spans })), { name: GOLD, spans: goldRec?.spans ?? [] }],
    [coders, goldRec],
  );
  const current = candidates.find((c) => c.key === selected) ?? null;

  // A reason belongs to one decision: choosing another candidate starts with none, so a key press never
  // records the previous candidate's reason.
  useEffect(() => {
    if (selected === null) return;
    why.clear();
  }, [selected, why.clear]);

  const decide = useCallback(
    async (decision: DecisionInput) => {
      setProblem(null);
      await runBusy(async () => {
        const saved = await api.adjudicate(id, [decision]);
        const after = candidates.find((c) => c.key === selected);
        setGold(saved);
        if (decision.action === 'edit' || decision.action === 'merge') setSelected(spanKey(decision.span));
        else if (after) {
          const updated = candidatesOf([...(records ?? []).filter((r) => r.annotator !== GOLD), saved]);
          setSelected(nextUndecided(updated, after) ?? after.key);
        }
        why.clear();
        await reload();
        setGold(null);
        onDecided();
      }, showProblem);
    },
    [api, id, candidates, selected, records, reload, onDecided, runBusy, showProblem, why.clear],
  );

  const decideRelation = useCallback(
    async (decision: RelationDecisionInput) => {
      setProblem(null);
      await runBusy(async () => {
        await api.adjudicateRelation(id, decision);
        await reload();
        onDecided();
      }, showProblem);
    },
    [api, id, reload, onDecided, runBusy, showProblem],
  );

  /** Puts one annotator's value of a document-label group into gold (unanimous when every coder agrees). */
  const decideDocLabel = useCallback(
    async (group: string, value: DocLabelValue, sources: string[], reason: DecisionReason | '') => {
      if (!reason) {
        setProblem('Choose a reason first (the coders differ on this document label).');
        return;
      }
      setProblem(null);
      await runBusy(async () => {
        await api.adjudicateDocLabel(id, {
          group,
          value,
          sources,
          by,
          reason,
          ...(why.note.trim() ? { note: why.note.trim() } : {}),
        });
        why.setNote('');
        await reload();
        onDecided();
      }, showProblem);
    },
    [api, id, by, why.note, why.setNote, reload, onDecided, runBusy, showProblem],
  );

  const onPick = useCallback(
    (offset: number) => {
      const covering = candidates
        .filter((c) => c.span.start <= offset && offset < c.span.end)
        .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
      if (!covering.length) return;
      const at = covering.findIndex((c) => c.key === selected);
      setSelected(covering[(at + 1) % covering.length].key);
    },
    [candidates, selected],
  );

  const onShortcut = useCallback(
    (action: 'accept' | 'reject') => {
      const ctx = why.context;
      if (!current || busy || !ctx) return;
      if (action === 'accept' && current.goldOnly) return;
      void decide(action === 'accept' ? acceptDecision(current, ctx) : rejectDecision(current, ctx));
    },
    [current, busy, why.context, decide],
  );

  if (error)
    return (
      <FieldError>
        Could not open {id}: {error}
      </FieldError>
    );
  if (!doc || !layers) return <p className="muted">Opening {id}…</p>;
  const counts = { missing: 0, label: 0, boundaries: 0 };
  for (const c of candidates) for (const d of c.diffs) counts[d.kind]++;
  const undecided = candidates.filter((c) => !c.goldOnly && statusOf(c) === 'undecided').length;
  const relationDiffs = relationCandidates.filter((c) => !c.goldOnly && c.sources.length < coders.length).length;
  return (
    <section className="adj-doc" data-testid="adj-doc" data-doc={id}>
      <header className="adj-doc-head">
        <h2>{doc.meta.title ?? id}</h2>
        <span className="adj-alpha" data-testid="adj-doc-alpha" title="Krippendorff's α_U of this document alone">
          α<sub>U</sub> {fmt(row?.alpha)}
        </span>
        <span className="muted small-text" data-testid="adj-doc-counts">
          {coders.map((r) => r.annotator).join(', ') || 'no annotators'} · differences: {counts.missing} missing,{' '}
          {counts.label} label, {counts.boundaries} boundaries
          {relationCandidates.length > 0 && `, ${relationDiffs} of ${relationCandidates.length} relations`} ·{' '}
          {undecided} undecided
        </span>
      </header>
      <div className="adj-legend" data-testid="adj-legend">
        <span className="muted small-text">Lanes under each line, top to bottom:</span>
        {lanes.map((l, i) => (
          <span key={l.name} className="adj-lane-key">
            <span
              className="adj-lane-swatch"
              style={{
                height: lanes.length * (LANE.height + LANE.gap),
                backgroundPosition: `0 ${i * (LANE.height + LANE.gap)}px`,
              }}
            />
            {l.name}
          </span>
        ))}
        <span className="adj-lane-key">
          <span className="adj-diff-swatch" /> annotators differ
        </span>
      </div>
      <DocumentMemos id={id} text={doc.text} />
      <DocLabelCompare
        groups={codebook?.docLabels ?? []}
        coders={coders}
        gold={goldRec}
        disabled={busy}
        onDecide={(group, value, sources, why) => void decideDocLabel(group, value, sources, why)}
      />
      <div className="adj-doc-body">
        <LaneText
          chars={chars}
          lanes={lanes}
          coders={coders.length}
          colors={colors}
          selected={current?.span ?? null}
          onPick={onPick}
        />
        <aside className="adj-side">
          {problem && <FieldError>{problem}</FieldError>}
          {current ? (
            <DecisionPanel
              candidate={current}
              {...shown}
              labels={labels}
              why={why}
              busy={busy}
              onDecide={(d) => void decide(d)}
            />
          ) : (
            <p className="muted adj-panel-decide">Choose a span in the text or the list below to decide on it.</p>
          )}
          <div className="adj-form-row">
            <LabelledSelect<CandidateFilter>
              inline
              className="small-text"
              label="Show"
              value={filter}
              data-testid="adj-filter"
              onChange={setFilter}
            >
              <option value="all">all {candidates.length} candidates</option>
              <option value="undecided">undecided</option>
              <option value="differences">differences only</option>
            </LabelledSelect>
            <span className="muted small-text">j/k move · a accept · x reject</span>
          </div>
          <CandidateList
            {...shown}
            selected={selected}
            filter={filter}
            onSelect={setSelected}
            onShortcut={onShortcut}
          />
        </aside>
      </div>
      <RelationCompare
        candidates={relationCandidates}
        coders={coders.map((r) => r.annotator)}
        chars={chars}
        colors={colors}
        types={codebook?.relationTypes ?? []}
        by={by}
        busy={busy}
        onJump={(span) => setSelected(spanKey(span))}
        onDecide={(d) => void decideRelation(d)}
      />
    </section>
  );
}
