// Which components rendered, seen from React's devtools hook: React reports every commit to
// `__REACT_DEVTOOLS_GLOBAL_HOOK__` when one is installed before react-dom loads (the setup file imports this
// first). A component rendered in a commit when its fiber did work (the PerformedWork flag), as the React
// DevTools profiler tells it; a subtree React bailed out of keeps its child fibers, and is not walked.

interface Fiber {
  tag: number;
  type: unknown;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
  memoizedProps: Record<string, unknown> | null;
}

const PERFORMED_WORK = 1;
// Function, class, forwardRef and simple memo components: the fibers that run a component's own code.
const COMPONENT_TAGS = new Set([0, 1, 11, 15]);

export interface Render {
  name: string;
  /** Which commit since recording began (0 first). */
  commit: number;
  props: Record<string, unknown> | null;
}

type Listener = (renders: Render[]) => void;
const listeners = new Set<Listener>();

function nameOf(type: unknown): string {
  if (typeof type === 'function') {
    const f = type as { displayName?: string; name?: string };
    return f.displayName || f.name || '(anonymous)';
  }
  if (type && typeof type === 'object') {
    const t = type as { displayName?: string; render?: unknown; type?: unknown };
    return t.displayName || nameOf(t.render ?? t.type);
  }
  return String(type);
}

function collect(next: Fiber, prev: Fiber | null, out: Render[]): void {
  const mounted = prev === null;
  if (COMPONENT_TAGS.has(next.tag) && (mounted || (next.flags & PERFORMED_WORK) !== 0))
    out.push({ name: nameOf(next.type), commit: 0, props: next.memoizedProps });
  // Children shared with the previous tree were not rendered again.
  if (prev && next.child === prev.child) return;
  for (let c = next.child; c; c = c.sibling) collect(c, mounted ? null : c.alternate, out);
}

interface FiberRoot {
  current: Fiber;
}

const hook = {
  supportsFiber: true,
  renderers: new Map(),
  inject(renderer: unknown) {
    const id = hook.renderers.size + 1;
    hook.renderers.set(id, renderer);
    return id;
  },
  onScheduleFiberRoot() {},
  onCommitFiberRoot(_id: number, root: FiberRoot) {
    if (listeners.size === 0) return;
    const out: Render[] = [];
    const current = root.current;
    collect(current, current.alternate, out);
    for (const l of listeners) l(out);
  },
  onPostCommitFiberRoot() {},
  onCommitFiberUnmount() {},
  checkDCE() {},
};

const g = globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown };
g.__REACT_DEVTOOLS_GLOBAL_HOOK__ ??= hook;

/** Every component render from now until `stop()`, in commit order. */
export function recordRenders(): { renders: Render[]; names(): string[]; count(name: string): number; stop(): void } {
  if (g.__REACT_DEVTOOLS_GLOBAL_HOOK__ !== hook) throw new Error('another devtools hook is installed');
  const renders: Render[] = [];
  let commits = 0;
  const l: Listener = (r) => {
    const commit = commits++;
    for (const x of r) renders.push({ ...x, commit });
  };
  listeners.add(l);
  return {
    renders,
    names: () => renders.map((r) => r.name),
    count: (name) => renders.filter((r) => r.name === name).length,
    stop: () => listeners.delete(l),
  };
}
