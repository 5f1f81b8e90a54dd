/** The current-visitors counter, refreshed every 30 seconds, and the latest events behind it. */

import { getJson } from './api.js';
import { displayValue } from './dimensions.js';
import { element } from './dom.js';
import { formatCount } from './format.js';

const POLL_MS = 30000;
const SHOWN_EVENTS = 15;
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export class RealtimeCounter {
  constructor({ count, label, toggle, panel, list }) {
    this.count = count;
    this.label = label;
    this.toggle = toggle;
    this.panel = panel;
    this.list = list;
    this.source = null;
    this.timer = null;
    toggle.addEventListener('click', () => this.showEvents(this.panel.hidden));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.panel.hidden) {
        this.showEvents(false);
        this.toggle.focus();
      }
    });
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
    this.showEvents(false);
  }

  showEvents(shown) {
    this.panel.hidden = !shown;
    this.toggle.setAttribute('aria-expanded', String(shown));
  }

  async refresh() {
    const source = this.source;
    try {
      const realtime = await getJson('/api/stats/realtime', { source });
      if (source === this.source) {
        const visitors = Number(realtime.visitors ?? 0);
        this.count.textContent = formatCount(visitors);
        this.label.textContent = visitors === 1 ? 'current visitor' : 'current visitors';
        this.toggle.title = 'Visitors in the last 5 minutes; show the latest events';
        this.toggle.classList.remove('realtime-failed');
        this.renderEvents(realtime.events ?? []);
      }
    } catch (error) {
      if (source === this.source) {
        this.count.textContent = '–';
        this.toggle.title = `Current visitors are unavailable: ${error.message}`;
        this.toggle.classList.add('realtime-failed');
        this.list.replaceChildren(element('li', { className: 'muted' }, error.message));
      }
    }
  }

  renderEvents(events) {
    if (events.length === 0) {
      this.list.replaceChildren(element('li', { className: 'muted' }, 'No events yet.'));
      return;
    }
    this.list.replaceChildren(...events.slice(0, SHOWN_EVENTS).map((event) => {
      const where = [event.country ? displayValue('country', event.country) : null, event.device].filter(Boolean).join(' · ');
      return element('li', { className: 'latest-event' },
        element('time', { className: 'latest-event-time', dateTime: event.timestamp },
          timeOfDay.format(new Date(event.timestamp))),
        element('span', { className: 'latest-event-what' }, describe(event)),
        where ? element('span', { className: 'latest-event-where' }, where) : null);
    }));
  }
}

function describe(event) {
  if (event.type === 'page') {
    return `Viewed ${event.path ?? event.name ?? 'a page'}`;
  }
  if (event.type === 'track') {
    return `${event.name ?? 'An event'}${event.path ? ` on ${event.path}` : ''}`;
  }
  return `${event.type}${event.name ? ` ${event.name}` : ''}`;
}
