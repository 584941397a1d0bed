const WIDTH = 30;
const PLAIN_EVERY_MS = 5000;
const DRAW_EVERY_MS = 200;

const n = (x: number) => Math.round(x).toLocaleString('en');

/**
 * Progress of inserting `total` rows on a stream: a bar redrawn in place on a terminal, a plain line
 * every few seconds otherwise (a log file or CI would keep every redraw).
 */
export function progressBar(total: number, out: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let done = 0;
  let last = 0;
  const line = (table: string) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const stats = `${(share * 100).toFixed(1).padStart(5)}%  ${n(done)} / ${n(total)} rows  ${n(done / seconds)} rows/s  ${table}`;
    if (!out.isTTY) return stats;
    const filled = Math.round(share * WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${stats}`;
  };
  return {
    add(table: string, rows: number): void {
      done += rows;
      const now = Date.now();
      if (now - last < (out.isTTY ? DRAW_EVERY_MS : PLAIN_EVERY_MS)) return;
      last = now;
      out.write(out.isTTY ? `\r${line(table)}\x1b[K` : `${line(table)}\n`);
    },
    /** Ends the bar; returns the rows inserted and the seconds since it started. */
    finish(): { rows: number; seconds: number } {
      if (out.isTTY) out.write(`\r${line('done')}\x1b[K\n`);
      return { rows: done, seconds: (Date.now() - started) / 1000 };
    },
  };
}
