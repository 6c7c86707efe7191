// Progress and cooperative cancel for long runs. The core never waits on a clock or a message port itself:
// it calls onProgress at coarse steps and awaits what it returns, so a worker can yield to its event loop
// there (and receive a cancel message); then the core checks the signal and stops with Cancelled.

/** How far a run has got: work units done of the total, and what it is doing. */
export interface Progress {
  stage: string;
  done: number;
  total: number;
}

/** What the caller passes to follow and stop a run. */
export interface RunControl {
  onProgress?: (p: Progress) => void | Promise<void>;
  /** An AbortSignal fits; anything with `aborted` does. */
  signal?: { readonly aborted: boolean };
}

/** Thrown when the signal is aborted; nothing of the run is returned. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** Counts work units of one run and reports them. */
export class Reporter {
  private done = 0;
  constructor(
    private readonly control: RunControl | undefined,
    private total: number,
  ) {}

  /** Grows the total when a stage's size becomes known late. */
  addTotal(units: number): void {
    this.total += units;
  }

  async step(stage: string, units = 1): Promise<void> {
    this.done += units;
    if (this.control?.signal?.aborted) throw new Cancelled();
    if (this.control?.onProgress)
      await this.control.onProgress({ stage, done: Math.min(this.done, this.total), total: this.total });
    if (this.control?.signal?.aborted) throw new Cancelled();
  }

  check(): void {
    if (this.control?.signal?.aborted) throw new Cancelled();
  }
}
