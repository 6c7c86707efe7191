// The Phrases tab: the outlets as columns for one label, a plural-grouping toggle, CSV of the table, and
// the occurrences of the clicked phrase.
import { useState } from 'react';
import type { OutletReport } from '../../core/api';
import { downloadCsv } from '../ui/download';
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
  report: OutletReport;
  /** The outlet report job the phrases' documents are fetched from. */
  job: string;
  label: string;
  color: string;
}) {
  const [fold, setFold] = useState(false);
  // A pick belongs to one label, grouping and report: any change closes it.
  const [picked, setPicked] = useState<{ pick: PhrasePick; report: OutletReport; key: string } | null>(null);
  const key = `${label}\u0000${fold}`;
  const pick = picked && picked.key === key && picked.report === report ? picked.pick : null;
  const setPick = (p: PhrasePick | null) => setPicked(p && { pick: p, report, key });
  const byOutlet = report.labels[label] ?? {};
  // every outlet of the documents in scope has a rates row, phrases or none
  const outlets = outletNames(Object.keys(byOutlet), Object.keys(report.rates));
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
        <button
          type="button"
          className="ol-push"
          data-testid="ol-phrases-csv"
          onClick={() => downloadCsv(phrasesCsv(report.labels), `phrases ${label}`)}
        >
          CSV
        </button>
      </div>
      {outlets.length === 0 ? (
        <p className="muted">No documents.</p>
      ) : (
        <PhraseColumns byOutlet={byOutlet} outlets={outlets} fold={fold} color={color} picked={pick} onPick={setPick} />
      )}
      {pick && <PhraseContexts pick={pick} job={job} label={label} onClose={() => setPick(null)} />}
    </div>
  );
}
