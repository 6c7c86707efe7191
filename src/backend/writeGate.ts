// Writes a user waits for (a save) go before an import's staging writes. Node runs file system calls on libuv's
// pool of four threads: staging that fills it with dozens of writes and fsyncs makes every save queue behind
// them. Staging therefore asks for a turn before each write or fsync. While saves are being made (one ran in the
// last QUIET_MS), only a couple of staging calls run at once, so threads stay free for others, and none while a
// save is writing, for at most MAX_WAIT_MS each: coders saving without pause slow an import down but never stop
// it. When no one saves, staging runs at full width.
const BUSY = 2;
const IDLE = 64;
const QUIET_MS = 500;
const MAX_WAIT_MS = 50;

let foreground = 0;
let background = 0;
let lastUrgent = Number.NEGATIVE_INFINITY;
let waiting: (() => void)[] = [];

function wake(): void {
  const woken = waiting;
  waiting = [];
  for (const resolve of woken) resolve();
}

function woken(withinMs?: number): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (withinMs !== undefined) setTimeout(resolve, withinMs).unref?.();
  });
}

/** Runs a write someone is waiting for (a save): staging holds back while it runs. */
export async function urgent<T>(fn: () => Promise<T>): Promise<T> {
  foreground++;
  try {
    return await fn();
  } finally {
    foreground--;
    lastUrgent = performance.now();
    wake();
  }
}

/** Runs one staging write or fsync in its turn. */
export async function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  for (;;) {
    const busy = foreground > 0 || performance.now() - lastUrgent < QUIET_MS;
    if (background >= (busy ? BUSY : IDLE)) {
      await woken();
      continue;
    }
    const left = MAX_WAIT_MS - (performance.now() - started);
    if (foreground > 0 && left > 0) {
      await woken(left);
      continue;
    }
    break;
  }
  background++;
  try {
    return await fn();
  } finally {
    background--;
    wake();
  }
}
