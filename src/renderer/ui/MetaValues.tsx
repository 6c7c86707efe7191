// A document's metadata values in a line, each isolated from the text around it: an ISO date beside Arabic
// or Persian words would otherwise be reordered by the bidi algorithm ("2026-01-10" read as "10-01-2026"),
// and an outlet's name in one script would push its neighbours about in another.
import { Fragment } from 'react';
import type { DocumentMeta } from '../../core/model';

type Field = 'outlet' | 'published' | 'author';

export function MetaValues({
  meta,
  fields = ['outlet', 'published'],
  separator = ' · ',
  empty = '\u00a0',
}: {
  meta: DocumentMeta;
  fields?: Field[];
  separator?: string;
  empty?: string;
}) {
  const values = fields.flatMap((f) => {
    const v = f === 'published' ? (meta.published ?? meta.publishedRaw) : meta[f];
    return v ? [{ f, v }] : [];
  });
  if (!values.length) return <>{empty}</>;
  return (
    <>
      {values.map(({ f, v }, i) => (
        <Fragment key={f}>
          {i > 0 && separator}
          <bdi
            className={`meta-${f}`}
            data-testid={`meta-${f}`}
            dir={f === 'published' && meta.published ? 'ltr' : 'auto'}
          >
            {v}
          </bdi>
        </Fragment>
      ))}
    </>
  );
}
