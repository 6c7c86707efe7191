// Exporting a chart: the <svg> element serialized as a file, or drawn onto a canvas as PNG. The page's
// CSP allows images from 'self' and data: only, so the PNG is drawn from a data: URL, not a blob: URL.
import { downloadBlob, fileName } from '../../ui/download';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A standalone SVG file's text for an on-screen chart. */
export function svgText(svg: SVGSVGElement): string {
  let text = new XMLSerializer().serializeToString(svg);
  if (!/^<svg[^>]*\sxmlns=/.test(text)) text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}

/** The SVG as a data: URL (the only image source the CSP allows besides the app itself). */
export function svgDataUrl(text: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

export function downloadSvg(svg: SVGSVGElement, title: string): void {
  downloadBlob(new Blob([svgText(svg)], { type: 'image/svg+xml' }), fileName(title, 'svg'));
}

/** The chart as a PNG at `scale` times its size, on white. */
async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight;
  const img = new Image();
  img.src = svgDataUrl(svgText(svg));
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas to draw the chart on');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be drawn as PNG'))), 'image/png'),
  );
}

export async function downloadPng(svg: SVGSVGElement, title: string): Promise<void> {
  downloadBlob(await pngBlob(svg), fileName(title, 'png'));
}
