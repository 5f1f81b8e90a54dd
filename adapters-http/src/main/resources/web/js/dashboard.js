/** The signed-in dashboard: pickers, filters and views, all following the state kept in the URL. */

import { AccountView } from './account.js';
import { downloadCsv, getJson } from './api.js';
import { AnnotationPanel, SegmentBar } from './board.js';
import { Breakdowns } from './breakdowns.js';
import { OverviewCards } from './cards.js';
import { TimeseriesChart } from './chart.js';
import { dimensionLabel, displayValue } from './dimensions.js';
import { byId, element, showMessage } from './dom.js';
import { describeFilter, formatFilters, withFilter } from './filters.js';
import { FreshnessNote } from './freshness.js';
import { FunnelView } from './funnel.js';
import { browserTimeZone, intervalFor, parseIsoDate, rangeOf } from './periods.js';
import { RealtimeCounter } from './realtime.js';
import { RetentionView } from './retention.js';
import { ACCOUNT_VIEWS, ADMIN_VIEWS, queryStringOf, readState, saveState, VIEWS } from './state.js';
import { ReportsView } from './reports.js';
import { SharingView } from './sharing.js';
import { shareId } from './share.js';
import { UsersView } from './users.js';

export class Dashboard {
  constructor() {
    this.state = readState();
    this.sourcePicker = byId('source-picker');
    this.periodPicker = byId('period-picker');
    this.customRange = byId('custom-range');
    this.customFrom = byId('custom-from');
    this.customTo = byId('custom-to');
    this.comparePicker = byId('compare-picker');
    this.compareRange = byId('compare-range');
    this.compareFrom = byId('compare-from');
    this.compareTo = byId('compare-to');
    this.banner = byId('error-banner');
    this.cards = new OverviewCards(byId('cards'), byId('cards-message'));
    this.chart = new TimeseriesChart(byId('chart'), byId('chart-message'));
    this.overviewRequest = 0;
    this.freshness = new FreshnessNote(byId('chart-freshness'));
    this.breakdowns = new Breakdowns(byId('breakdowns'), (dimension, value) => this.addFilter(dimension, value),
      (message) => this.showError(message));
    this.funnel = new FunnelView(byId('funnel-form'), byId('funnel-steps'), byId('funnel-add-step'),
      byId('funnel-window'), byId('funnel-message'), byId('funnel-result'),
      ({ steps, windowMinutes }) => this.update({ funnelSteps: steps, funnelWindow: windowMinutes }));
    this.segments = new SegmentBar({
      picker: byId('segment-picker'), deleteButton: byId('segment-delete'), form: byId('segment-form'), nameInput: byId('segment-name'),
    }, (filters) => this.update({ filters }), (message) => this.showError(message));
    this.annotations = new AnnotationPanel({
      list: byId('annotation-list'), form: byId('annotation-form'), atInput: byId('annotation-at'), textInput: byId('annotation-text'),
    }, () => this.render(), (message) => this.showError(message));
    this.funnel.attachSaved({
      picker: byId('funnel-picker'), saveForm: byId('funnel-save-form'), nameInput: byId('funnel-name'),
      markerPicker: byId('funnel-marker'), compareTable: byId('funnel-compare'),
    });
    this.retention = new RetentionView(byId('retention-table'), byId('retention-message'));
    this.realtime = new RealtimeCounter({
      count: byId('realtime-count'), label: byId('realtime-label'), toggle: byId('realtime'),
      panel: byId('latest-events'), list: byId('latest-events-list'),
    });
    this.account = new AccountView();
    this.users = new UsersView();
    this.sharing = new SharingView(() => this.state.source);
    this.reports = new ReportsView(() => this.state.source);
    this.me = null;
    this.active = false;
    this.wireControls();
  }

  wireControls() {
    this.sourcePicker.addEventListener('change', () => this.update({ source: this.sourcePicker.value }));
    this.periodPicker.addEventListener('change', () => {
      if (this.periodPicker.value === 'custom') {
        this.openCustomRange();
      } else {
        this.update({ period: this.periodPicker.value });
      }
    });
    this.customRange.addEventListener('submit', (event) => {
      event.preventDefault();
      this.applyCustomRange();
    });
    this.comparePicker.addEventListener('change', () => {
      if (this.comparePicker.value === 'custom') {
        this.compareRange.hidden = false;
        this.compareFrom.focus();
      } else {
        this.update({ compare: this.comparePicker.value });
      }
    });
    this.compareRange.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.datesInOrder(this.compareFrom, this.compareTo, 'Choose a comparison start date on or before its end date.')) {
        this.update({ compare: 'custom', compareFrom: this.compareFrom.value, compareTo: this.compareTo.value });
      }
    });
    byId('clear-filters').addEventListener('click', () => this.update({ filters: [] }));
    byId('retention-period').addEventListener('change', (event) => this.update({ cohorts: event.target.value }));
    byId('timeseries-csv').addEventListener('click', () => this.downloadTimeseries());
    document.querySelectorAll('a[data-view]').forEach((link) => link.addEventListener('click', (event) => {
      event.preventDefault();
      this.update({ view: link.dataset.view });
    }));
    window.addEventListener('popstate', () => {
      if (this.active) {
        this.state = readState();
        this.render();
      }
    });
  }

  /** Loads who is signed in and the sources they may read, then shows the view of the URL. */
  async start() {
    this.active = true;
    this.state = readState();
    showMessage(this.banner, '');
    this.account.clear();
    this.users.clear();
    this.sharing.clear();
    this.reports.clear();
    if (shareId) {
      this.showSharedView();
    } else {
      await this.showSignedInUser();
    }
    let sources;
    try {
      sources = await getJson('/api/sources');
    } catch (error) {
      this.showError(`The sources could not be loaded: ${error.message}`);
      return;
    }
    const names = sources.map((source) => source.id);
    this.sourcePicker.replaceChildren(...sources.map((source) =>
      element('option', { value: source.id, textContent: source.name })));
    if (names.length === 0) {
      this.showError('There are no sources you may read yet. Events sent with a write key create their source.');
      return;
    }
    if (!names.includes(this.state.source)) {
      this.state = { ...this.state, source: names[0] };
    }
    saveState(this.state, { replace: true });
    this.render();
  }

  stop() {
    this.active = false;
    this.realtime.stop();
  }

  /** The e-mail in the header (a link to the account view), and the users view for admins only. */
  async showSignedInUser() {
    const email = byId('user-email');
    try {
      this.me = await getJson('/api/me');
    } catch (error) {
      this.me = null;
    }
    email.textContent = this.me?.email ?? '';
    email.title = this.me ? `Your account (${this.me.role})` : '';
    byId('users-link').hidden = !this.isAdmin();
    byId('sharing-link').hidden = !this.isAdmin();
    byId('reports-link').hidden = !this.isAdmin();
  }

  /** A shared link: read-only, nobody signed in, nothing but the statistics. */
  showSharedView() {
    this.me = null;
    ['user-email', 'logout', 'users-link', 'sharing-link', 'reports-link'].forEach((id) => { byId(id).hidden = true; });
    // the signed-in dashboard's own items (segments, notes) are not part of a shared link
    ['segment-bar', 'annotation-form'].forEach((id) => {
      const node = document.getElementById(id);
      if (node) {
        node.hidden = true;
      }
    });
    byId('shared-badge').hidden = false;
  }

  isAdmin() {
    return this.me?.role === 'admin';
  }

  update(changes) {
    this.state = { ...this.state, ...changes };
    saveState(this.state);
    this.render();
  }

  addFilter(dimension, value) {
    this.update({ filters: withFilter(this.state.filters, dimension, value), view: 'overview' });
  }

  removeFilter(index) {
    this.update({ filters: this.state.filters.filter((_, position) => position !== index) });
  }

  openCustomRange() {
    const range = this.range();
    this.customFrom.value = range.from;
    this.customTo.value = range.lastDay;
    this.customRange.hidden = false;
    this.customFrom.focus();
  }

  /** Whether two date inputs hold dates in order; shows `problem` when not. */
  datesInOrder(fromInput, toInput, problem) {
    const from = parseIsoDate(fromInput.value);
    const to = parseIsoDate(toInput.value);
    if (from && to && from <= to) {
      return true;
    }
    this.showError(problem);
    return false;
  }

  applyCustomRange() {
    if (!this.datesInOrder(this.customFrom, this.customTo, 'Choose a start date on or before the end date.')) {
      return;
    }
    this.update({ period: 'custom', customFrom: this.customFrom.value, customTo: this.customTo.value });
  }

  range() {
    return rangeOf(this.state.period, this.state.customFrom, this.state.customTo);
  }

  /** The parameters every stats endpoint shares. */
  query() {
    const range = this.range();
    return {
      source: this.state.source, from: range.from, to: range.to, tz: browserTimeZone(),
      filters: formatFilters(this.state.filters),
    };
  }

  /** The `compare` parameters of the overview and the time series; a custom period's end date is inclusive here. */
  comparison() {
    const { compare, compareFrom, compareTo } = this.state;
    if (compare !== 'custom') {
      return { compare };
    }
    const from = parseIsoDate(compareFrom);
    const to = parseIsoDate(compareTo);
    // dates edited into the URL out of order: the default comparison
    return from && to && from <= to
      ? { compare, compareFrom, compareTo: rangeOf('custom', compareFrom, compareTo).to } : { compare: 'previous' };
  }

  render() {
    showMessage(this.banner, '');
    if ((ACCOUNT_VIEWS.includes(this.state.view) && shareId) || (ADMIN_VIEWS.includes(this.state.view) && !this.isAdmin())) {
      this.state = { ...this.state, view: 'overview' };
      saveState(this.state, { replace: true });
    }
    const { state } = this;
    const range = this.range();
    this.sourcePicker.value = state.source;
    this.periodPicker.value = state.period;
    this.customRange.hidden = state.period !== 'custom';
    if (state.period === 'custom') {
      this.customFrom.value = range.from;
      this.customTo.value = range.lastDay;
    }
    this.comparePicker.value = state.compare;
    this.compareRange.hidden = state.compare !== 'custom';
    if (state.compare === 'custom') {
      this.compareFrom.value = state.compareFrom;
      this.compareTo.value = state.compareTo;
    }
    document.title = `${state.source} · Analytics`;
    this.renderFilterChips();
    byId('segment-bar').hidden = ACCOUNT_VIEWS.includes(state.view);
    if (ACCOUNT_VIEWS.includes(state.view)) {
      byId('filter-bar').hidden = true;
    } else {
      this.segments.show(state.source, state.filters);
    }
    this.renderViewLinks();
    VIEWS.forEach((view) => { byId(`${view}-view`).hidden = view !== state.view; });
    const query = this.query();
    if (state.view === 'overview') {
      this.showOverview(query, range);
    } else if (state.view === 'funnel') {
      this.funnel.show(query, state.funnelSteps, state.funnelWindow);
    } else if (state.view === 'account') {
      this.account.show(this.me);
    } else if (state.view === 'users') {
      this.users.load();
    } else if (state.view === 'sharing') {
      this.sharing.load();
    } else if (state.view === 'reports') {
      this.reports.load();
    } else {
      byId('retention-period').value = state.cohorts;
      this.retention.load(query, state.cohorts);
    }
    this.realtime.follow(state.source);
  }

  /**
   * The cards, chart and panels, named for the source's views: "Screens" when its events are a mobile app's
   * screens, "Views" when it has pages and screens, else "Pageviews".
   */
  async showOverview(query, range) {
    const request = ++this.overviewRequest;
    byId('chart-interval').textContent = `by ${intervalFor(range)}`; // known now: the range alone decides it
    const views = await this.viewsOf(query);
    if (request !== this.overviewRequest) {
      return;
    }
    const label = views.screens ? (views.pages ? 'Views' : 'Screens') : 'Pageviews';
    this.cards.setViewsLabel(label);
    this.chart.viewsLabel = label;
    byId('chart-name').textContent = `Visitors and ${label.toLowerCase()}`;
    this.breakdowns.showViews(views);
    this.cards.load({ ...query, ...this.comparison() });
    this.chart.load({ ...query, ...this.comparison() }, intervalFor(range));
    this.freshness.load(query);
    this.breakdowns.load(query);
    this.annotations.show(query);
  }

  /** Whether the source has page and screen views in the range (filters aside); pages when unknown. */
  async viewsOf(query) {
    const range = { ...query };
    delete range.filters;
    try {
      const [pages, screens] = await Promise.all(['page', 'screen'].map((dimension) =>
        getJson('/api/stats/breakdown', { ...range, dimension, metrics: 'visitors', limit: 1 })));
      const screensSeen = screens.rows.length > 0;
      return { pages: pages.rows.length > 0 || !screensSeen, screens: screensSeen };
    } catch (error) {
      return { pages: true, screens: false };
    }
  }

  renderFilterChips() {
    const { filters } = this.state;
    byId('filter-bar').hidden = filters.length === 0;
    byId('filter-chips').replaceChildren(...filters.map((filter, index) => {
      const shown = { ...filter, values: filter.values.map((value) => displayValue(filter.dimension, value)) };
      const text = describeFilter(shown, dimensionLabel);
      return element('li', { className: 'chip', dataset: { dimension: filter.dimension } },
        element('span', {}, text),
        element('button', {
          type: 'button', className: 'chip-remove', textContent: '×',
          attributes: { 'aria-label': `Remove filter: ${text}` }, on: { click: () => this.removeFilter(index) },
        }));
    }));
  }

  renderViewLinks() {
    document.querySelectorAll('a[data-view]').forEach((link) => {
      link.href = queryStringOf({ ...this.state, view: link.dataset.view });
      if (link.dataset.view === this.state.view) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    });
  }

  async downloadTimeseries() {
    const range = this.range();
    try {
      await downloadCsv('/api/stats/timeseries', {
        ...this.query(), interval: intervalFor(range), metrics: 'visitors,pageviews,sessions,events',
      }, 'timeseries.csv');
    } catch (error) {
      this.showError(`Download failed: ${error.message}`);
    }
  }

  showError(message) {
    showMessage(this.banner, message, 'error');
  }
}
