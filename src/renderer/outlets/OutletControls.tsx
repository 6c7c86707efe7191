// The Outlets view's pickers: which label, which story, whose spans.
import type { Codebook } from '../../core/model';
import { LayerSelect } from '../ui/LayerSelect';
import type { Layer } from '../ui/layer';

/** Shared by every tab. */
export function OutletControls({
  codebook,
  annotators,
  stories,
  suggested,
  label,
  story,
  layer,
  onLabel,
  onStory,
  onLayer,
}: {
  codebook: Codebook;
  annotators: string[];
  stories: string[];
  suggested: string[];
  label: string;
  story: string;
  layer: Layer;
  onLabel(label: string): void;
  onStory(story: string): void;
  onLayer(layer: Layer): void;
}) {
  const groups = [...new Set(codebook.spanLabels.map((l) => l.group ?? ''))];
  const unapplied = suggested.filter((s) => !stories.includes(s));
  return (
    <div className="ol-controls">
      <label>
        Label{' '}
        <select value={label} onChange={(e) => onLabel(e.target.value)} data-testid="ol-label">
          {groups.map((g) => {
            const options = codebook.spanLabels
              .filter((l) => (l.group ?? '') === g)
              .map((l) => (
                <option key={l.name} value={l.name}>
                  {l.name}
                </option>
              ));
            return g ? (
              <optgroup key={g} label={g}>
                {options}
              </optgroup>
            ) : (
              options
            );
          })}
        </select>
      </label>
      <label>
        Story{' '}
        <select value={story} onChange={(e) => onStory(e.target.value)} data-testid="ol-story">
          <option value="">All documents</option>
          {stories.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
          {unapplied.length > 0 && (
            <optgroup label="Suggested (apply under Stories first)">
              {unapplied.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <LayerSelect inline label="Spans of" layer={layer} annotators={annotators} onChange={onLayer} testId="ol-layer" />
    </div>
  );
}
