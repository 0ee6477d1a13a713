/**
 * Flood scenarios from the server: the list with state and progress (live over /ws/scenarios),
 * a form to start one (design storm by return period and duration, gauge rain, or river inflow),
 * replay, and a side-by-side comparison of two finished runs.
 */
import type { ScenarioProgress, ScenarioRequest, ScenarioSummary } from '../../server/index.ts';
import type { AppContext } from '../app-context.ts';
import { mountReplayProbe, ReplayPlayer } from '../replay/replay-player.ts';
import { h } from './dom.ts';

export function mountScenarios(ctx: AppContext, el: HTMLElement): void {
  const { t } = ctx;
  let scenarios: ScenarioSummary[] = [];
  const compare = new Set<string>();
  const list = h('div', { id: 'scenario-list' });
  const comparison = h('div', { id: 'scenario-compare' });
  const message = h('p', { class: 'err', id: 'scenario-error' });

  const renderList = () => {
    list.replaceChildren(scenarios.length === 0 ? h('p', { class: 'muted' }, t('scenario.none')) : h('table', {}, ...scenarios.map((s) => h('tr', { 'data-scenario': s.id },
      h('td', {}, h('input', { type: 'checkbox', title: t('scenario.compare'), disabled: s.state !== 'done', ...(compare.has(s.id) ? { checked: true } : {}), onchange: (e) => {
        if ((e.target as HTMLInputElement).checked) compare.add(s.id); else compare.delete(s.id);
        renderCompare();
      } })),
      h('td', {}, s.name, h('br'), h('span', { class: 'muted' }, `${t(`scenario.state.${s.state}` as const)}${s.state === 'running' ? ` ${Math.round(s.progress * 100)}%` : ''}`),
        s.state === 'running' || s.state === 'queued' ? h('progress', { max: 1, value: s.progress }) : null,
        s.error ? h('div', { class: 'err' }, s.error) : null),
      h('td', {}, s.results ? h('button', { type: 'button', class: 'replay', onclick: () => void openReplay(s) }, t('scenario.replay')) : null),
    ))));
  };
  const renderCompare = () => {
    const picked = scenarios.filter((s) => compare.has(s.id) && s.results).slice(-2);
    if (picked.length < 2) return comparison.replaceChildren();
    const rows: Array<[string, (s: ScenarioSummary) => string]> = [
      ['max depth (m)', (s) => s.results!.maxDepth.toFixed(2)],
      ['flooded (m²)', (s) => Math.round(s.results!.floodedAreaM2).toLocaleString()],
      ['buildings', (s) => String(s.results!.affectedBuildings.length)],
      ['frames', (s) => String(s.results!.frames)],
    ];
    comparison.replaceChildren(h('h4', {}, t('scenario.compare')), h('table', {}, h('tr', {}, h('th', {}), ...picked.map((s) => h('th', {}, s.name))),
      ...rows.map(([label, f]) => h('tr', {}, h('td', {}, label), ...picked.map((s) => h('td', {}, f(s)))))));
  };
  const openReplay = async (s: ScenarioSummary) => {
    message.textContent = '';
    try {
      await ReplayPlayer.open(ctx, s);
      ctx.viewer.clock.shouldAnimate = true;
    } catch (error) {
      message.textContent = (error as Error).message;
    }
  };
  const refresh = async () => {
    try {
      const r = await fetch('api/scenarios', { cache: 'no-store' });
      if (!r.ok) throw new Error(`api/scenarios: HTTP ${r.status}`);
      scenarios = (await r.json()) as ScenarioSummary[];
      renderList();
      renderCompare();
    } catch (error) {
      message.textContent = (error as Error).message;
    }
  };

  const kind = h('select', { id: 'scenario-kind' }, h('option', { value: 'design-storm' }, t('scenario.designStorm')), h('option', { value: 'gauge-rain' }, t('scenario.gaugeRain')), h('option', { value: 'river-inflow' }, t('scenario.riverInflow')));
  const name = h('input', { id: 'scenario-name', value: 'P=50a T=120min' });
  const rp = h('input', { type: 'number', id: 'scenario-rp', value: 50, min: 1 });
  const duration = h('input', { type: 'number', id: 'scenario-duration', value: 120, min: 10 });
  const series = h('textarea', { id: 'scenario-series', rows: 3, placeholder: '[{"x":…,"y":…,"hyetograph":[[0,0],[3600,30]]}]' });
  const request = (): ScenarioRequest => {
    switch (kind.value) {
      case 'gauge-rain': return { name: name.value, kind: 'gauge-rain', gauges: JSON.parse(series.value) as Extract<ScenarioRequest, { kind: 'gauge-rain' }>['gauges'] };
      case 'river-inflow': return { name: name.value, kind: 'river-inflow', inflows: JSON.parse(series.value) as Extract<ScenarioRequest, { kind: 'river-inflow' }>['inflows'] };
      // The form asks for minutes; the request carries seconds.
      default: return { name: name.value, kind: 'design-storm', returnPeriod: Number(rp.value), duration: Number(duration.value) * 60 };
    }
  };
  const start = async () => {
    message.textContent = '';
    try {
      const r = await fetch('api/scenarios', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ctx.token()}` }, body: JSON.stringify(request()) });
      if (!r.ok) throw new Error(`HTTP ${r.status}: ${(await r.text()).slice(0, 200)}`);
      await refresh();
    } catch (error) {
      message.textContent = (error as Error).message;
    }
  };
  el.append(h('h3', {}, t('panel.scenarios')), list, comparison, message,
    h('details', {}, h('summary', {}, t('scenario.new')),
      h('div', { class: 'row' }, t('scenario.name'), name), h('div', { class: 'row' }, t('scenario.kind'), kind),
      h('div', { class: 'row' }, t('scenario.returnPeriod'), rp), h('div', { class: 'row' }, t('scenario.duration'), duration), series,
      h('button', { type: 'button', id: 'scenario-start', onclick: () => void start() }, t('scenario.start'))));
  mountReplayProbe(ctx);
  void refresh();

  const wsUrl = new URL('ws/scenarios', location.href);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const connect = () => {
    const ws = new WebSocket(wsUrl.href);
    ws.onmessage = (e) => {
      let p: ScenarioProgress;
      try {
        p = JSON.parse(String(e.data)) as ScenarioProgress;
      } catch {
        return;
      }
      const s = scenarios.find((x) => x.id === p.id);
      if (!s || p.type !== 'scenario') return void refresh();
      const finished = s.state !== p.state && (p.state === 'done' || p.state === 'failed');
      s.state = p.state;
      s.progress = p.progress;
      if (finished) void refresh();
      else renderList();
    };
    ws.onclose = () => setTimeout(connect, 5000);
  };
  connect();
}
