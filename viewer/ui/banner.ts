/** The red banner across the globe: a message, optionally a retry button. */
import { h } from './dom.ts';

export function showBanner(text: string, retry?: { label: string; action: () => void }): void {
  const el = document.getElementById('banner')!;
  el.replaceChildren(h('span', {}, text), ...(retry ? [h('button', { type: 'button', onclick: retry.action }, retry.label)] : []));
  el.hidden = false;
}

export function hideBanner(): void {
  document.getElementById('banner')!.hidden = true;
}
