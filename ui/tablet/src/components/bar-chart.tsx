import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface BarSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly number[];
  /** Width of the bar as a share of its slot (a narrower series draws inside a wider one). */
  readonly width: number;
}

const bars = uPlot.paths.bars!;

/**
 * Bars over categories (hours, funnel steps) drawn with uPlot on a canvas; the legend is the
 * caller's HTML. Rebuilt when the categories or series names change (a language switch), fed new
 * values otherwise, and resized with its box.
 */
export function BarChart({ categories, series, height }: { categories: readonly string[]; series: readonly BarSeries[]; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const shape = JSON.stringify([categories, series.map((s) => [s.label, s.color, s.width])]);
  const data = (): uPlot.AlignedData => [categories.map((_, i) => i), ...series.map((s) => [...s.values])];

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: element.clientWidth || 300,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, categories.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.1)] } },
      axes: [
        {
          splits: () => categories.map((_, i) => i),
          // On a narrow screen only every n-th label fits; the last (the current hour) always shows.
          values: (u, splits) => {
            const every = Math.max(1, Math.ceil((categories.length * 56) / Math.max(1, u.width)));
            return splits.map((i) => ((categories.length - 1 - i) % every === 0 ? (categories[i] ?? '') : ''));
          },
          grid: { show: false },
          font: '14px system-ui, "Noto Sans CJK SC", sans-serif',
        },
        { font: '13px system-ui, sans-serif', size: 48 },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          fill: s.color,
          stroke: s.color,
          width: 0,
          paths: bars({ size: [s.width, 120], align: 0 }),
          points: { show: false },
        })),
      ],
    };
    const plot = new uPlot(options, data(), element);
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth || 300, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [shape, height]);

  useEffect(() => {
    chart.current?.setData(data());
  });

  return <div class="bar-chart" ref={box} />;
}
