// ECharts, tree-shaken to line + bar with the SVG renderer (small bundle, crisp text, aria
// descriptions for screen readers). Charts are disposed on every route change.
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { h } from './dom';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

const live: echarts.ECharts[] = [];
const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#64748b'];

window.addEventListener('resize', () => live.forEach((c) => c.resize()));

export function disposeCharts(): void {
  while (live.length) live.pop()?.dispose();
}

// The container must be in the document before the chart measures it, so callers append the
// returned element first and then call draw(). `option` may depend on the container's width
// (a phone has no room for a 240 px label column).
type Option = echarts.EChartsCoreOption | ((width: number) => echarts.EChartsCoreOption);
function mount(label: string, option: Option): { el: HTMLElement; draw: () => void } {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': label });
  return {
    el,
    draw: () => {
      const chart = echarts.init(el, undefined, { renderer: 'svg' });
      const o = typeof option === 'function' ? option(el.clientWidth || 600) : option;
      chart.setOption({ color: PALETTE, aria: { enabled: true }, animation: false, ...o });
      live.push(chart);
    },
  };
}

export interface LineSeries { name: string; data: [number | string, number][]; dashed?: boolean; step?: boolean }

export function lineChart(label: string, series: LineSeries[], opts: { time?: boolean; log?: boolean; yName?: string; xName?: string } = {}) {
  return mount(label, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 64, right: 24, top: 36, bottom: 40 },
    xAxis: { type: opts.time ? 'time' : 'value', name: opts.xName, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: opts.log ? 'log' : 'value', name: opts.yName, scale: true },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      data: s.data,
      symbolSize: 6,
      lineStyle: s.dashed ? { type: 'dashed', width: 1.5 } : { width: 2.5 },
    })),
  });
}

export interface BarSeries { name: string; data: (number | null)[] }

// `valueName`: the value axis' title, with its unit.
export function barChart(label: string, categories: string[], series: BarSeries[], opts: { horizontal?: boolean; max?: number; valueName?: string } = {}) {
  // Horizontal bars: the label column takes at most 40 % of the width, so the bars keep room.
  return mount(label, (width) => {
    const labels = opts.horizontal ? Math.min(240, Math.round(width * 0.4)) : 0;
    const cat = { type: 'category', data: categories, axisLabel: { interval: opts.horizontal ? 0 : 'auto', width: opts.horizontal ? labels - 20 : 140, overflow: 'truncate', hideOverlap: !opts.horizontal } };
    const val = { type: 'value', max: opts.max, name: opts.valueName, nameLocation: 'middle', nameGap: opts.horizontal ? 26 : 40, axisLabel: { hideOverlap: true }, splitNumber: width < 500 ? 3 : 5 };
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
      grid: { left: opts.horizontal ? labels : opts.valueName ? 72 : 56, right: 24, top: series.length > 1 ? 36 : 12, bottom: opts.horizontal && opts.valueName ? 52 : 40 },
      xAxis: opts.horizontal ? val : cat,
      yAxis: opts.horizontal ? { ...cat, inverse: true } : val,
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.data, barMaxWidth: 28 })),
    };
  });
}
