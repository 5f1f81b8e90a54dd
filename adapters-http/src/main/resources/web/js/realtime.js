/** The current-visitors counter, refreshed every 30 seconds while the page is open. */

import { getJson } from './api.js';
import { formatCount } from './format.js';

const POLL_MS = 30000;

export class RealtimeCounter {
  constructor(count, label, container) {
    this.count = count;
    this.label = label;
    this.container = container;
    this.source = null;
    this.timer = null;
  }

  follow(source) {
    if (source === this.source && this.timer) {
      return;
    }
    this.stop();
    this.source = source;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.source = null;
  }

  async refresh() {
    const source = this.source;
    try {
      const realtime = await getJson('/api/stats/realtime', { source });
      if (source === this.source) {
        const visitors = Number(realtime.visitors ?? 0);
        this.count.textContent = formatCount(visitors);
        this.label.textContent = visitors === 1 ? 'current visitor' : 'current visitors';
        this.container.title = 'Visitors in the last 5 minutes';
        this.container.classList.remove('realtime-failed');
      }
    } catch (error) {
      if (source === this.source) {
        this.count.textContent = '–';
        this.container.title = `Current visitors are unavailable: ${error.message}`;
        this.container.classList.add('realtime-failed');
      }
    }
  }
}
