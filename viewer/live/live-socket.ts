/** The `/ws/live` WebSocket: reconnects with back-off, feeds the LiveProtocol. */
import type { LiveMessage } from '../../server/index.ts';
import { LiveProtocol } from './live-client.ts';

export interface LiveSocketOptions {
  url: string;
  onMessage(message: LiveMessage): void;
  onStatus(connected: boolean, malformed: number): void;
}

export function connectLive(options: LiveSocketOptions): { protocol: LiveProtocol; close(): void } {
  let ws: WebSocket | undefined;
  let closed = false, delay = 500;
  const protocol = new LiveProtocol({
    onMessage: options.onMessage,
    send: (r) => ws?.send(JSON.stringify(r)),
    onMalformed: (count) => options.onStatus(ws?.readyState === WebSocket.OPEN, count),
  });
  const open = () => {
    ws = new WebSocket(options.url);
    ws.onopen = () => {
      delay = 500;
      protocol.reset();
      ws!.send(JSON.stringify({ type: 'subscribe' }));
      options.onStatus(true, protocol.malformed);
    };
    ws.onmessage = (e) => protocol.receive(typeof e.data === 'string' ? e.data : '');
    ws.onclose = () => {
      options.onStatus(false, protocol.malformed);
      if (!closed) setTimeout(open, (delay = Math.min(delay * 2, 10_000)));
    };
  };
  open();
  return { protocol, close: () => { closed = true; ws?.close(); } };
}
