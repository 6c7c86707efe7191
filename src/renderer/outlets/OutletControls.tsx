// The Outlets view's pickers: which label, which story, whose spans.
import type { Codebook } from '../../core/model';
import { LayerSelect } from '../ui/LayerSelect';
import type { Layer } from '../ui/layer';
import { LabelledSelect, Options } from '../ui/Select';

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
      <LabelledSelect inline label="Label" value={label} onChange={onLabel} data-testid="ol-label">
        {groups.map((g) => {
          const names = codebook.spanLabels.filter((l) => (l.group ?? '') === g).map((l) => l.name);
          return g ? (
            <optgroup key={g} label={g}>
              <Options choices={names} />
            </optgroup>
          ) : (
            <Options key="" choices={names} />
          );
        })}
      </LabelledSelect>
      <LabelledSelect inline label="Story" value={story} onChange={onStory} data-testid="ol-story">
        <option value="">All documents</option>
        <Options choices={stories} />
        {unapplied.length > 0 && (
          <optgroup label="Suggested (apply under Stories first)">
            <Options choices={unapplied} />
          </optgroup>
        )}
      </LabelledSelect>
      <LayerSelect inline label="Spans of" layer={layer} annotators={annotators} onChange={onLayer} testId="ol-layer" />
    </div>
  );
}
