// Saves run one at a time and the latest whole record of a document and annotator wins: a burst of edits
// is one write, and no older record can land after a newer one. An edit the backend refused stays here
// until it is retried or given up, so it is never lost and every read of that record sees it.
import type { FrameLensApi, SaveAnnotationsInput } from '../../core/api';
import type { AnnotationRecord } from '../../core/model';
import { errorText } from '../ui/errors';

type SaveState = 'saved' | 'saving' | 'failed';

export interface SaveStatus {
  state: SaveState;
  error: string | null;
  /** Documents whose last edit is not on disk. */
  unsaved: number;
}

interface SaveQueueOptions {
  save: FrameLensApi['saveAnnotations'];
  onStatus(status: SaveStatus): void;
  /** The file changed on disk since the edit was made on it: the edit is kept and the analyst must choose. */
  onConflict(document: string, annotator: string): void;
  /** A save was written; `record` is what the backend stored (with the span ids it gave). */
  onSaved?(sent: SaveAnnotationsInput, record: AnnotationRecord): void;
  /** When a queued save starts; the app's default waits for the edit to be painted. */
  schedule?(run: () => void): void;
}

const SAVED: SaveStatus = { state: 'saved', error: null, unsaved: 0 };

/** The backend refuses a save on top of a file that changed since with a message starting `conflict:`. */
function isConflictError(message: string): boolean {
  return /^conflict:/i.test(message.trim());
}

// Serializing a long record must not delay the frame that shows the edit, nor the next key press: it starts
// once that frame is painted and the browser is idle. The timer covers hidden windows, where animation frames
// do not run, and a browser never idle (the second call finds the queue busy or empty).
function afterPaint(run: () => void): void {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible')
    requestAnimationFrame(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 40 });
      else setTimeout(run, 0);
    });
  setTimeout(run, 50);
}

const keyOf = (document: string, annotator: string) => `${document}\u0000${annotator}`;

export class SaveQueue {
  private readonly pending = new Map<string, SaveAnnotationsInput>();
  private readonly writing = new Map<string, SaveAnnotationsInput>();
  private readonly failed = new Map<string, { input: SaveAnnotationsInput; error: string }>();
  // The `updatedAt` of the version on disk each edit was made on (null: no file yet). Every save is sent on
  // top of it, so the backend refuses, rather than overwrites, a file someone else changed since.
  private readonly bases = new Map<string, string | null>();
  private pumping = false;
  private idle: Array<() => void> = [];
  private current: SaveStatus = SAVED;

  constructor(private readonly options: SaveQueueOptions) {}

  get status(): SaveStatus {
    return this.current;
  }

  enqueue(input: SaveAnnotationsInput): void {
    this.pending.set(keyOf(input.document, input.annotator), input);
    this.publish();
    (this.options.schedule ?? afterPaint)(() => void this.pump());
  }

  /** The edit of a record not yet on disk (queued, being written, or refused), newest first. */
  unsaved(document: string, annotator: string): SaveAnnotationsInput | undefined {
    const key = keyOf(document, annotator);
    return this.pending.get(key) ?? this.writing.get(key) ?? this.failed.get(key)?.input;
  }

  isWriting(document: string, annotator: string): boolean {
    return this.writing.has(keyOf(document, annotator));
  }

  hasFailures(): boolean {
    return this.failed.size > 0;
  }

  /** Undefined: never read nor written in this project. */
  base(document: string, annotator: string): string | null | undefined {
    return this.bases.get(keyOf(document, annotator));
  }

  setBase(document: string, annotator: string, updatedAt: string | null): void {
    this.bases.set(keyOf(document, annotator), updatedAt);
  }

  clearBases(): void {
    this.bases.clear();
  }

  /** Resolves once every queued save has been tried. */
  flush(): Promise<void> {
    if (!this.pumping && this.pending.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.idle.push(resolve));
  }

  retry(): void {
    for (const [key, { input }] of this.failed) if (!this.pending.has(key)) this.pending.set(key, input);
    this.failed.clear();
    this.publish();
    void this.pump();
  }

  /** Sends the local edit over exactly the disk version the analyst saw; if that changed again, it is refused too. */
  keepMine(document: string, annotator: string, diskUpdatedAt: string | null): void {
    const local = this.unsaved(document, annotator);
    if (!local) return;
    const key = keyOf(document, annotator);
    this.bases.set(key, diskUpdatedAt);
    this.failed.delete(key);
    this.pending.set(key, local);
    this.publish();
    void this.pump();
  }

  /** Gives up the queued or refused edit of one record (call after `flush`, so none is being written). */
  discard(document: string, annotator: string): void {
    const key = keyOf(document, annotator);
    this.pending.delete(key);
    this.failed.delete(key);
    this.publish();
  }

  private publish(): void {
    const busy = this.pumping || this.pending.size > 0;
    const lastFailure = [...this.failed.values()].pop();
    const next: SaveStatus = busy
      ? { state: 'saving', error: lastFailure?.error ?? null, unsaved: this.failed.size }
      : lastFailure
        ? { state: 'failed', error: lastFailure.error, unsaved: this.failed.size }
        : SAVED;
    const cur = this.current;
    // An unchanged status is not published: every store update reruns every selector, and records are large.
    if (cur.state === next.state && cur.error === next.error && cur.unsaved === next.unsaved) return;
    this.current = next;
    this.options.onStatus(next);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.pending.size > 0) {
        const [key, input] = this.pending.entries().next().value as [string, SaveAnnotationsInput];
        this.pending.delete(key);
        this.writing.set(key, input);
        this.publish();
        try {
          const request = this.bases.has(key) ? { ...input, baseUpdatedAt: this.bases.get(key) } : input;
          const result = await this.options.save(request);
          if (result?.record?.updatedAt) this.bases.set(key, result.record.updatedAt);
          if (!this.pending.has(key)) this.failed.delete(key);
          if (result?.record) this.options.onSaved?.(input, result.record);
        } catch (err) {
          const error = errorText(err);
          if (!this.pending.has(key)) this.failed.set(key, { input, error });
          if (isConflictError(error)) this.options.onConflict(input.document, input.annotator);
        } finally {
          this.writing.delete(key);
        }
      }
    } finally {
      this.pumping = false;
      this.publish();
      const waiting = this.idle;
      this.idle = [];
      for (const resolve of waiting) resolve();
    }
  }
}
