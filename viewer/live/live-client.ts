/**
 * The `/ws/live` protocol state, independent of the socket: per connection `seq` must rise by one;
 * a gap means lost messages, so the client asks for `resync` (the server answers with a snapshot)
 * and ignores observations until the snapshot arrives. Malformed messages are counted and dropped.
 */
import type { LiveMessage, LiveRequest } from '../../server/index.ts';
import { parseLiveMessage } from './live-messages.ts';

export interface LiveHandlers {
  onMessage(message: LiveMessage): void;
  send(request: LiveRequest): void;
  onMalformed?(count: number, reason: string): void;
}

export class LiveProtocol {
  private lastSeq: number | undefined;
  private awaitingSnapshot = false;
  malformed = 0;
  resyncs = 0;

  constructor(private readonly handlers: LiveHandlers) {}

  /** A new connection: sequence numbers restart. */
  reset(): void {
    this.lastSeq = undefined;
    this.awaitingSnapshot = false;
  }

  receive(text: string): void {
    const parsed = parseLiveMessage(text);
    if (!parsed.ok) {
      this.malformed++;
      this.handlers.onMalformed?.(this.malformed, parsed.reason);
      return;
    }
    const m = parsed.message;
    const gap = this.lastSeq !== undefined && m.seq !== this.lastSeq + 1;
    this.lastSeq = m.seq;
    if (m.type === 'snapshot') this.awaitingSnapshot = false;
    else if (gap && !this.awaitingSnapshot) {
      this.awaitingSnapshot = true;
      this.resyncs++;
      this.handlers.send({ type: 'resync' });
    }
    if (this.awaitingSnapshot && m.type === 'observations') return;
    this.handlers.onMessage(m);
  }
}
