// The Phrases tab: the outlets as columns for one label, a plural-grouping toggle, CSV of the table, and
// the occurrences of the clicked phrase.
import { useMemo, useState } from 'react';
import type { OutletReport } from '../../core/api';
import type { DocumentSummary } from '../../core/model';
import { downloadCsv } from '../ui/download';
import { phrasesCsv } from './csv';
import { PhraseColumns, type PhrasePick } from './PhraseColumns';
import { PhraseContexts } from './PhraseContexts';
import { outletNames, outletOf } from './phrases';

export function PhrasePanel({
  report,
  label,
  color,
  documents,
}: {
  report: OutletReport;
  label: string;
  color: string;
  /** The documents in scope (the chosen story's, or all). */
  documents: DocumentSummary[];
}) {
  const [fold, setFold] = useState(false);
  // A pick belongs to one label, grouping and report: any change closes it.
  const [picked, setPicked] = useState<{ pick: PhrasePick; report: OutletReport; key: string } | null>(null);
  const key = `${label}\u0000${fold}`;
  const pick = picked && picked.key === key && picked.report === report ? picked.pick : null;
  const setPick = (p: PhrasePick | null) => setPicked(p && { pick: p, report, key });
  const byOutlet = report.labels[label] ?? {};
  const outlets = outletNames(
    Object.keys(byOutlet),
    documents.map((d) => outletOf(d.meta)),
  );
  const outletDocs = useMemo(
    () => (pick ? documents.filter((d) => outletOf(d.meta) === pick.outlet) : []),
    [pick, documents],
  );
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
      {pick && <PhraseContexts pick={pick} documents={outletDocs} onClose={() => setPick(null)} />}
    </div>
  );
}
