import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelFor } from './alarms.ts';
import { http, seedThing, startService, type RunningService } from './testing/start-service.ts';

describe('levelFor', () => {
  const above = { direction: 'above' as const, warning: 5, alarm: 6, critical: 8 };
  const below = { direction: 'below' as const, warning: 2, alarm: 1 };
  it('escalates on crossing and de-escalates only past the hysteresis band (5 %)', () => {
    expect(levelFor(4.9, above, 'normal')).toBe('normal');
    expect(levelFor(5, above, 'normal')).toBe('warning');
    expect(levelFor(4.8, above, 'warning')).toBe('warning');
    expect(levelFor(4.7, above, 'warning')).toBe('normal');
    expect(levelFor(9, above, 'normal')).toBe('critical');
    expect(levelFor(7.7, above, 'critical')).toBe('critical');
    expect(levelFor(7.5, above, 'critical')).toBe('alarm');
    expect(levelFor(0.9, below, 'normal')).toBe('alarm');
    expect(levelFor(2.05, below, 'warning')).toBe('warning');
    expect(levelFor(2.2, below, 'warning')).toBe('normal');
  });
});

describe('alarms over HTTP and /api/alarms', () => {
  let s: RunningService;
  beforeAll(async () => {
    s = await startService();
    await seedThing(s.base, 'river', [120, 30], [{ kind: 'river-level', thresholds: { direction: 'above', warning: 5, alarm: 6 } }]);
  });
  afterAll(async () => { await s.close(); });

  it('raises, escalates, is acknowledged by flood-command, de-escalates and clears, with history', async () => {
    const t0 = Date.UTC(2026, 6, 1);
    const post = async (i: number, result: number) => {
      const r = await http('POST', `${s.base}/Datastreams(1)/Observations`, { phenomenonTime: new Date(t0 + i * 1000).toISOString(), result });
      expect(r.status).toBe(201);
    };
    await post(0, 4);
    await post(1, 5.1);
    await post(2, 4.9);
    let a = (await http('GET', `${s.url}/api/alarms`)).body;
    expect(a.active).toEqual([expect.objectContaining({ datastream: 1, sensor: 'river-0', level: 'warning', state: 'raised', value: 5.1, threshold: 5 })]);
    const id = a.active[0].id;
    await post(3, 6.2);
    a = (await http('GET', `${s.url}/api/alarms`)).body;
    expect(a.active).toEqual([expect.objectContaining({ id, level: 'alarm', state: 'raised' })]);

    const planner = await http('POST', `${s.url}/api/alarms/${id}/ack`, undefined, { authorization: 'Bearer planner-token' });
    expect(planner.status).toBe(403);
    const ack = await http('POST', `${s.url}/api/alarms/${id}/ack`, undefined, { authorization: 'Bearer command-token' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id, state: 'acknowledged', by: 'cmd', level: 'alarm' });

    await post(4, 5.5);
    a = (await http('GET', `${s.url}/api/alarms`)).body;
    expect(a.active).toEqual([expect.objectContaining({ id, level: 'warning', state: 'acknowledged' })]);
    await post(5, 4);
    a = (await http('GET', `${s.url}/api/alarms?datastream=1`)).body;
    expect(a.active).toEqual([]);
    expect(a.history.map((h: { level: string; state: string }) => `${h.level}:${h.state}`).reverse())
      .toEqual(['warning:raised', 'alarm:raised', 'alarm:acknowledged', 'warning:acknowledged', 'warning:cleared']);
    expect((await http('POST', `${s.url}/api/alarms/${id}/ack`, undefined, { authorization: 'Bearer command-token' })).status).toBe(404);
  });
});
