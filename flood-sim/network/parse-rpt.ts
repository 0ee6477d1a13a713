/**
 * Reader for the tables of an EPA SWMM 5 status report (.rpt) that verification compares against:
 * Node Depth Summary, Node Flooding Summary, Link Flow Summary, and the two continuity blocks.
 */
export interface RptTables {
  /** node → [avg depth, max depth, max HGL, time of max (s)] */
  nodeDepth: Map<string, { avg: number; max: number; hgl: number; time: number }>;
  nodeFlooding: Map<string, { hours: number; rate: number; time: number; volume: number }>;
  linkFlow: Map<string, { flow: number; time: number; velocity: number }>;
  /** label (e.g. "External Inflow") → first value column */
  routing: Map<string, number>;
  runoff: Map<string, number>;
}

function sectionLines(lines: string[], title: string): string[] {
  const start = lines.findIndex((l) => l.trim() === title);
  if (start < 0) return [];
  const out: string[] = [];
  let dashes = 0;
  for (let i = start + 2; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t.startsWith('---')) {
      dashes++;
      continue;
    }
    if (dashes >= 2 && t === '') break;
    if (dashes >= 2) out.push(t);
    if (t.startsWith('***') && i > start + 2) break;
  }
  return out;
}

const clock = (days: string, hm: string): number => {
  const [h, m] = hm.split(':').map(Number);
  return Number(days) * 86400 + h * 3600 + m * 60;
};

function continuity(lines: string[], title: string): Map<string, number> {
  const out = new Map<string, number>();
  const start = lines.findIndex((l) => l.includes(title));
  if (start < 0) return out;
  for (let i = start + 2; i < lines.length; i++) {
    const m = /^\s+([A-Za-z ()%]+?)\s*\.+\s+(-?[\d.]+)/.exec(lines[i]);
    if (!m) {
      if (out.size > 0) break;
      continue;
    }
    out.set(m[1].trim(), Number(m[2]));
  }
  return out;
}

export function parseRpt(text: string): RptTables {
  const lines = text.split(/\r?\n/);
  const nodeDepth: RptTables['nodeDepth'] = new Map();
  for (const l of sectionLines(lines, 'Node Depth Summary')) {
    const t = l.split(/\s+/);
    nodeDepth.set(t[0], { avg: Number(t[2]), max: Number(t[3]), hgl: Number(t[4]), time: clock(t[5], t[6]) });
  }
  const nodeFlooding: RptTables['nodeFlooding'] = new Map();
  for (const l of sectionLines(lines, 'Node Flooding Summary')) {
    const t = l.split(/\s+/);
    if (t.length < 6) continue;
    nodeFlooding.set(t[0], { hours: Number(t[1]), rate: Number(t[2]), time: clock(t[3], t[4]), volume: Number(t[5]) });
  }
  const linkFlow: RptTables['linkFlow'] = new Map();
  for (const l of sectionLines(lines, 'Link Flow Summary')) {
    const t = l.split(/\s+/);
    linkFlow.set(t[0], { flow: Number(t[2]), time: clock(t[3], t[4]), velocity: Number(t[5]) });
  }
  return {
    nodeDepth, nodeFlooding, linkFlow,
    routing: continuity(lines, 'Flow Routing Continuity'),
    runoff: continuity(lines, 'Runoff Quantity Continuity'),
  };
}
