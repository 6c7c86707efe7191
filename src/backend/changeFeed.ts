// Notices files changing underneath the app (a git pull, a sync, the CLI): watches of the project's
// folders, numbered so the renderer can ask "what changed since N?".
import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
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

/** The folders a change the app reads can happen in: the root and these, and every annotator's folder. */
const FOLDERS: readonly string[] = [LAYOUT.documents, LAYOUT.annotations, LAYOUT.rounds, LAYOUT.models, LAYOUT.memos];

/**
 * A bounded, numbered log of changes under one folder. It watches folders, not files: one OS watch for the
 * root, each folder of FOLDERS and each annotator's folder (a handful at any corpus size, far below the
 * inotify limit), and an event never walks the tree; a folder that appears is watched when its parent says so.
 * (Node's recursive watch on Linux watches every file and walks the whole tree on every event.)
 */
export class ChangeFeed {
  private seq = 0;
  private readonly log: ProjectChange[] = [];
  private lastAt = 0;
  private readonly watchers = new Map<string, FSWatcher>();
  private started = false;
  private readonly listeners = new Set<(change: ProjectChange) => void>();

  constructor(readonly root: string) {}

  /** Starts watching (idempotent); where the OS cannot watch, it stays empty. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.follow('');
    for (const folder of FOLDERS) this.follow(folder);
    readdir(join(this.root, LAYOUT.annotations), { withFileTypes: true }).then(
      (entries) => {
        for (const e of entries) if (e.isDirectory()) this.follow(`${LAYOUT.annotations}/${e.name}`);
      },
      () => {},
    );
  }

  /** How many folders are watched (each is one OS watch). */
  get watchCount(): number {
    return this.watchers.size;
  }

  /** Calls `listener` with every change recorded from now on; returns the unsubscribe. */
  subscribe(listener: (change: ProjectChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watches one project-relative folder (again, when it was replaced); a missing folder is skipped. */
  private follow(rel: string): void {
    if (!this.started) return;
    this.watchers.get(rel)?.close();
    this.watchers.delete(rel);
    let watcher: FSWatcher;
    try {
      // Not persistent: a watch never keeps a process (a CLI command) alive.
      watcher = watch(
        rel ? join(this.root, ...rel.split('/')) : this.root,
        { persistent: false },
        (_event, filename) => {
          if (filename) this.observed(rel, String(filename));
        },
      );
    } catch {
      return;
    }
    watcher.on('error', () => {
      watcher.close();
      if (this.watchers.get(rel) === watcher) this.watchers.delete(rel);
    });
    this.watchers.set(rel, watcher);
  }

  private observed(folder: string, name: string): void {
    const path = folder ? `${folder}/${name}` : name;
    const isFolder = (folder === '' && FOLDERS.includes(name)) || folder === LAYOUT.annotations;
    // A followed folder created, replaced or removed (a checkout, a new annotator): follow it again if it is there.
    if (isFolder)
      stat(join(this.root, ...path.split('/'))).then(
        (info) => {
          if (info.isDirectory()) this.follow(path);
        },
        () => {
          this.watchers.get(path)?.close();
          this.watchers.delete(path);
        },
      );
    this.record(path);
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
    const numbered = { seq: ++this.seq, ...change };
    this.log.push(numbered);
    if (this.log.length > MAX) this.log.splice(0, this.log.length - MAX);
    for (const listener of this.listeners) listener(numbered);
  }

  /** The changes after `cursor`, and the new cursor; `reset` when the log no longer reaches back. */
  since(cursor: number): ChangeFeedPage {
    const first = this.log[0]?.seq ?? this.seq + 1;
    return { cursor: this.seq, changes: this.log.filter((c) => c.seq > cursor), reset: cursor < first - 1 };
  }

  /** Stops watching (closing a project). */
  stop(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.started = false;
  }
}
