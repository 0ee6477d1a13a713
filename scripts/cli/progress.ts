/**
 * Progress with an ETA, drawn on stderr only when it is a TTY and only for work that has
 * lasted longer than a second (so quick runs and pipes stay clean).
 */
export interface ProgressOptions {
  /** Stream to draw on; defaults to process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Milliseconds before the bar first appears. */
  delayMs?: number;
  /** Minimum milliseconds between redraws. */
  intervalMs?: number;
}

export const PROGRESS_DEFAULTS: Required<Omit<ProgressOptions, 'stream'>> = { delayMs: 1000, intervalMs: 100 };

export class Progress {
  private done = 0;
  private readonly start = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private readonly stream: NodeJS.WriteStream;
  private readonly opts: Required<Omit<ProgressOptions, 'stream'>>;

  constructor(readonly label: string, public total: number, options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.opts = { ...PROGRESS_DEFAULTS, ...options };
  }

  /** Advance by `n` units (or set the absolute count with `set`). */
  tick(n = 1, note?: string): void {
    this.set(this.done + n, note);
  }

  set(done: number, note?: string): void {
    this.done = done;
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.start < this.opts.delayMs || now - this.lastDraw < this.opts.intervalMs) return;
    this.lastDraw = now;
    this.draw(note);
  }

  /** Seconds remaining, extrapolated from the rate so far; undefined before any progress. */
  eta(): number | undefined {
    if (this.done <= 0 || this.total <= 0) return undefined;
    const elapsed = (Date.now() - this.start) / 1000;
    return (elapsed / this.done) * Math.max(0, this.total - this.done);
  }

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
  }

  private draw(note?: string): void {
    const frac = this.total > 0 ? Math.min(1, this.done / this.total) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const eta = this.eta();
    const etaText = eta === undefined ? '--' : formatSeconds(eta);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0)}% ` +
      `${this.done}/${this.total} ETA ${etaText}${note ? ` ${note}` : ''}`;
    const cols = this.stream.columns ?? 100;
    this.stream.write(`\r\x1b[2K${line.slice(0, cols - 1)}`);
    this.drawn = true;
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--';
  if (s < 60) return `${s.toFixed(0)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
