// The benchmark's chart: one SVG, a panel per figure, horizontal bars with their values and the
// target as a dashed line. Written without a charting library: it is a few rectangles and labels.

export type Bar = { name: string; value: number; color: string };
export type Row = { label: string; bars: Bar[] };
export type Panel = { title: string; unit: string; target?: { value: number; label: string }; rows: Row[] };

const WIDTH = 860;
const LABEL_W = 230;
const VALUE_W = 90;
const BAR_H = 14;
const GAP = 4;
const ROW_GAP = 10;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fmt = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : "—");

export function renderChart(title: string, subtitle: string, panels: Panel[]): string {
  const parts: string[] = [];
  let y = 70;
  for (const panel of panels) {
    const max = Math.max(panel.target?.value ?? 0, ...panel.rows.flatMap((r) => r.bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)))) * 1.08 || 1;
    const plotW = WIDTH - LABEL_W - VALUE_W - 20;
    const x0 = LABEL_W;
    const scale = (v: number) => (Math.max(0, v) / max) * plotW;
    parts.push(`<text x="12" y="${y}" class="panel">${esc(panel.title)}</text>`);
    // The legend, on its own line under the title: the bar names of the first row.
    y += 18;
    let lx = 12;
    for (const bar of panel.rows[0]?.bars ?? []) {
      parts.push(`<rect x="${lx}" y="${y - 9}" width="10" height="10" fill="${bar.color}"/><text x="${lx + 14}" y="${y}" class="legend">${esc(bar.name)}</text>`);
      lx += bar.name.length * 6.2 + 34;
    }
    y += 12;
    const top = y;
    for (const row of panel.rows) {
      const rowH = row.bars.length * (BAR_H + GAP) - GAP;
      parts.push(`<text x="${x0 - 8}" y="${y + rowH / 2 + 4}" class="label" text-anchor="end">${esc(row.label)}</text>`);
      for (const bar of row.bars) {
        const w = scale(bar.value);
        parts.push(`<rect x="${x0}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" rx="2" fill="${bar.color}"><title>${esc(`${row.label} — ${bar.name}: ${fmt(bar.value)} ${panel.unit}`)}</title></rect>`);
        parts.push(`<text x="${(x0 + w + 6).toFixed(1)}" y="${y + BAR_H - 3}" class="value">${fmt(bar.value)} ${esc(panel.unit)}</text>`);
        y += BAR_H + GAP;
      }
      y += ROW_GAP - GAP;
    }
    if (panel.target) {
      const tx = x0 + scale(panel.target.value);
      parts.push(`<line x1="${tx.toFixed(1)}" y1="${top - 4}" x2="${tx.toFixed(1)}" y2="${y - ROW_GAP + 6}" class="target"/>`);
      parts.push(`<text x="${(tx + 4).toFixed(1)}" y="${y - ROW_GAP + 16}" class="target-label">${esc(panel.target.label)}</text>`);
      y += 12;
    }
    y += 30;
  }
  const height = y - 14;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(title)}">
<style>
  text { font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; fill: #1f2937; }
  .title { font-size: 18px; font-weight: 600; }
  .subtitle { font-size: 12px; fill: #4b5563; }
  .panel { font-size: 14px; font-weight: 600; }
  .label { font-size: 12px; }
  .legend { font-size: 11px; fill: #374151; }
  .value { font-size: 11px; fill: #374151; }
  .target { stroke: #b91c1c; stroke-width: 1.5; stroke-dasharray: 4 3; }
  .target-label { font-size: 11px; fill: #b91c1c; }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="12" y="24" class="title">${esc(title)}</text>
<text x="12" y="42" class="subtitle">${esc(subtitle)}</text>
${parts.join("\n")}
</svg>
`;
}
