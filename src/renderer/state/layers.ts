// Whose layers the reader shows beside the analyst's own, remembered per project on this machine: whether
// other layers are shown at all, and which annotators' layers (the analyst's own included) are hidden.
const KEY = 'framelens.layers:';

export interface LayerChoice {
  show: boolean;
  hidden: string[];
}

/** The choice last made in this project, or null when none was. */
export function loadLayerChoice(project: string): LayerChoice | null {
  try {
    const raw = localStorage.getItem(KEY + project);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<LayerChoice>;
    if (typeof v.show !== 'boolean' || !Array.isArray(v.hidden)) return null;
    return { show: v.show, hidden: v.hidden.filter((h): h is string => typeof h === 'string') };
  } catch {
    return null;
  }
}

export function storeLayerChoice(project: string, choice: LayerChoice): void {
  try {
    localStorage.setItem(KEY + project, JSON.stringify(choice));
  } catch {
    // Storage may be unavailable (private mode); the choice still holds for this session.
  }
}
