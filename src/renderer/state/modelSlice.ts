// The model beside the coder: its status and training, its suggestions on the open document (dashed outlines
// the coder accepts or rejects), and the order "next document" follows.
import type { ModelSuggestions } from '../../core/api';
import { activeOrder } from '../../core/documentQuery';
import type { Span } from '../../core/model';
import { errorText } from '../ui/errors';
import type { WorkingRecord } from './record';
import type { ModelSlice, SliceCreator } from './types';

/** How often a running training is asked for its progress. */
export const TRAINING_POLL_MS = 500;

type Suggested = ModelSuggestions['spans'][number];

function overlaps(a: Pick<Span, 'start' | 'end'>, b: Pick<Span, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The suggestions still open on the working record: not rejected this session, and not overlapped by a span
 * of the coder's with the same label (accepted, or marked their own way). None once the document is finished.
 */
export function openSuggestions(
  suggestions: ModelSuggestions | null,
  record: Pick<WorkingRecord, 'spans' | 'status'> | null,
  rejected: readonly string[],
): Suggested[] {
  if (!suggestions || !record || record.status === 'done' || record.status === 'skipped') return [];
  return suggestions.spans.filter(
    (s) => !rejected.includes(s.id) && !record.spans.some((o) => o.label === s.label && overlaps(o, s)),
  );
}

/** Whether suggestions show: the coder's choice, else on unless a reliability round is open for them. */
export function suggestionsShown(wanted: boolean | null, suggestions: ModelSuggestions | null): boolean {
  return wanted ?? (suggestions?.openRounds.length ?? 0) === 0;
}

/** A suggestion's identity in the reader: never confused with a span of the coder's. */
export const SUGGESTION_PREFIX = 'suggestion/';

export const createModelSlice: SliceCreator<ModelSlice> =
  ({ api, epoch }) =>
  (set, get) => {
    let asking = 0;
    let modelAsked = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    /** The open suggestions in text order, for moving between them. */
    const shownList = (): Suggested[] => {
      const s = get();
      if (!suggestionsShown(s.suggestionsWanted, s.suggestions)) return [];
      const rejected = s.rejectedSuggestions[s.doc?.id ?? ''] ?? [];
      return openSuggestions(s.suggestions, s.record, rejected);
    };

    // A training followed in a project since closed or replaced is that project's: it is asked about no more.
    const pollTraining = (id: string) => {
      clearTimeout(timer);
      const mark = epoch.mark();
      timer = setTimeout(async () => {
        if (!epoch.holds(mark)) return;
        try {
          const status = await api.trainingJob(id);
          if (!epoch.holds(mark)) return;
          set({ model: { ...(get().model ?? { model: null }), training: status } });
          if (status.state === 'running') pollTraining(id);
          else await get().loadModel();
        } catch (err) {
          if (epoch.holds(mark)) set({ notice: `Could not follow the training: ${errorText(err)}` });
        }
      }, TRAINING_POLL_MS);
    };

    return {
      model: null,
      suggestions: null,
      suggestionsWanted: null,
      rejectedSuggestions: {},
      selectedSuggestion: null,
      order: null,

      async loadModel() {
        const mark = epoch.mark();
        const seq = ++modelAsked;
        try {
          const model = await api.modelStatus();
          // an older read (before a training ended) answering last would show the training still running
          if (!epoch.holds(mark) || seq !== modelAsked) return;
          const trainedBefore = get().model?.model?.trainedAt;
          set({ model });
          if (model.training?.state === 'running') pollTraining(model.training.id);
          if (model.model?.trainedAt !== trainedBefore) {
            // a new model: fresh suggestions, fresh order, and earlier rejections no longer apply
            set({ rejectedSuggestions: {} });
            await Promise.all([get().loadSuggestions(), get().loadOrder()]);
          }
        } catch (err) {
          if (epoch.holds(mark) && seq === modelAsked)
            set({ notice: `Could not read the model's status: ${errorText(err)}` });
        }
      },

      async loadSuggestions() {
        const { doc, annotator } = get();
        const seq = ++asking;
        if (!doc || !annotator) {
          set({ suggestions: null, selectedSuggestion: null });
          return;
        }
        try {
          const suggestions = await api.modelSuggestions(doc.id, annotator);
          if (seq !== asking) return;
          set({ suggestions, selectedSuggestion: null });
        } catch {
          if (seq === asking) set({ suggestions: null, selectedSuggestion: null });
        }
      },

      async loadOrder() {
        const mark = epoch.mark();
        try {
          const before = activeOrder(get().order);
          const order = await api.documentOrder();
          if (!epoch.holds(mark)) return;
          set({ order });
          // The backend orders the list's pages: a new order makes the loaded ones stale.
          if (JSON.stringify(activeOrder(order)) !== JSON.stringify(before)) void get().loadDocuments();
        } catch (err) {
          if (epoch.holds(mark)) set({ notice: `Could not read the document order: ${errorText(err)}` });
        }
      },

      async setDocumentOrder(order) {
        try {
          const settings = await api.setDocumentOrder(order);
          const { project } = get();
          if (project) set({ project: { ...project, settings } });
          await get().loadOrder();
        } catch (err) {
          set({ notice: `Could not change the document order: ${errorText(err)}` });
        }
      },

      setSuggestionsWanted(on) {
        set({ suggestionsWanted: on, selectedSuggestion: null });
      },

      selectSuggestion(id) {
        set({ selectedSuggestion: id, ...(id !== null ? { selectedSpan: null } : {}) });
      },

      stepSuggestion(delta) {
        const list = shownList();
        if (list.length === 0) {
          set({ notice: 'No open suggestions in this document.' });
          return;
        }
        const i = list.findIndex((s) => s.id === get().selectedSuggestion);
        const next = i < 0 ? (delta > 0 ? 0 : list.length - 1) : (i + delta + list.length) % list.length;
        set({ selectedSuggestion: list[next].id, selectedSpan: null, notice: null });
      },

      acceptSuggestion(id, label) {
        const list = shownList();
        const i = list.findIndex((s) => s.id === id);
        if (i < 0) return;
        const s = list[i];
        get().addSpan({ start: s.start, end: s.end, label: label ?? s.label, origin: 'suggestion' });
        const rest = shownList();
        set({ selectedSuggestion: rest[Math.min(i, rest.length - 1)]?.id ?? null, selectedSpan: null });
      },

      rejectSuggestion(id) {
        const doc = get().doc?.id;
        if (!doc) return;
        const list = shownList();
        const i = list.findIndex((s) => s.id === id);
        const rejected = get().rejectedSuggestions;
        set({ rejectedSuggestions: { ...rejected, [doc]: [...(rejected[doc] ?? []), id] } });
        const rest = shownList();
        set({ selectedSuggestion: rest[Math.min(Math.max(i, 0), rest.length - 1)]?.id ?? null });
      },

      async startTraining() {
        try {
          const id = await api.startTraining();
          set({ model: { ...(get().model ?? { model: null }), training: await api.trainingJob(id) } });
          pollTraining(id);
        } catch (err) {
          set({ notice: `Could not start training: ${errorText(err)}` });
        }
      },

      async cancelTraining() {
        const id = get().model?.training?.id;
        if (!id) return;
        try {
          const training = await api.cancelTraining(id);
          set({ model: { ...(get().model ?? { model: null }), training } });
        } catch (err) {
          set({ notice: `Could not cancel the training: ${errorText(err)}` });
        }
      },
    };
  };
