/**
 * Live sensors: loads them from SensorThings, draws them (SensorLayer), applies `/ws/live`
 * readings once per animation frame, keeps an alarm list with fly-to, and shows a sensor's history
 * chart when it is clicked.
 */
import { BoundingSphere } from 'cesium';
import type { AlarmLevel, LiveMessage } from '../../server/index.ts';
import type { AppContext } from '../app-context.ts';
import { SensorLayer, type SensorPick } from '../cesium/sensor-layer.ts';
import { ALARM_LEVELS } from '../live/live-messages.ts';
import { connectLive } from '../live/live-socket.ts';
import { SensorStore } from '../sensors/sensor-store.ts';
import { loadHistory, loadSensors } from '../sensors/sensor-things.ts';
import { lineChart } from './chart.ts';
import { h, table } from './dom.ts';
import { registerLayer } from './layer-tree.ts';
import { onPick } from './properties-panel.ts';

export async function mountSensors(ctx: AppContext, alarmsEl: HTMLElement): Promise<void> {
  const { viewer, t, config } = ctx;
  const status = document.getElementById('live-status')!;
  let sensors;
  try {
    sensors = await loadSensors(config.sensorThings);
  } catch (error) {
    registerLayer({ id: 'sensors', label: t('layer.sensors'), show: false, setShow: () => {}, error: (error as Error).message });
    return;
  }
  const store = new SensorStore(sensors);
  const layer = new SensorLayer(viewer, store);
  registerLayer({ id: 'sensors', label: `${t('layer.sensors')} (${sensors.length})`, show: true, setShow: (v) => { layer.show = v; } });
  window.__cimflow.sensors = { store, layer };
  await layer.placeOnTerrain().catch(() => {});

  const flyTo = (k: number) => viewer.camera.flyToBoundingSphere(new BoundingSphere(layer.position(k), 60), { duration: 1 });
  // The alarm list is DOM, not WebGL: it is redrawn as soon as a message changes it (at most once per task),
  // so it never waits for an animation frame behind a slow globe render.
  let alarmsScheduled = false;
  const alarmsChanged = () => {
    if (alarmsScheduled) return;
    alarmsScheduled = true;
    setTimeout(() => {
      alarmsScheduled = false;
      renderAlarms();
    }, 0);
  };
  const renderAlarms = () => {
    const list = store.alarmed();
    alarmsEl.replaceChildren(h('h3', {}, t('panel.alarms')), list.length === 0 ? h('p', { class: 'muted' }, t('alarm.none')) : h('table', { id: 'alarm-list' },
      ...list.slice(0, 200).map((k) => h('tr', { 'data-level': ALARM_LEVELS[store.level[k]] },
        h('td', {}, t(`alarm.level.${ALARM_LEVELS[store.level[k]]}` as const)), h('td', {}, store.info[k].name), h('td', {}, store.value[k].toFixed(2)),
        h('td', {}, h('button', { type: 'button', onclick: () => flyTo(k) }, t('alarm.flyTo')))))));
  };
  const apply = (items: Array<{ datastream: number; value: number; alarm?: AlarmLevel }>) => {
    let changed = false;
    for (const it of items) if (store.update(it.datastream, it.value, it.alarm) && it.alarm) changed = true;
    if (changed) alarmsChanged();
  };
  const onMessage = (m: LiveMessage) => {
    if (m.type === 'observations') apply(m.items);
    else if (m.type === 'snapshot') apply(m.latest);
    else if (m.type === 'alarm') {
      const slot = store.slot(m.alarm.datastream);
      if (slot !== undefined) store.update(m.alarm.datastream, m.alarm.value, m.alarm.state === 'cleared' ? 'normal' : m.alarm.level);
      alarmsChanged();
    }
  };
  // The model's points and labels: one pass per animation frame applies whatever arrived since the last.
  const frame = () => {
    layer.tick();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  renderAlarms();
  const wsUrl = new URL('ws/live', location.href);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  connectLive({
    url: wsUrl.href, onMessage,
    onStatus: (connected, malformed) => {
      status.replaceChildren(
        h('span', { class: connected ? '' : 'bad', id: 'live-connection', title: connected ? '' : t('error.live') }, connected ? '● live' : `○ ${t('error.live')}`),
        ...(malformed ? [h('span', { class: 'bad', id: 'live-malformed', title: t('error.malformed', { count: malformed }) }, ` ⚠ ${malformed}`)] : []),
      );
    },
  });

  onPick((picked) => {
    const id = (picked as { id?: SensorPick } | undefined)?.id;
    if (!id || typeof id.sensorSlot !== 'number') return false;
    const k = id.sensorSlot, s = store.info[k];
    const el = ctx.showPanel('properties');
    el.replaceChildren(h('h3', {}, s.name), table([['datastream', String(s.datastream)], ['value', `${store.value[k].toFixed(3)} ${s.unit}`], ['alarm', t(`alarm.level.${ALARM_LEVELS[store.level[k]]}` as const)]]), h('h4', {}, t('sensor.history')));
    loadHistory(config.sensorThings, s.datastream).then((points) => {
      el.append(lineChart([{ label: s.unit, color: '#4fc3f7', points }], (x) => new Date(x).toLocaleTimeString()));
    }, (error: Error) => el.append(h('p', { class: 'err' }, error.message)));
    return true;
  });
}
