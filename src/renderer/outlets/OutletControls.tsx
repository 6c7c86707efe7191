// The Outlets view's pickers: which label, which story, whose spans.
import type { Codebook } from '../../core/model';
import { LayerSelect } from '../ui/LayerSelect';
import type { Layer } from '../ui/layer';
import { LabelledSelect, Options } from '../ui/Select';

/** What every tab shows: one label's spans, in one story's documents or all, of one layer. */
export interface OutletFilters {
  label: string;
  story: string;
  layer: Layer;
}

/** Shared by every tab. */
export function OutletControls({
  codebook,
  annotators,
  stories,
  suggested,
  filters,
  onChange,
}: {
  codebook: Codebook;
  annotators: string[];
  stories: string[];
  suggested: string[];
  filters: OutletFilters;
  onChange(change: Partial<OutletFilters>): void;
}) {
  const { label, story, layer } = filters;
  const set =
    <K extends keyof OutletFilters>(key: K) =>
    (value: OutletFilters[K]) =>
      onChange({ [key]: value });
  const groups = [...new Set(codebook.spanLabels.map((l) => l.group ?? ''))];
  const unapplied = suggested.filter((s) => !stories.includes(s));
  return (
    <div className="ol-controls">
      <LabelledSelect inline label="Label" value={label} onChange={set('label')} data-testid="ol-label">
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
      <LabelledSelect inline label="Story" value={story} onChange={set('story')} data-testid="ol-story">
        <option value="">All documents</option>
        <Options choices={stories} />
        {unapplied.length > 0 && (
          <optgroup label="Suggested (apply under Stories first)">
            <Options choices={unapplied} />
          </optgroup>
        )}
      </LabelledSelect>
      <LayerSelect
        inline
        label="Spans of"
        layer={layer}
        annotators={annotators}
        onChange={set('layer')}
        testId="ol-layer"
      />
    </div>
  );
}
