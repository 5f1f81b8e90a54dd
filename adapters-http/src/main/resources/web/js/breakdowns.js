/** Breakdown panels: one tab per dimension, a row per value; activating a value filters the whole dashboard. */

import { downloadCsv, getJson } from './api.js';
import { element, showMessage } from './dom.js';
import { dimensionLabel, displayValue, PANELS } from './dimensions.js';

const SHOWN_ROWS = 10;
const EXPANDED_ROWS = 100;
const CSV_ROWS = 1000;

class BreakdownPanel {
  constructor(definition, onFilter, onError) {
    this.definition = definition;
    this.onFilter = onFilter;
    this.onError = onError;
    this.selected = definition.tabs[0];
    this.expanded = false;
    this.latestRequest = 0;
    this.query = null;
    this.tabs = definition.tabs.map((tab) => element('button', {
      type: 'button', className: 'tab', id: `tab-${tab.dimension}`, textContent: tab.label,
      attributes: { role: 'tab', 'aria-controls': `tabpanel-${definition.id}` },
      dataset: { dimension: tab.dimension },
      on: { click: () => this.select(tab), keydown: (event) => this.moveFocus(event) },
    }));
    this.body = element('div', {
      className: 'tabpanel', id: `tabpanel-${definition.id}`, attributes: { role: 'tabpanel', tabindex: '-1' },
    });
    this.message = element('p', { className: 'message', hidden: true, attributes: { role: 'status' } });
    this.moreButton = element('button', {
      type: 'button', className: 'button-quiet more-rows', hidden: true,
      attributes: { 'aria-controls': `tabpanel-${definition.id}` }, on: { click: () => this.toggleExpanded() },
    });
    this.node = element('section', { className: 'panel breakdown', dataset: { panel: definition.id },
      attributes: { 'aria-labelledby': `panel-title-${definition.id}` } },
    element('div', { className: 'panel-head' },
      element('h2', { id: `panel-title-${definition.id}` }, definition.title),
      element('button', { type: 'button', className: 'button-quiet csv-download', textContent: 'CSV',
        attributes: { 'aria-label': `Download ${definition.title} as CSV` }, on: { click: () => this.download() } })),
    definition.tabs.length > 1
      ? element('div', { className: 'tabs', attributes: { role: 'tablist', 'aria-label': definition.title } }, this.tabs)
      : null,
    this.message, this.body, this.moreButton);
    this.markSelectedTab();
  }

  toggleExpanded() {
    this.expanded = !this.expanded;
    if (this.query) {
      this.load(this.query);
    }
  }

  select(tab) {
    this.selected = tab;
    this.expanded = false;
    this.markSelectedTab();
    if (this.query) {
      this.load(this.query);
    }
  }

  markSelectedTab() {
    this.tabs.forEach((button) => {
      const selected = button.dataset.dimension === this.selected.dimension;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    });
    this.body.setAttribute('aria-labelledby', `tab-${this.selected.dimension}`);
  }

  /** Arrow keys walk the tabs (the WAI-ARIA tabs pattern). */
  moveFocus(event) {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) {
      return;
    }
    event.preventDefault();
    const tabs = this.definition.tabs;
    const next = tabs[(tabs.indexOf(this.selected) + step + tabs.length) % tabs.length];
    this.select(next);
    this.tabs[tabs.indexOf(next)].focus();
  }

  async load(query) {
    this.query = query;
    const request = ++this.latestRequest;
    const tab = this.selected;
    const limit = this.expanded ? EXPANDED_ROWS : SHOWN_ROWS;
    this.body.setAttribute('aria-busy', 'true');
    try {
      const breakdown = await getJson('/api/stats/breakdown', {
        ...query, dimension: tab.dimension, metrics: tab.columns.map((column) => column.metric).join(','), limit,
      });
      if (request === this.latestRequest) {
        const rows = breakdown.rows ?? [];
        this.render(tab, rows);
        showMessage(this.message, '');
        this.moreButton.hidden = !this.expanded && rows.length < SHOWN_ROWS;
        this.moreButton.textContent = this.expanded ? 'Show fewer' : 'Show more';
      }
    } catch (error) {
      if (request === this.latestRequest) {
        this.body.replaceChildren();
        this.moreButton.hidden = true;
        showMessage(this.message, error.message, 'error');
      }
    } finally {
      if (request === this.latestRequest) {
        this.body.removeAttribute('aria-busy');
      }
    }
  }

  render(tab, rows) {
    if (rows.length === 0) {
      this.body.replaceChildren(element('p', { className: 'empty' }, 'No data for this period.'));
      return;
    }
    const [main] = tab.columns;
    const largest = Math.max(...rows.map((row) => Number(row[main.metric] ?? 0)), 1);
    const table = element('table', { className: 'breakdown-table' },
      element('thead', {}, element('tr', {},
        element('th', { scope: 'col' }, dimensionLabel(tab.dimension)),
        tab.columns.map((column) => element('th', { scope: 'col', className: 'number' }, column.label)))),
      element('tbody', {}, rows.map((row) => this.row(tab, row, largest))));
    this.body.replaceChildren(table);
  }

  row(tab, row, largest) {
    const [main] = tab.columns;
    const label = row.value === null ? element('span', { className: 'muted' }, '(none)')
      : element('button', {
        type: 'button', className: 'row-filter', dataset: { value: row.value },
        title: `Show only ${dimensionLabel(tab.dimension)}: ${row.value}`,
        on: { click: () => this.onFilter(tab.dimension, row.value) },
      }, displayValue(tab.dimension, row.value));
    const bar = element('span', { className: 'row-bar', attributes: { 'aria-hidden': 'true' } });
    bar.style.width = `${(100 * Number(row[main.metric] ?? 0)) / largest}%`;
    return element('tr', { dataset: { value: row.value ?? '' } },
      element('th', { scope: 'row', className: 'row-label' }, bar, label),
      tab.columns.map((column) => element('td', { className: 'number', dataset: { metric: column.metric } },
        column.format(row[column.metric]))));
  }

  async download() {
    const tab = this.selected;
    try {
      await downloadCsv('/api/stats/breakdown', {
        ...this.query, dimension: tab.dimension, metrics: tab.columns.map((column) => column.metric).join(','), limit: CSV_ROWS,
      }, `breakdown-${tab.dimension}.csv`);
    } catch (error) {
      this.onError(`Download failed: ${error.message}`);
    }
  }
}

export class Breakdowns {
  constructor(container, onFilter, onError) {
    this.panels = PANELS.map((definition) => new BreakdownPanel(definition, onFilter, onError));
    container.replaceChildren(...this.panels.map((panel) => panel.node));
  }

  load(query) {
    this.panels.forEach((panel) => panel.load(query));
  }
}
