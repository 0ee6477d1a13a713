import { describe, expect, it } from 'vitest';
import type { LiveMessage, LiveRequest } from '../../server/index.ts';
import { LiveProtocol } from './live-client.ts';
import { parseLiveMessage } from './live-messages.ts';

function harness() {
  const got: LiveMessage[] = [], sent: LiveRequest[] = [];
  const protocol = new LiveProtocol({ onMessage: (m) => got.push(m), send: (r) => sent.push(r) });
  return { protocol, got, sent };
}
const obs = (seq: number, value = 1) => JSON.stringify({ type: 'observations', seq, items: [{ datastream: 7, time: '2026-01-01T00:00:00Z', value, alarm: 'warning' }] });

describe('live messages', () => {
  it('rejects malformed messages with a reason', () => {
    expect(parseLiveMessage('{').ok).toBe(false);
    expect(parseLiveMessage('[]').ok).toBe(false);
    expect(parseLiveMessage(JSON.stringify({ type: 'observations', items: [] }))).toEqual({ ok: false, reason: 'seq: expected an integer, found undefined' });
    expect(parseLiveMessage(JSON.stringify({ type: 'observations', seq: 1, items: [{ datastream: 1, time: 'x', value: 'high' }] })).ok).toBe(false);
    expect(parseLiveMessage(JSON.stringify({ type: 'observations', seq: 1, items: [{ datastream: 1, time: 'x', value: 1, alarm: 'panic' }] })).ok).toBe(false);
    expect(parseLiveMessage(JSON.stringify({ type: 'gossip', seq: 1 })).ok).toBe(false);
    expect(parseLiveMessage(obs(1)).ok).toBe(true);
  });
});

describe('LiveProtocol', () => {
  it('passes messages in sequence through', () => {
    const h = harness();
    for (const s of [1, 2, 3]) h.protocol.receive(obs(s));
    expect(h.got.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(h.sent).toEqual([]);
  });

  it('asks for one resync on a gap and drops observations until the snapshot', () => {
    const h = harness();
    h.protocol.receive(obs(1));
    h.protocol.receive(obs(3));
    h.protocol.receive(obs(5));
    expect(h.sent).toEqual([{ type: 'resync' }]);
    expect(h.got.map((m) => m.seq)).toEqual([1]);
    h.protocol.receive(JSON.stringify({ type: 'snapshot', seq: 6, latest: [{ datastream: 7, time: 't', value: 2 }] }));
    h.protocol.receive(obs(7));
    expect(h.got.map((m) => `${m.type}:${m.seq}`)).toEqual(['observations:1', 'snapshot:6', 'observations:7']);
    expect(h.protocol.resyncs).toBe(1);
  });

  it('counts malformed messages and keeps going', () => {
    const h = harness();
    const counts: number[] = [];
    const p = new LiveProtocol({ onMessage: (m) => h.got.push(m), send: () => {}, onMalformed: (n) => counts.push(n) });
    p.receive('garbage');
    p.receive(obs(1));
    p.receive(JSON.stringify({ type: 'observations', seq: 2, items: 'no' }));
    p.receive(obs(2));
    expect(counts).toEqual([1, 2]);
    expect(h.got).toHaveLength(2);
  });

  it('starts counting afresh on a new connection', () => {
    const h = harness();
    h.protocol.receive(obs(10));
    h.protocol.reset();
    h.protocol.receive(obs(1));
    expect(h.sent).toEqual([]);
  });
});
