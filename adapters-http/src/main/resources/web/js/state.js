/** What the dashboard shows, kept in the page's query string so that a reload or a shared link shows the same. */

import { normalizedPeriod } from './periods.js';
import { formatFilters, parseFilters } from './filters.js';

export const VIEWS = ['overview', 'funnel', 'retention', 'account', 'users', 'sharing', 'reports'];
/** Views about accounts rather than statistics: no filters apply to them. */
export const ACCOUNT_VIEWS = ['account', 'users', 'sharing', 'reports'];
/** Views for admins only. */
export const ADMIN_VIEWS = ['users', 'sharing', 'reports'];
const RETENTION_PERIODS = ['day', 'week', 'month'];
const STEP_KINDS = ['page', 'screen', 'event'];
/** What the cards and the chart compare with (the API's `compare`). */
export const COMPARISONS = ['previous', 'year', 'custom'];
export const DEFAULT_FUNNEL_WINDOW = 60;

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const funnelWindow = Number.parseInt(params.get('window') ?? '', 10);
  return {
    source: params.get('source') ?? '',
    period: normalizedPeriod(params.get('period')),
    customFrom: params.get('from') ?? '',
    customTo: params.get('to') ?? '',
    compare: COMPARISONS.includes(params.get('compare')) ? params.get('compare') : 'previous',
    compareFrom: params.get('compareFrom') ?? '',
    compareTo: params.get('compareTo') ?? '',
    filters: parseFilters(params.get('filters')),
    view: VIEWS.includes(params.get('view')) ? params.get('view') : 'overview',
    cohorts: RETENTION_PERIODS.includes(params.get('cohorts')) ? params.get('cohorts') : 'week',
    funnelSteps: params.getAll('step').map(parseStep).filter(Boolean),
    funnelWindow: Number.isFinite(funnelWindow) && funnelWindow > 0 ? funnelWindow : DEFAULT_FUNNEL_WINDOW,
  };
}

/** The query string of `state`, leaving out what is at its default. */
export function queryStringOf(state) {
  const params = new URLSearchParams();
  if (state.source) {
    params.set('source', state.source);
  }
  params.set('period', state.period);
  if (state.period === 'custom') {
    params.set('from', state.customFrom);
    params.set('to', state.customTo);
  }
  if (state.compare !== 'previous') {
    params.set('compare', state.compare);
  }
  if (state.compare === 'custom') {
    params.set('compareFrom', state.compareFrom);
    params.set('compareTo', state.compareTo);
  }
  if (state.filters.length > 0) {
    params.set('filters', formatFilters(state.filters));
  }
  if (state.view !== 'overview') {
    params.set('view', state.view);
  }
  if (state.view === 'retention') {
    params.set('cohorts', state.cohorts);
  }
  if (state.view === 'funnel') {
    state.funnelSteps.forEach((step) => params.append('step', `${step.kind}:${step.value}`));
    if (state.funnelWindow !== DEFAULT_FUNNEL_WINDOW) {
      params.set('window', String(state.funnelWindow));
    }
  }
  return `?${params}`;
}

/** Puts `state` in the address bar: a new history entry, or in place of the current one with `replace`. */
export function saveState(state, { replace = false } = {}) {
  const url = queryStringOf(state);
  if (url !== window.location.search) {
    window.history[replace ? 'replaceState' : 'pushState'](null, '', url);
  }
}

function parseStep(text) {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const value = text.slice(colon + 1);
  return colon > 0 && STEP_KINDS.includes(kind) && value ? { kind, value } : null;
}
