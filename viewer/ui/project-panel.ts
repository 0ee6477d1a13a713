/**
 * BIM projects for the construction bureau: listed with their status (approved only by default),
 * fly to one (its layer shown in its surroundings), and — with a construction-bureau or admin
 * token — change its status with a reason. The token is kept in this browser's localStorage.
 */
import { Cartesian3, Math as CesiumMath } from 'cesium';
import type { BimProjectSummary, BimStatus } from '../../server/index.ts';
import type { AppContext } from '../app-context.ts';
import { h, table } from './dom.ts';

const STATUSES: BimStatus[] = ['submitted', 'under-review', 'approved', 'rejected'];

export function mountProjects(ctx: AppContext, el: HTMLElement): void {
  const { t, viewer } = ctx;
  const approvedOnly = h('input', { type: 'checkbox', id: 'projects-approved', checked: true });
  const list = h('div', { id: 'project-list' });
  const detail = h('div', { id: 'project-detail' });
  const token = h('input', { type: 'password', id: 'token', placeholder: t('project.token'), value: ctx.token() });
  token.addEventListener('change', () => localStorage.setItem('cimflow.token', token.value));

  const flyTo = (p: BimProjectSummary) => {
    const layer = ctx.city.layers.find((l) => l.id === p.layer);
    if (layer?.tileset) {
      layer.tileset.show = true;
      void viewer.flyTo(layer.tileset, { duration: 1.2 });
    } else if (p.location) {
      viewer.camera.flyTo({ destination: Cartesian3.fromDegrees(p.location.lon, p.location.lat - 0.002, p.location.height + 250), orientation: { heading: 0, pitch: CesiumMath.toRadians(-40), roll: 0 }, duration: 1.2 });
    }
  };
  const showDetail = (p: BimProjectSummary) => {
    const status = h('select', { id: 'project-status' }, ...STATUSES.map((s) => h('option', { value: s, ...(s === p.status ? { selected: true } : {}) }, t(`project.status.${s}` as const))));
    const reason = h('input', { id: 'project-reason', placeholder: t('project.reason') });
    const msg = h('p', { class: 'err' });
    const submit = async () => {
      msg.textContent = '';
      try {
        const r = await fetch(`api/projects/${encodeURIComponent(p.id)}/status`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.value}` },
          body: JSON.stringify({ status: status.value, reason: reason.value }),
        });
        if (!r.ok) throw new Error(`HTTP ${r.status}: ${(await r.text()).slice(0, 200)}`);
        await refresh();
        showDetail((await r.json().catch(() => p)) as BimProjectSummary);
      } catch (error) {
        msg.textContent = (error as Error).message;
      }
    };
    detail.replaceChildren(h('h4', {}, p.name), table([
      ['id', p.id], ['permit', p.permitNumber], ['status', t(`project.status.${p.status}` as const)], ['parcel', p.parcelId],
      ['submitted', p.submittedDate], ['developer', p.developer ?? ''], ['layer', p.layer ?? ''],
    ]), h('h4', {}, t('project.changeStatus')), h('div', { class: 'row' }, status, reason), h('div', { class: 'row' }, token,
      h('button', { type: 'button', id: 'project-submit', onclick: () => void submit() }, t('project.changeStatus'))), msg);
  };
  const refresh = async () => {
    try {
      const r = await fetch(approvedOnly.checked ? 'api/projects?status=approved' : 'api/projects', { cache: 'no-store' });
      if (!r.ok) throw new Error(`api/projects: HTTP ${r.status}`);
      const projects = (await r.json()) as BimProjectSummary[];
      list.replaceChildren(projects.length === 0 ? h('p', { class: 'muted' }, t('project.none')) : h('table', {}, ...projects.map((p) => h('tr', { 'data-project': p.id },
        h('td', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); showDetail(p); } }, p.name)),
        h('td', {}, t(`project.status.${p.status}` as const)),
        h('td', {}, h('button', { type: 'button', onclick: () => flyTo(p) }, t('project.flyTo')))))));
    } catch (error) {
      list.replaceChildren(h('p', { class: 'err' }, (error as Error).message));
    }
  };
  approvedOnly.addEventListener('change', () => void refresh());
  el.append(h('h3', {}, t('panel.projects')), h('div', { class: 'row' }, approvedOnly, h('label', { for: 'projects-approved' }, t('project.approvedOnly'))), list, detail);
  void refresh();
}
