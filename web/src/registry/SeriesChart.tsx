// The yearly series of an organisation drawn with echarts (tree-shaken: bar + line, SVG renderer). The chart
// is an image for assistive technology (role="img" with a summary); the data table next to it is the full
// accessible alternative.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface SeriesChartProps {
  years: number[];
  values: number[];
  kind: 'bar' | 'line';
  label: string;
  /** Formats a value for axis labels and the tooltip. */
  format: (v: number) => string;
  /** Summary read by screen readers (role="img"). */
  summary: string;
}

const reducedMotion = (): boolean =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export default function SeriesChart({ years, values, kind, label, format, summary }: SeriesChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => instance.resize()) : null;
    ro?.observe(el.current);
    return () => {
      ro?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: !reducedMotion(),
        color: ['#0b5d4b'],
        textStyle: { fontFamily: 'inherit', color: '#1f2933' },
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : String(v)),
        },
        xAxis: {
          type: 'category',
          data: years.map(String),
          axisLabel: { color: '#3d4852' },
          axisLine: { lineStyle: { color: '#6b7785' } },
        },
        yAxis: {
          type: 'value',
          axisLabel: { color: '#3d4852', formatter: (v: number) => format(v) },
          splitLine: { lineStyle: { color: '#e3e7eb' } },
        },
        series: [
          {
            name: label,
            type: kind,
            data: values,
            symbolSize: 8,
            lineStyle: { width: 3 },
            barMaxWidth: 48,
          },
        ],
      },
      { notMerge: true },
    );
  }, [years, values, kind, label, format]);

  return <div ref={el} className="chart" role="img" aria-label={summary} />;
}
