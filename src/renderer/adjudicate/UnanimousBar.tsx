// "Accept all unanimous": every span at least N annotators marked identically, and every document label
// they gave alike, goes into gold; decisions already made are left alone.
import { useState } from 'react';
import type { AcceptUnanimousReport } from '../../core/api';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { Select } from '../ui/Select';
import { useBusy } from '../ui/useBusy';

interface UnanimousBarProps {
  by: string;
  /** The most annotators who coded one document: bounds the "at least N" choice. */
  maxAnnotators: number;
  onDone(): void;
}

function describe(r: AcceptUnanimousReport): string {
  const single = r.singleAnnotatorDocuments.length
    ? ` · ${r.singleAnnotatorDocuments.length} document(s) coded by one annotator only`
    : '';
  return `Accepted ${r.accepted} span(s) and ${r.acceptedDocLabels} document label(s) in ${r.documents} document(s) · ${r.alreadyDecided} already decided${single}`;
}

export function UnanimousBar({ by, maxAnnotators, onDone }: UnanimousBarProps) {
  const api = useApi();
  const [min, setMin] = useState('all');
  const [busy, runBusy] = useBusy();
  const [said, setSaid] = useState<string | null>(null);
  const run = async () => {
    setSaid(null);
    await runBusy(
      async () => {
        const report = await api.acceptUnanimous({ by: by.trim(), ...(min === 'all' ? {} : { min: Number(min) }) });
        setSaid(describe(report));
        onDone();
      },
      (err) => setSaid(`Failed: ${errorText(err)}`),
    );
  };
  const options = Array.from({ length: Math.max(0, maxAnnotators - 1) }, (_, i) => i + 2);
  return (
    <span className="adj-unanimous">
      <Select
        value={min}
        data-testid="adj-min"
        aria-label="Marked identically by"
        onChange={setMin}
        choices={options.map((n) => ({ value: String(n), text: `at least ${n} annotators` }))}
      >
        <option value="all">all who coded it</option>
      </Select>
      <button
        type="button"
        data-testid="adj-accept-unanimous"
        disabled={busy || !by.trim()}
        title={by.trim() ? undefined : 'Enter your name in the Lead field first'}
        onClick={() => void run()}
      >
        {busy ? 'Accepting…' : 'Accept all unanimous'}
      </button>
      {said && (
        <span className="small-text" data-testid="adj-unanimous-report" role="status">
          {said}
        </span>
      )}
    </span>
  );
}
