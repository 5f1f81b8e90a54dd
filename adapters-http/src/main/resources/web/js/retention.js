/** The retention view: cohorts by first visit, and the share of each that came back in every later period. */

import { getJson } from './api.js';
import { element, showMessage } from './dom.js';
import { formatCount, formatPercent, formatVisitors } from './format.js';

const PERIOD_WORDS = { day: 'Day', week: 'Week', month: 'Month' };
const SHADES = 10;

export class RetentionView {
  constructor(table, message) {
    this.table = table;
    this.message = message;
    this.latestRequest = 0;
  }

  async load(query, period) {
    const request = ++this.latestRequest;
    showMessage(this.message, 'Loading…');
    try {
      const retention = await getJson('/api/stats/retention', { ...query, period });
      if (request === this.latestRequest) {
        this.render(retention.cohorts ?? [], period);
      }
    } catch (error) {
      if (request === this.latestRequest) {
        this.table.replaceChildren();
        showMessage(this.message, error.isMissingEndpoint
          ? 'This server does not offer retention yet.' : `Retention: ${error.message}`, 'error');
      }
    }
  }

  render(cohorts, period) {
    if (cohorts.length === 0) {
      this.table.replaceChildren();
      showMessage(this.message, 'No visitors were first seen in this period.');
      return;
    }
    showMessage(this.message, '');
    const offsets = Math.max(...cohorts.map((cohort) => cohort.returning?.length ?? 0));
    const word = PERIOD_WORDS[period] ?? period;
    this.table.replaceChildren(
      element('caption', { className: 'visually-hidden' }, `Share of each cohort returning, by ${period}`),
      element('thead', {}, element('tr', {},
        element('th', { scope: 'col' }, 'Cohort'),
        element('th', { scope: 'col', className: 'number' }, 'Visitors'),
        Array.from({ length: offsets }, (_, offset) => element('th', { scope: 'col', className: 'number' }, `${word} ${offset}`)))),
      element('tbody', {}, cohorts.map((cohort) => element('tr', { dataset: { cohort: cohort.cohort } },
        element('th', { scope: 'row' }, cohort.cohort),
        element('td', { className: 'number' }, formatCount(cohort.visitors)),
        Array.from({ length: offsets }, (_, offset) => this.cell(cohort.returning?.[offset]))))));
  }

  cell(period) {
    if (!period) {
      return element('td', { className: 'retention-cell' });
    }
    const shade = Math.min(SHADES, Math.round(Number(period.rate) * SHADES));
    return element('td', {
      className: `retention-cell number shade-${shade}`,
      title: formatVisitors(period.visitors),
    }, formatPercent(period.rate));
  }
}
