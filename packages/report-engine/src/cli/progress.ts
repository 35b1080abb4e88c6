/** Facilities done out of all, on one stderr line (a line per facility when stderr is not a terminal). */
export class Progress {
  private finished = 0;
  private failed = 0;
  private readonly started = Date.now();

  constructor(private readonly total: number) {}

  done(failed: boolean): void {
    this.finished++;
    if (failed) this.failed++;
    const width = 24;
    const full = Math.round((this.finished / this.total) * width);
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const text = `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${this.finished}/${this.total} facilities, ${this.failed} failed, ${seconds} s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}${this.finished === this.total ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  }
}
