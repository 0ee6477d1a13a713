/** A small line chart on a canvas: one or two series sharing the x axis, each with its own y range. */
import { h } from './dom.ts';

export interface Series {
  label: string;
  color: string;
  points: Array<[number, number]>;
}

export function lineChart(series: Series[], formatX: (x: number) => string, width = 240, height = 120): HTMLCanvasElement {
  const canvas = h('canvas', { class: 'chart', width, height });
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#11161c';
  g.fillRect(0, 0, width, height);
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return canvas;
  const x0 = Math.min(...all.map((p) => p[0])), x1 = Math.max(...all.map((p) => p[0]));
  const pad = 18;
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (width - 2 * pad);
  g.font = '10px sans-serif';
  series.forEach((s, k) => {
    if (!s.points.length) return;
    const ys = s.points.map((p) => p[1]);
    const y0 = Math.min(0, ...ys), y1 = Math.max(...ys, y0 + 1e-6);
    const sy = (y: number) => height - pad - ((y - y0) / (y1 - y0)) * (height - 2 * pad);
    g.strokeStyle = s.color;
    g.lineWidth = 1.5;
    g.beginPath();
    s.points.forEach(([x, y], i) => (i ? g.lineTo(sx(x), sy(y)) : g.moveTo(sx(x), sy(y))));
    g.stroke();
    g.fillStyle = s.color;
    g.fillText(`${s.label} max ${y1.toFixed(2)}`, pad + k * (width / 2), 11);
  });
  g.fillStyle = '#98a2ad';
  g.fillText(formatX(x0), pad, height - 4);
  const right = formatX(x1);
  g.fillText(right, width - pad - g.measureText(right).width, height - 4);
  return canvas;
}
