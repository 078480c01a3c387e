/** A chart's data as a table: the CSV export writes exactly this. */
export interface ChartTable {
  columns: string[];
  rows: (string | number | null)[][];
}

const quote = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(table: ChartTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Saves a blob under a name: the browser's download (the desktop app asks where, with its save dialog). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The chart's SVG drawn into a canvas of the SVG's own size, on the card's background, as a PNG.
 * Computed text styles are copied onto the text so the picture reads as the screen does.
 */
export async function svgToPng(svg: SVGSVGElement, background: string): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const [w, h] = [Math.round(width), Math.round(height)];
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(w));
  copy.setAttribute('height', String(h));
  const texts = svg.querySelectorAll('text');
  copy.querySelectorAll('text').forEach((text, i) => {
    const style = getComputedStyle(texts[i]);
    text.setAttribute('font-family', style.fontFamily);
    text.setAttribute('font-size', style.fontSize);
  });
  const source = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw a canvas.');
  context.fillStyle = background;
  context.fillRect(0, 0, w, h);
  context.drawImage(image, 0, 0, w, h);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be drawn.'))), 'image/png'),
  );
}
