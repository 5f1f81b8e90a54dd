/** The overview cards: each metric of the range and its change against the compared period (the one before, a year before, or chosen). */

import { getJson } from './api.js';
import { element, showMessage } from './dom.js';
import { comparedLabel, describeChange, formatCount, formatDecimal, formatDuration, formatPercent } from './format.js';

const CARDS = [
  { metric: 'visitors', label: 'Visitors', format: formatCount, count: true },
  { metric: 'pageviews', label: 'Pageviews', format: formatCount, count: true },
  { metric: 'sessions', label: 'Sessions', format: formatCount, count: true },
  { metric: 'bounceRate', label: 'Bounce rate', format: formatPercent, lowerIsBetter: true },
  { metric: 'avgSessionSeconds', label: 'Avg. session', format: formatDuration },
  { metric: 'viewsPerSession', label: 'Views per session', format: formatDecimal },
];

export class OverviewCards {
  constructor(list, message) {
    this.list = list;
    this.message = message;
    this.latestRequest = 0;
  }

  async load(query) {
    this.comparedLabel = comparedLabel(query.compare);
    const request = ++this.latestRequest;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const overview = await getJson('/api/stats/overview', query);
      if (request === this.latestRequest) {
        this.render(overview);
        showMessage(this.message, '');
      }
    } catch (error) {
      if (request === this.latestRequest) {
        this.list.replaceChildren();
        showMessage(this.message, `Overview: ${error.message}`, 'error');
      }
    } finally {
      if (request === this.latestRequest) {
        this.list.removeAttribute('aria-busy');
      }
    }
  }

  /** "Pageviews", "Screens" (a mobile app's source) or "Views" (both). */
  setViewsLabel(label) {
    this.viewsLabel = label;
  }

  render(overview) {
    const previous = overview.previous ?? {};
    const cards = CARDS.map((card) => (card.metric === 'pageviews' && this.viewsLabel ? { ...card, label: this.viewsLabel } : card));
    this.list.replaceChildren(...cards.map((card) => {
      // a rate or average of 0 before (say, sessions of 0 s) makes no percentage and is no news either
      const change = !card.count && !Number(previous[card.metric])
        ? { text: '–', direction: 'flat' } : describeChange(overview[card.metric], previous[card.metric]);
      const good = change.direction === 'flat' ? 'flat'
        : (change.direction === 'up') !== Boolean(card.lowerIsBetter) ? 'good' : 'bad';
      return element('li', { className: 'card', dataset: { metric: card.metric } },
        element('span', { className: 'card-label' }, card.label),
        element('span', { className: 'card-value' }, card.format(overview[card.metric])),
        element('span', {
          className: `card-change change-${good}`,
          title: `${this.comparedLabel[0].toUpperCase()}${this.comparedLabel.slice(1)}: ${card.format(previous[card.metric])}`,
        }, change.text, element('span', { className: 'visually-hidden' }, ` vs ${this.comparedLabel}`)));
    }));
  }
}
