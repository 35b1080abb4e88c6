/** A one-line progress bar on stderr (a line per 10% when stderr is not a terminal). */
export function progressBar(label: string): (done: number, total: number, rows: number) => void {
  let started: number | undefined;
  let lastDecile = -1;
  return (done, total, rows) => {
    // The clock starts with the first report, when data starts to flow (after schema and metadata).
    started ??= Date.now();
    const seconds = Math.max((Date.now() - started) / 1000, 1);
    const share = done / total;
    const text = `${label} ${bar(share)} ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} patients · ${rows.toLocaleString('en')} rows · ${Math.round(rows / seconds).toLocaleString('en')} rows/s`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastDecile) {
      lastDecile = Math.floor(share * 10);
      process.stderr.write(`${text}\n`);
    }
  };
}

function bar(share: number, width = 24): string {
  const full = Math.round(share * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}
