// A phrase inside its surrounding text: plain text nodes around a <mark>, never HTML from the document.

export function ContextLine({ before, match, after }: { before: string; match: string; after: string }) {
  return (
    <span className="ol-ctx" data-testid="ol-context">
      {before && '…'}
      {before}
      <mark>{match}</mark>
      {after}
      {after && '…'}
    </span>
  );
}
