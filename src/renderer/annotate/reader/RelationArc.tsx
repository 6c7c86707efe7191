// One relation as drawn over the reader: its connector, and its type label (or, with one end off screen, a stub
// that jumps to the other end). Props are plain values, so the layer memoizes each by its relation's key and a
// new relation mounts its own arc while every other one keeps its element untouched.

export interface ArcProps {
  d: string;
  mine: boolean;
  owners: string;
  lit: boolean;
  dim: boolean;
  colour: string;
  directed: boolean;
}

export function ArcPath({ d, mine, owners, lit, dim, colour, directed }: ArcProps) {
  return (
    <path
      d={d}
      data-testid={mine ? 'relation-arc' : 'relation-arc-layer'}
      data-owners={owners}
      className={['rel-arc', mine ? '' : 'faded', lit ? 'lit' : '', dim ? 'dim' : ''].join(' ')}
      stroke={colour}
      markerEnd={directed ? 'url(#rel-head)' : undefined}
    />
  );
}

export interface LabelProps {
  /** The relation's key, handed back to `onJump`. */
  id: string;
  type: string;
  /** " · you, bob" when the relation is not the analyst's alone, else "". */
  layers: string;
  owners: string;
  mine: boolean;
  lit: boolean;
  colour: string;
  x: number;
  y: number;
  title: string;
  /** Set for a stub (one end off screen): the arrow towards that end; its words are `other`. */
  arrow: string | null;
  other: string;
  onJump(id: string): void;
}

export function ArcLabel({
  id,
  type,
  layers,
  owners,
  mine,
  lit,
  colour,
  x,
  y,
  title,
  arrow,
  other,
  onJump,
}: LabelProps) {
  const cls = ['rel-label', mine ? '' : 'faded', lit ? 'lit' : ''].join(' ');
  if (arrow === null)
    return (
      <span
        className={cls}
        data-testid="relation-label"
        data-layers={layers ? owners : undefined}
        style={{ left: x, top: y, borderColor: colour }}
        title={title}
      >
        {type}
        {layers && <span className="rel-layers">{layers}</span>}
      </span>
    );
  return (
    <button
      type="button"
      className={`${cls} rel-stub`}
      tabIndex={-1}
      data-testid="relation-stub"
      style={{ left: x, top: y, borderColor: colour }}
      title={title}
      onClick={() => onJump(id)}
    >
      {`${type} ${arrow} ${other}${layers}`}
    </button>
  );
}
