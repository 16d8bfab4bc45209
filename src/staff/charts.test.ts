import { describe, expect, it } from 'vitest';
import { barChart, chartSummary, type ChartSpec } from './charts.ts';

const spec = (orientation: ChartSpec['orientation'], bars: ChartSpec['bars']): ChartSpec => ({
  id: 'wykres-test',
  caption: 'Potwierdzone zgłoszenia według dnia',
  labelHeader: 'Dzień',
  valueHeader: 'Zgłoszenia',
  bars,
  orientation,
});

const tableOf = (markup: string) =>
  [...markup.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">(\d+)<\/td><\/tr>/g)].map(([, label, value]) => [label, Number(value)]);
const barHeights = (markup: string, attribute: 'height' | 'width') =>
  [...markup.matchAll(new RegExp(`<rect class="chart-bar"[^>]* ${attribute}="([0-9.]+)"`, 'g'))].map(([, v]) => Number(v));

describe('barChart', () => {
  const days = [
    { label: '2 marca 2026', short: '2.03', value: 3 },
    { label: '3 marca 2026', short: '3.03', value: 0 },
    { label: '4 marca 2026', short: '4.03', value: 12 },
  ];

  it('has a table alternative with exactly the numbers drawn, in order', () => {
    const markup = barChart(spec('columns', days)).value;
    expect(tableOf(markup)).toEqual(days.map((d) => [d.label, d.value]));
    expect(markup).toContain('<caption>Potwierdzone zgłoszenia według dnia — dane wykresu</caption>');
  });

  it('draws bars in proportion to the values (columns by height, rows by width)', () => {
    const cols = barHeights(barChart(spec('columns', days)).value, 'height');
    expect(cols).toHaveLength(3);
    expect(cols[1]).toBe(0);
    expect(cols[0]! / cols[2]!).toBeCloseTo(3 / 12, 2);
    const rows = barHeights(barChart(spec('rows', days)).value, 'width');
    expect(rows[0]! / rows[2]!).toBeCloseTo(3 / 12, 2);
  });

  it('is an image named by a summary sentence, and escapes every label', () => {
    const markup = barChart(spec('rows', [{ label: 'Dzielnica <b>&</b>', value: 2 }])).value;
    expect(markup).toMatch(/<svg [^>]*role="img" aria-labelledby="wykres-test-opis"/);
    expect(markup).toContain('<title id="wykres-test-opis">Potwierdzone zgłoszenia według dnia: razem 2 zgłoszenia, najwięcej — Dzielnica &lt;b&gt;&amp;&lt;/b&gt;: 2.');
    expect(markup).not.toContain('<b>');
    expect(markup).not.toMatch(/style=/);
  });

  it('says so when there is nothing to draw, and never divides by zero', () => {
    const empty = spec('columns', [{ label: 'x', value: 0 }]);
    expect(chartSummary(empty)).toBe('Potwierdzone zgłoszenia według dnia: brak zgłoszeń.');
    expect(barChart(empty).value).not.toContain('NaN');
    expect(chartSummary(spec('columns', [{ label: 'a', value: 5 }]))).toContain('razem 5 zgłoszeń');
    expect(chartSummary(spec('columns', [{ label: 'a', value: 22 }]))).toContain('razem 22 zgłoszenia');
  });
});
