/** Counts rejected input by channel and reason, keeping the last message of each for diagnosis. */
export type Channel = 'http' | 'mqtt' | 'ws';

export class RejectCounter {
  readonly counts: Record<string, number> = {};
  readonly last: Record<string, string> = {};

  count(channel: Channel, reason: string, message?: string): void {
    const key = `${channel}.${reason}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    if (message) this.last[key] = message;
  }

  total(channel: Channel): number {
    return Object.entries(this.counts).filter(([k]) => k.startsWith(`${channel}.`)).reduce((s, [, v]) => s + v, 0);
  }
}
