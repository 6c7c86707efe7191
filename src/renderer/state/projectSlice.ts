import type { ProjectInfo } from '../../core/api';
import { GOLD } from '../../core/model';
import { fromTemplate, TEMPLATES } from '../../core/templates';
import { errorText } from '../ui/errors';
import { annotatorProblem, loadAnnotator, storeAnnotator } from './annotator';
import { EMPTY_LIST } from './documentsSlice';
import { emptyHistory } from './history';
import { loadLayerChoice } from './layers';
import type { ProjectSlice, SliceCreator } from './types';

/** Not (yet) among the project's annotators, while others have coded it. */
function isNewcomer(project: ProjectInfo, annotator: string): boolean {
  const others = project.annotators.filter((a) => a !== GOLD && a !== annotator);
  return others.length > 0 && !project.annotators.includes(annotator);
}

export const createProjectSlice: SliceCreator<ProjectSlice> =
  ({ api, queue, epoch }) =>
  (set, get) => {
    let started = false;
    const loadRecent = () =>
      api.recentProjects().then(
        (recent) => set({ recent }),
        () => undefined,
      );

    /** A new project with the chosen template's codebook saved over its empty one. */
    const withTemplate = async (project: ProjectInfo, template?: string): Promise<ProjectInfo> => {
      const t = TEMPLATES.find((x) => x.id === template);
      if (!t) return project;
      const codebook = await api.saveCodebook(
        await fromTemplate(t, project.codebook.version),
        project.codebook.version,
      );
      return { ...project, codebook };
    };

    const adopt = async (project: ProjectInfo) => {
      epoch.advance();
      set({
        project,
        projectError: null,
        problemsDismissed: false,
        list: EMPTY_LIST,
        documentsError: null,
        currentId: null,
        doc: null,
        record: null,
        selectedSpan: null,
        docError: null,
        history: emptyHistory(),
        others: [],
        conflicts: [],
        model: null,
        suggestions: null,
        selectedSuggestion: null,
        rejectedSuggestions: {},
        order: null,
      });
      queue.clearBases();
      // The layers chosen last time in this project; else someone who has not coded here yet sees the others'
      // work (read-only) rather than a bare text.
      const chosen = loadLayerChoice(project.path);
      if (chosen) set({ showOthers: chosen.show, hiddenLayers: chosen.hidden });
      else set({ hiddenLayers: [], ...(isNewcomer(project, get().annotator) ? { showOthers: true } : {}) });
      void loadRecent();
      // The cursor first: a change the backend records while answering the list (its check of a large
      // project's cached rows after the list) must come after the cursor, or the app would never see it.
      await get().startWatching();
      await Promise.all([get().loadDocuments(), get().loadModel()]);
    };

    return {
      ready: false,
      project: null,
      projectError: null,
      problemsDismissed: false,
      recent: [],
      annotator: loadAnnotator(),
      shell: null,
      askingName: null,
      importSource: null,

      async init() {
        if (started) return;
        started = true;
        try {
          const { project, recent, annotator, ...shell } = await api.session();
          const remembered = annotator ?? get().annotator;
          if (remembered !== get().annotator) storeAnnotator(remembered);
          // First launch: ask who is annotating before anything else.
          set({ shell, recent, annotator: remembered, askingName: remembered ? null : {}, ready: true });
          if (project) await adopt(project);
        } catch (err) {
          set({ ready: true, project: null, projectError: errorText(err) });
        }
      },

      async openWith(what, open, template) {
        try {
          const project = await open();
          if (project) await adopt(await withTemplate(project, template));
        } catch (err) {
          set({ projectError: `Could not ${what}: ${errorText(err)}` });
        }
      },

      async closeProject() {
        await get().flushSaves();
        // Loads still on their way belong to the project being closed: from here on they call nothing more.
        epoch.advance();
        get().stopWatching();
        set({ project: null, list: EMPTY_LIST, currentId: null, doc: null, record: null, importSource: null });
        try {
          await api.closeProject();
        } catch (err) {
          set({ projectError: errorText(err) });
        }
        void loadRecent();
      },

      askName(then) {
        set({ askingName: { then } });
      },

      confirmName(name) {
        const problem = get().setAnnotator(name);
        if (problem) return problem;
        api
          .rememberAnnotator(name.trim())
          .catch((err) => set({ notice: `The name is used now but not remembered: ${errorText(err)}` }));
        const then = get().askingName?.then;
        set({ askingName: null });
        then?.();
        return null;
      },

      cancelName: () => set({ askingName: null }),
      setImportSource: (importSource) => set({ importSource }),

      async openProject(path) {
        try {
          await adopt(await api.openProject(path));
        } catch (err) {
          set({ projectError: `Could not open ${path}: ${errorText(err)}` });
        }
      },

      async createProject(path, template) {
        try {
          await adopt(await withTemplate(await api.createProject(path), template));
        } catch (err) {
          set({ projectError: `Could not create ${path}: ${errorText(err)}` });
        }
      },

      setAnnotator(name) {
        const trimmed = name.trim();
        const problem = trimmed ? annotatorProblem(trimmed) : null;
        if (problem) return problem;
        if (trimmed === get().annotator) return null;
        storeAnnotator(trimmed);
        // The choice is this user's on this machine: the next start, in either transport, begins with it.
        if (trimmed) api.rememberAnnotator(trimmed).catch(() => undefined);
        // Each annotator edits only their own layer, so their undo history is their own too; the shown record
        // is the previous annotator's until theirs is read, so it is dropped at once (no edit can reach it).
        set({ annotator: trimmed, selectedSpan: null, notice: null, history: emptyHistory(), record: null });
        // A new annotator stays in the list after switching away from them, before any reload.
        const { project } = get();
        if (project && isNewcomer(project, trimmed)) set({ showOthers: true });
        if (project && trimmed && !project.annotators.includes(trimmed))
          set({ project: { ...project, annotators: [...project.annotators, trimmed].sort() } });
        void get().loadDocuments();
        void get().loadRecord();
        void get().loadOthers();
        void get().loadSuggestions();
        return null;
      },

      async reloadAll() {
        if (!get().project) return;
        const mark = epoch.mark();
        try {
          const project = await api.getProject();
          if (!epoch.holds(mark)) return;
          // Records in the history name labels of the old codebook; they cannot be restored across a change.
          const same = project.codebook.version === get().project?.codebook.version;
          set({ project, history: same ? get().history : emptyHistory() });
          await Promise.all([get().loadDocuments(), get().loadRecord(), get().loadOthers(), get().loadModel()]);
        } catch (err) {
          if (epoch.holds(mark)) set({ projectError: `Could not reload the project: ${errorText(err)}` });
        }
      },

      async editCodebook(run) {
        await get().flushSaves();
        if (queue.hasFailures()) return 'Some edits are not saved yet; retry saving before changing the codebook.';
        try {
          await run(get().project?.codebook.version ?? 0);
          return null;
        } catch (err) {
          return errorText(err);
        } finally {
          await get().reloadAll();
        }
      },

      dismissProblems: () => set({ problemsDismissed: true }),
      dismissProjectError: () => set({ projectError: null }),
    };
  };
