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
    this.propertyKey = '';
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
    this.propertyForm = definition.tabs.some((tab) => tab.property) ? this.propertyKeyForm() : null;
    this.node = element('section', { className: 'panel breakdown', dataset: { panel: definition.id },
      attributes: { 'aria-labelledby': `panel-title-${definition.id}` } },
    element('div', { className: 'panel-head' },
      element('h2', { id: `panel-title-${definition.id}` }, definition.title),
      element('button', { type: 'button', className: 'button-quiet csv-download', textContent: 'CSV',
        attributes: { 'aria-label': `Download ${definition.title} as CSV` }, on: { click: () => this.download() } })),
    definition.tabs.length > 1
      ? element('div', { className: 'tabs', attributes: { role: 'tablist', 'aria-label': definition.title } }, this.tabs)
      : null,
    this.propertyForm, this.message, this.body, this.moreButton);
    this.markSelectedTab();
  }

  /** Which property of the events to break down by, e.g. "plan" for prop:plan. */
  propertyKeyForm() {
    const id = `property-key-${this.definition.id}`;
    const input = element('input', { id, type: 'text', className: 'property-key-input', placeholder: 'plan', required: true });
    return element('form', {
      className: 'property-key', hidden: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          this.propertyKey = input.value.trim();
          this.expanded = false;
          if (this.query) {
            this.load(this.query);
          }
        },
      },
    },
    element('label', { htmlFor: id, className: 'control-label' }, 'Event property'), input,
    element('button', { type: 'submit', textContent: 'Show' }));
  }

  /** The API's dimension of a tab: its own, or prop:<key> once a property key is chosen (else null). */
  dimensionOf(tab) {
    if (!tab.property) {
      return tab.dimension;
    }
    return this.propertyKey ? `prop:${this.propertyKey}` : null;
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
    if (this.propertyForm) {
      this.propertyForm.hidden = !this.selected.property;
    }
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
    const dimension = this.dimensionOf(tab);
    if (!dimension) {
      this.body.replaceChildren();
      this.moreButton.hidden = true;
      showMessage(this.message, 'Name a property of your events (such as plan) to see its values.');
      return;
    }
    const limit = this.expanded ? EXPANDED_ROWS : SHOWN_ROWS;
    this.body.setAttribute('aria-busy', 'true');
    try {
      const breakdown = await getJson('/api/stats/breakdown', {
        ...query, dimension, metrics: tab.columns.map((column) => column.metric).join(','), limit,
      });
      if (request === this.latestRequest) {
        const rows = breakdown.rows ?? [];
        this.render(tab, dimension, rows);
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

  render(tab, dimension, rows) {
    if (rows.length === 0) {
      this.body.replaceChildren(element('p', { className: 'empty' }, 'No data for this period.'));
      return;
    }
    const [main] = tab.columns;
    const largest = Math.max(...rows.map((row) => Number(row[main.metric] ?? 0)), 1);
    const table = element('table', { className: 'breakdown-table' },
      element('thead', {}, element('tr', {},
        element('th', { scope: 'col' }, dimensionLabel(dimension)),
        tab.columns.map((column) => element('th', { scope: 'col', className: 'number' }, column.label)))),
      element('tbody', {}, rows.map((row) => this.row(tab, dimension, row, largest))));
    this.body.replaceChildren(table);
  }

  row(tab, dimension, row, largest) {
    const [main] = tab.columns;
    const label = row.value === null ? element('span', { className: 'muted' }, '(none)')
      : element('button', {
        type: 'button', className: 'row-filter', dataset: { value: row.value },
        title: `Show only ${dimensionLabel(dimension)}: ${row.value}`,
        on: { click: () => this.onFilter(dimension, row.value) },
      }, displayValue(dimension, row.value));
    const bar = element('span', { className: 'row-bar', attributes: { 'aria-hidden': 'true' } });
    bar.style.width = `${(100 * Number(row[main.metric] ?? 0)) / largest}%`;
    return element('tr', { dataset: { value: row.value ?? '' } },
      element('th', { scope: 'row', className: 'row-label' }, bar, label),
      // a row under the viewer's small-count limit comes without numbers: "< k"
      tab.columns.map((column) => element('td', {
        className: row.suppressed ? 'number muted' : 'number',
        dataset: { metric: column.metric, ...(row.suppressed ? { suppressed: 'true' } : {}) },
        title: row.suppressed ? `Fewer than ${row.threshold} visitors: not shown` : '',
      }, row.suppressed ? `< ${row.threshold}` : column.format(row[column.metric]))));
  }

  async download() {
    const tab = this.selected;
    const dimension = this.dimensionOf(tab);
    if (!dimension) {
      this.onError('Name an event property first.');
      return;
    }
    try {
      await downloadCsv('/api/stats/breakdown', {
        ...this.query, dimension, metrics: tab.columns.map((column) => column.metric).join(','), limit: CSV_ROWS,
      }, `breakdown-${dimension}.csv`);
    } catch (error) {
      this.onError(`Download failed: ${error.message}`);
    }
  }
}

export class Breakdowns {
  constructor(container, onFilter, onError) {
    this.panels = PANELS.map((definition) => new BreakdownPanel(definition, onFilter, onError));
    container.replaceChildren(...this.panels.map((panel) => panel.node));
    this.views = { pages: true, screens: false };
  }

  /** Which views the source has ({@code pages}, {@code screens}): panels of the other kind are hidden. */
  showViews(views) {
    this.views = views;
    this.panels.forEach((panel) => {
      const kind = panel.definition.views;
      panel.node.hidden = kind !== undefined && !views[kind];
    });
  }

  load(query) {
    this.panels.filter((panel) => !panel.node.hidden).forEach((panel) => panel.load(query));
  }
}
