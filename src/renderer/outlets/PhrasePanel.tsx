// The Phrases tab: the outlets as columns for one label, a plural-grouping toggle, CSV of the table, and
// the occurrences of the clicked phrase.
import { useState } from 'react';
import type { FrameLensApi, OutletReport } from '../../core/api';
import type { PhraseRow } from '../../core/outlets';
import { MAX_ROWS, type OutletOverview } from '../../core/reports';
import { useApi } from '../state/context';
import { downloadCsv } from '../ui/download';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { phrasesCsv } from './csv';
import { PhraseColumns, type PhrasePick } from './PhraseColumns';
import { PhraseContexts } from './PhraseContexts';
import { outletNames } from './phrases';

export function PhrasePanel({
  report,
  job,
  label,
  color,
}: {
  report: OutletOverview<OutletReport>;
  /** The outlet report job the phrases' documents are fetched from. */
  job: string;
  label: string;
  color: string;
}) {
  const api = useApi();
  const [fold, setFold] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  // A pick belongs to one label, grouping and report: any change closes it.
  const [picked, setPicked] = useState<{
    pick: PhrasePick;
    report: OutletOverview<OutletReport>;
    key: string;
  } | null>(null);
  const key = `${label}\u0000${fold}`;
  const pick = picked && picked.key === key && picked.report === report ? picked.pick : null;
  const setPick = (p: PhrasePick | null) => setPicked(p && { pick: p, report, key });
  const sizes = report.phrases[label] ?? {};
  // every outlet of the documents in scope has a rates row, phrases or none
  const outlets = outletNames(Object.keys(sizes), Object.keys(report.rates));
  const csv = () => {
    setCsvError(null);
    allPhrases(api, job, label, Object.keys(sizes)).then(
      (byOutlet) => downloadCsv(phrasesCsv({ [label]: byOutlet }), `phrases ${label}`),
      (err) => setCsvError(errorText(err)),
    );
  };
  return (
    <div className="ol-phrase-panel">
      <div className="ol-toolbar">
        <label>
          <input type="checkbox" checked={fold} onChange={(e) => setFold(e.target.checked)} data-testid="ol-fold" />{' '}
          Group simple plurals (“riots” with “riot”)
        </label>
        <span className="muted">
          Phrases are case-folded with spaces collapsed; counts are spans (every chosen coder's). Click one to see it in
          context.
        </span>
        <button type="button" className="ol-push" data-testid="ol-phrases-csv" onClick={csv}>
          CSV
        </button>
      </div>
      {csvError && <FieldError>{csvError}</FieldError>}
      {outlets.length === 0 ? (
        <p className="muted">No documents.</p>
      ) : (
        <PhraseColumns
          job={job}
          label={label}
          sizes={sizes}
          outlets={outlets}
          fold={fold}
          color={color}
          picked={pick}
          onPick={setPick}
        />
      )}
      {pick && <PhraseContexts pick={pick} job={job} label={label} onClose={() => setPick(null)} />}
    </div>
  );
}

/** Every phrase row of a label per outlet, page after page: the CSV holds the whole table. */
async function allPhrases(
  api: FrameLensApi,
  job: string,
  label: string,
  outlets: string[],
): Promise<Record<string, PhraseRow[]>> {
  const out: Record<string, PhraseRow[]> = {};
  for (const outlet of outlets) {
    const rows: PhraseRow[] = [];
    for (let total = 1; rows.length < total; ) {
      const page = await api.outletPhraseRows(job, {
        label,
        outlet,
        fold: false,
        offset: rows.length,
        limit: MAX_ROWS,
      });
      total = page.total;
      if (page.rows.length === 0) break;
      rows.push(...page.rows);
    }
    out[outlet] = rows;
  }
  return out;
}
