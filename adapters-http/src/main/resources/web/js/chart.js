/**
 * The time-series chart (uPlot): visitors and pageviews, the compared period dashed underneath, and the period's
 * annotations (notes dashed, release markers solid) as vertical lines with their text.
 */

import uPlot from '/ui/vendor/uPlot.esm.js';
import { getJson } from './api.js';
import { element, showMessage } from './dom.js';
import { comparedLabel, formatCount } from './format.js';

const WHOLE_NUMBER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
  200000, 500000, 1000000, 2000000, 5000000, 10000000];
const PHONE_WIDTH = 600;

function cssColor(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Bucket starts come as local date-times of the requested zone, which is the browser's. */
function epochSeconds(localDateTime) {
  return new Date(localDateTime).getTime() / 1000;
}

export class TimeseriesChart {
  constructor(container, message) {
    this.container = container;
    this.message = message;
    this.plot = null;
    this.latestRequest = 0;
    // resized in the next frame, not inside the observer's callback: resizing there makes the browser report
    // "ResizeObserver loop completed with undelivered notifications" as an error on the page
    new ResizeObserver(() => requestAnimationFrame(() => this.fitToContainer())).observe(container);
  }

  async load(query, interval) {
    const request = ++this.latestRequest;
    this.container.setAttribute('aria-busy', 'true');
    try {
      const [series, annotations] = await Promise.all([
        getJson('/api/stats/timeseries', { compare: 'previous', ...query, interval, metrics: 'visitors,pageviews' }),
        // a server without annotations still draws its chart
        getJson('/api/annotations', { source: query.source, from: query.from, to: query.to, tz: query.tz }).catch(() => [])]);
      this.comparedLabel = comparedLabel(query.compare);
      if (request === this.latestRequest) {
        this.annotations = annotations;
        this.draw(series.points ?? [], series.previous ?? []);
      }
    } catch (error) {
      if (request === this.latestRequest) {
        this.destroy();
        showMessage(this.message, `Chart: ${error.message}`, 'error');
      }
    } finally {
      if (request === this.latestRequest) {
        this.container.removeAttribute('aria-busy');
      }
    }
  }

  draw(points, previous) {
    const visitors = cssColor('--color-visitors', '#4f46e5');
    const pageviews = cssColor('--color-pageviews', '#0891b2');
    const pointStyle = { fill: cssColor('--color-surface', '#fff') };
    const data = [points.map((point) => epochSeconds(point.t)),
      points.map((point) => point.visitors), points.map((point) => point.pageviews)];
    const series = [{},
      { label: 'Visitors', stroke: visitors, width: 2, fill: cssColor('--color-visitors-fill', 'rgba(79,70,229,.08)'), points: pointStyle, value: countValue },
      { label: this.viewsLabel ?? 'Pageviews', stroke: pageviews, width: 2, points: pointStyle, value: countValue }];
    if (previous.length > 0) {
      const alignedToCurrent = (metric) => points.map((_, index) => previous[index]?.[metric] ?? null);
      data.push(alignedToCurrent('visitors'), alignedToCurrent('pageviews'));
      series.push({ label: `Visitors, ${this.comparedLabel}`, stroke: visitors, width: 1.5, dash: [6, 5], points: pointStyle, value: countValue },
        { label: `${this.viewsLabel ?? 'Pageviews'}, ${this.comparedLabel}`, stroke: pageviews, width: 1.5, dash: [6, 5], points: pointStyle, value: countValue });
    }
    const highest = Math.max(0, ...data.slice(1).flat().filter((value) => value !== null));
    this.destroy();
    this.plot = new uPlot({
      ...this.size(),
      series,
      scales: { y: { range: () => [0, Math.max(4, Math.ceil(highest * 1.1))] } },
      axes: [
        { stroke: cssColor('--color-muted', '#6b7280'), grid: { show: false } },
        {
          stroke: cssColor('--color-muted', '#6b7280'), incrs: WHOLE_NUMBER_STEPS, size: 48,
          grid: { stroke: cssColor('--color-grid', '#e5e7eb'), width: 1 },
          values: (plot, ticks) => ticks.map(formatCount),
        },
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      hooks: { draw: [(plot) => this.drawAnnotations(plot)] },
    }, data, this.container);
    showMessage(this.message, highest === 0 ? 'No visits in this period.' : '');
  }

  /** A line per annotation inside the plotted range, placed over the canvas so that its text can be read and hovered. */
  drawAnnotations(plot) {
    plot.over.querySelectorAll('.chart-annotation').forEach((marker) => marker.remove());
    const times = plot.data[0];
    if (!times || times.length === 0) {
      return;
    }
    const bucket = times.length > 1 ? times[1] - times[0] : 3600;
    const width = plot.over.clientWidth;
    (this.annotations ?? []).forEach((annotation) => {
      const at = new Date(annotation.at).getTime() / 1000;
      if (at < times[0] || at >= times[times.length - 1] + bucket) {
        return;
      }
      const left = Math.min(width - 1, Math.max(0, plot.valToPos(at, 'x')));
      const label = annotation.kind === 'release' ? `Release ${annotation.text}` : annotation.text;
      const marker = element('div', {
        className: 'chart-annotation', title: `${new Date(annotation.at).toLocaleString()}: ${label}`,
        dataset: { kind: annotation.kind, id: annotation.id },
      }, element('span', { className: 'chart-annotation-label' }, label));
      marker.style.left = `${left}px`;
      plot.over.append(marker);
    });
  }

  size() {
    const width = Math.max(200, this.container.clientWidth);
    return { width, height: width < PHONE_WIDTH ? 200 : 280 };
  }

  fitToContainer() {
    if (this.plot && this.container.clientWidth > 0) {
      this.plot.setSize(this.size());
    }
  }

  destroy() {
    this.plot?.destroy();
    this.plot = null;
  }
}

function countValue(plot, value) {
  return value === null || value === undefined ? '–' : formatCount(value);
}
