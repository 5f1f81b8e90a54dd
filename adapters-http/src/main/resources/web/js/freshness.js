/**
 * Under the chart: how many of the shown events arrived late (mobile apps send what they queued offline hours
 * later) and up to when the numbers are complete, so a reader knows today's numbers will still grow
 * (docs/STATS.md, "Late events").
 */

import { getJson } from './api.js';
import { formatPercent } from './format.js';

function formatDelay(seconds) {
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`;
  }
  return `${Math.round((10 * seconds) / 3600) / 10} h`;
}

function formatTime(instant) {
  return new Date(instant).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export class FreshnessNote {
  constructor(node) {
    this.node = node;
    this.latestRequest = 0;
  }

  async load(query) {
    const request = ++this.latestRequest;
    try {
      const freshness = await getJson('/api/stats/freshness', query);
      if (request === this.latestRequest) {
        this.render(freshness);
      }
    } catch (error) {
      if (request === this.latestRequest) {
        this.node.textContent = `Late events: ${error.message}`;
        this.node.hidden = false;
      }
    }
  }

  render(freshness) {
    const late = `${formatPercent(freshness.lateShare)} of these events arrived more than `
      + `${freshness.lateAfterMinutes / 60} h after they happened.`;
    const complete = freshness.completeUpTo
      ? ` Complete up to ${formatTime(freshness.completeUpTo)}: over the last 7 days, 99% of events arrived within `
        + `${formatDelay(freshness.delayP99Seconds)}; later numbers may still grow.`
      : ' No events arrived in the last 7 days.';
    this.node.dataset.lateShare = String(freshness.lateShare);
    this.node.dataset.completeUpTo = freshness.completeUpTo ?? '';
    this.node.textContent = late + complete;
    this.node.hidden = false;
  }
}
