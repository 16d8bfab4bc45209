/**
 * Bar charts as SVG, drawn on the server (no chart library, no script), each
 * followed by a table of the same numbers. The SVG is an image with a
 * one-sentence summary as its accessible name; the table beside it is what
 * a screen reader user (or anyone wanting the exact numbers) reads. Colours
 * and text come from classes in public/panel/panel.css: no style attribute
 * (the CSP forbids inline styles).
 */
import { plural } from '../lib/plural.ts';
import { html, type SafeHtml } from '../lib/html.ts';

interface Bar {
  /** Full label, in the table and the bar's tooltip. */
  label: string;
  /** Shorter label under a column (e.g. "3.03" for a day); defaults to `label`. */
  short?: string;
  value: number;
}

export interface ChartSpec {
  /** Unique on the page: the ids of the title and the table derive from it. */
  id: string;
  caption: string;
  /** Header of the table's first column, e.g. "Dzień". */
  labelHeader: string;
  /** Header of the numbers' column, e.g. "Potwierdzone zgłoszenia". */
  valueHeader: string;
  bars: readonly Bar[];
  /** 'columns': vertical bars along a time axis; 'rows': horizontal bars with long labels. */
  orientation: 'columns' | 'rows';
}


/** The sentence an assistive technology reads for the picture. */
export function chartSummary(spec: ChartSpec): string {
  const total = spec.bars.reduce((sum, bar) => sum + bar.value, 0);
  if (total === 0) return `${spec.caption}: brak zgłoszeń.`;
  const top = spec.bars.reduce((best, bar) => (bar.value > best.value ? bar : best));
  return `${spec.caption}: razem ${plural(total, 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')}, najwięcej — ${top.label}: ${top.value}. Dokładne liczby są w tabeli pod wykresem.`;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

function columns(bars: readonly Bar[], max: number): { width: number; height: number; body: SafeHtml } {
  const step = 28;
  const top = 20;
  const plot = 160;
  const width = Math.max(320, bars.length * step + 20);
  // Every label fits when there are few columns; with many, every n-th one.
  const every = Math.max(1, Math.ceil(bars.length / 20));
  const body = bars.map((bar, i) => {
    const h = max === 0 ? 0 : (bar.value / max) * plot;
    const x = 10 + i * step;
    return html`<g><title>${bar.label}: ${bar.value}</title>
<rect class="chart-bar" x="${fmt(x + 4)}" y="${fmt(top + plot - h)}" width="${step - 8}" height="${fmt(h)}"></rect>
${bar.value > 0 ? html`<text class="chart-value" x="${fmt(x + step / 2)}" y="${fmt(top + plot - h - 4)}" text-anchor="middle">${bar.value}</text>` : ''}
${i % every === 0 ? html`<text class="chart-label" x="${fmt(x + step / 2)}" y="${top + plot + 16}" text-anchor="middle">${bar.short ?? bar.label}</text>` : ''}</g>`;
  });
  return { width, height: top + plot + 26, body: html`<line class="chart-axis" x1="10" y1="${top + plot}" x2="${width - 10}" y2="${top + plot}"></line>${body}` };
}

function rows(bars: readonly Bar[], max: number): { width: number; height: number; body: SafeHtml } {
  const rowHeight = 26;
  const labelWidth = 300;
  const plot = 280;
  const width = labelWidth + plot + 50;
  const body = bars.map((bar, i) => {
    const w = max === 0 ? 0 : (bar.value / max) * plot;
    const y = i * rowHeight;
    return html`<g><title>${bar.label}: ${bar.value}</title>
<text class="chart-label" x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${bar.short ?? bar.label}</text>
<rect class="chart-bar" x="${labelWidth}" y="${y + 4}" width="${fmt(w)}" height="${rowHeight - 8}"></rect>
<text class="chart-value" x="${fmt(labelWidth + w + 6)}" y="${y + 17}">${bar.value}</text></g>`;
  });
  return { width, height: bars.length * rowHeight + 4, body: html`${body}` };
}

export function barChart(spec: ChartSpec): SafeHtml {
  const max = Math.max(0, ...spec.bars.map((bar) => bar.value));
  const drawn = spec.orientation === 'columns' ? columns(spec.bars, max) : rows(spec.bars, max);
  const titleId = `${spec.id}-opis`;
  return html`<figure class="chart" id="${spec.id}">
<figcaption>${spec.caption}</figcaption>
<svg class="chart-svg chart-${spec.orientation}" role="img" aria-labelledby="${titleId}" viewBox="0 0 ${drawn.width} ${drawn.height}" preserveAspectRatio="xMinYMin meet" focusable="false">
<title id="${titleId}">${chartSummary(spec)}</title>
${drawn.body}
</svg>
<table class="data-table chart-table">
<caption>${spec.caption} — dane wykresu</caption>
<thead><tr><th scope="col">${spec.labelHeader}</th><th scope="col" class="num">${spec.valueHeader}</th></tr></thead>
<tbody>${spec.bars.map((bar) => html`<tr><th scope="row">${bar.label}</th><td class="num">${bar.value}</td></tr>`)}</tbody>
</table>
</figure>`;
}
