// A chart with its export buttons: SVG and PNG of the drawing, CSV of the numbers behind it.
import { type ReactNode, useRef, useState } from 'react';
import { downloadCsv } from '../../ui/download';
import { errorText } from '../../ui/errors';
import { FieldError } from '../../ui/FieldError';
import { downloadPng, downloadSvg } from './exportChart';

export function ChartFrame({
  title,
  csv,
  testId,
  children,
}: {
  title: string;
  csv: () => string;
  testId: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const svg = () => box.current?.querySelector('svg') ?? null;
  const png = async () => {
    const el = svg();
    if (!el) return;
    try {
      setError(null);
      await downloadPng(el, title);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <figure className="ol-chart" data-testid={testId}>
      <div className="ol-chart-tools">
        <button
          type="button"
          className="ol-tool"
          data-testid="export-svg"
          onClick={() => svg() && downloadSvg(svg()!, title)}
        >
          SVG
        </button>
        <button type="button" className="ol-tool" data-testid="export-png" onClick={() => void png()}>
          PNG
        </button>
        <button type="button" className="ol-tool" data-testid="export-csv" onClick={() => downloadCsv(csv(), title)}>
          CSV
        </button>
      </div>
      <div ref={box} className="ol-chart-box">
        {children}
      </div>
      {error && <FieldError>{error}</FieldError>}
    </figure>
  );
}
