// Notices files changing underneath the app (a git pull, a sync, the CLI): a recursive watch of the
// project folder, numbered so the renderer can ask "what changed since N?".
import { type FSWatcher, watch } from 'node:fs';
import { sep } from 'node:path';
import type { ChangeFeedPage, ProjectChange } from '../core/api';
import { TEMP_FILE } from './durableFile';
import { LAYOUT } from './layout';

const MAX = 5000;

/** Classifies a project-relative path; null for files the app does not read. */
export function classifyChange(path: string): Omit<ProjectChange, 'seq'> | null {
  const parts = path.split(/[/\\]/);
  const name = parts[parts.length - 1];
  if (!name || TEMP_FILE.test(name)) return null;
  if (parts.length === 1 && name === LAYOUT.changelog) return { kind: 'study', path };
  if (!name.endsWith('.json')) return null;
  if (parts.length === 1) {
    if (name === LAYOUT.study) return { kind: 'study', path };
    if (name === LAYOUT.codebook) return { kind: 'codebook', path };
    if (name === LAYOUT.index) return { kind: 'index', path };
    if (name === LAYOUT.project) return { kind: 'project', path };
    return null;
  }
  if (parts[0] === LAYOUT.rounds && parts.length === 2) return { kind: 'study', path };
  if (parts[0] === LAYOUT.documents && parts.length === 2)
    return { kind: 'document', path, document: name.slice(0, -5) };
  if (parts[0] === LAYOUT.models && parts.length === 2 && name === LAYOUT.layerFile) return { kind: 'model', path };
  if (parts[0] === LAYOUT.annotations && parts.length === 3)
    return { kind: 'annotation', path, annotator: parts[1], document: name.slice(0, -5) };
  return null;
}

/** A bounded, numbered log of changes under one folder. */
export class ChangeFeed {
  private seq = 0;
  private readonly log: ProjectChange[] = [];
  private lastAt = 0;
  private watcher: FSWatcher | null = null;

  constructor(readonly root: string) {}

  /** Starts watching (idempotent); on platforms without recursive watch it stays empty. */
  start(): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.root, { recursive: true }, (_event, filename) => {
        if (filename) this.record(String(filename));
      });
      this.watcher.on('error', () => this.stop());
    } catch {
      this.watcher = null;
    }
  }

  /** Adds one change (the watcher calls it; tests may too). */
  record(relativePath: string): void {
    const change = classifyChange(relativePath.split(sep).join('/'));
    if (!change) return;
    const last = this.log[this.log.length - 1];
    const now = Date.now();
    // One save raises several events at once; a later write of the same file is a new change.
    if (last && last.path === change.path && now - this.lastAt < 100) return;
    this.lastAt = now;
    this.log.push({ seq: ++this.seq, ...change });
    if (this.log.length > MAX) this.log.splice(0, this.log.length - MAX);
  }

  /** The changes after `cursor`, and the new cursor; `reset` when the log no longer reaches back. */
  since(cursor: number): ChangeFeedPage {
    const first = this.log[0]?.seq ?? this.seq + 1;
    return { cursor: this.seq, changes: this.log.filter((c) => c.seq > cursor), reset: cursor < first - 1 };
  }

  /** Stops watching (closing a project). */
  stop(): void {
    this.watcher?.close();
    this.watcher = null;
  }
}
