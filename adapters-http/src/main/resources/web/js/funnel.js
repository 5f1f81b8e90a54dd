/** The funnel view: ordered steps (pages, screens or events) and, per step, the visitors who reached it in order. */

import { getJson, postJson } from './api.js';
import { element, showMessage } from './dom.js';
import { formatCount, formatPercent, formatVisitors } from './format.js';

const MIN_STEPS = 2;
const MAX_STEPS = 8;
const STARTER_STEPS = [{ kind: 'page', value: '/' }, { kind: 'event', value: '' }];
const SUGGESTIONS = 50;
const SUGGESTION_LISTS = { page: 'funnel-pages', screen: 'funnel-screens', event: 'funnel-events' };
const PLACEHOLDERS = { page: '/pricing', screen: 'Income', event: 'Signed Up' };
const KIND_LABELS = { page: 'Page', screen: 'Screen', event: 'Event' };

export class FunnelView {
  /** `onDefinitionChange({steps, windowMinutes})` keeps the definition in the URL. */
  constructor(form, stepList, addButton, windowInput, message, result, onDefinitionChange) {
    this.stepList = stepList;
    this.addButton = addButton;
    this.windowInput = windowInput;
    this.message = message;
    this.result = result;
    this.onDefinitionChange = onDefinitionChange;
    this.latestRequest = 0;
    this.query = null;
    addButton.addEventListener('click', () => {
      this.appendStep({ kind: 'page', value: '' });
      this.stepList.lastElementChild.querySelector('input').focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const definition = this.definition();
      if (definition) {
        this.onDefinitionChange(definition);
      }
    });
  }

  /**
   * The saved funnels of the source (picking one shows it; the steps shown can be saved under a name) and the
   * notes and releases of the period, one of which splits the funnel into before and after.
   */
  attachSaved({ picker, saveForm, nameInput, markerPicker, compareTable }) {
    this.saved = { picker, saveForm, nameInput, markerPicker, compareTable, funnels: [] };
    picker.addEventListener('change', () => {
      const funnel = this.saved.funnels.find((candidate) => candidate.id === picker.value);
      if (funnel) {
        this.onDefinitionChange({
          steps: funnel.steps.map((step) => (step.page !== undefined ? { kind: 'page', value: step.page } : { kind: 'event', value: step.event })),
          windowMinutes: funnel.windowMinutes,
        });
      }
    });
    saveForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.saveCurrent();
    });
    markerPicker.addEventListener('change', () => this.compare());
  }

  async loadSaved(query) {
    if (!this.saved) {
      return;
    }
    const [funnels, annotations] = await Promise.all([
      getJson('/api/funnels', { source: query.source }).catch(() => []),
      getJson('/api/annotations', { source: query.source, from: query.from, to: query.to, tz: query.tz }).catch(() => [])]);
    this.saved.funnels = funnels;
    const { picker, markerPicker } = this.saved;
    picker.replaceChildren(element('option', { value: '', textContent: 'None' }),
      ...funnels.map((funnel) => element('option', { value: funnel.id, textContent: funnel.name })));
    const shown = JSON.stringify(this.shownSteps ?? []);
    const current = funnels.find((funnel) => JSON.stringify(funnel.steps) === shown);
    picker.value = current ? current.id : '';
    markerPicker.replaceChildren(element('option', { value: '', textContent: 'No comparison' }),
      ...annotations.map((annotation) => element('option', {
        value: annotation.id,
        textContent: `${annotation.kind === 'release' ? 'Release' : 'Note'} ${annotation.text} (${new Date(annotation.at).toLocaleString()})`,
      })));
    this.saved.compareTable.hidden = true;
  }

  async saveCurrent() {
    const definition = this.definition();
    const name = this.saved.nameInput.value.trim();
    if (!definition || !name) {
      return;
    }
    try {
      await postJson('/api/funnels', {}, {
        source: this.query.source, name, windowMinutes: definition.windowMinutes,
        steps: definition.steps.map((step) => ({ [step.kind]: step.value })),
      });
      this.saved.nameInput.value = '';
      this.shownSteps = definition.steps.map((step) => ({ [step.kind]: step.value }));
      await this.loadSaved(this.query);
    } catch (error) {
      showMessage(this.message, `The funnel was not saved: ${error.message}`, 'error');
    }
  }

  /** The funnel before and after the chosen marker: two funnel queries, split at its time. */
  async compare() {
    const { markerPicker, compareTable } = this.saved;
    const definition = this.definition();
    if (!markerPicker.value || !definition) {
      compareTable.hidden = true;
      return;
    }
    try {
      const around = await postJson(`/api/annotations/${encodeURIComponent(markerPicker.value)}/funnel`, this.query, {
        steps: definition.steps.map((step) => ({ [step.kind]: step.value })), windowMinutes: definition.windowMinutes,
      });
      const after = around.after.steps ?? [];
      compareTable.replaceChildren(
        element('caption', {}, `Before and after ${around.marker.kind === 'release' ? 'release' : 'note'} ${around.marker.text}`),
        element('thead', {}, element('tr', {},
          element('th', { scope: 'col' }, 'Step'), element('th', { scope: 'col' }, 'Before'), element('th', { scope: 'col' }, 'After'))),
        element('tbody', {}, ...(around.before.steps ?? []).map((step, index) => element('tr', { dataset: { step: step.step } },
          element('td', {}, `${step.kind === 'event' ? 'Event' : 'Page'} ${step.label}`),
          element('td', { className: 'before' }, `${formatCount(step.visitors)} (${formatPercent(step.conversionRate)})`),
          element('td', { className: 'after' },
            `${formatCount(after[index]?.visitors ?? 0)} (${formatPercent(after[index]?.conversionRate ?? 0)})`)))));
      compareTable.hidden = false;
    } catch (error) {
      compareTable.hidden = true;
      showMessage(this.message, `Before / after: ${error.message}`, 'error');
    }
  }

  /** Shows the steps of the URL (or a starting point) and, when they are complete, the funnel. */
  show(query, steps, windowMinutes) {
    this.query = query;
    this.shownSteps = steps.map((step) => ({ [step.kind]: step.value }));
    this.suggest(query);
    this.loadSaved(query);
    this.windowInput.value = String(windowMinutes);
    this.stepList.replaceChildren();
    (steps.length >= MIN_STEPS ? steps : STARTER_STEPS).forEach((step) => this.appendStep(step));
    if (steps.length >= MIN_STEPS) {
      this.load(steps, windowMinutes);
    } else {
      this.result.replaceChildren();
      showMessage(this.message, 'Name at least two steps, then choose "Show funnel".');
    }
  }

  appendStep(step) {
    const position = this.stepList.children.length + 1;
    const kind = element('select', { attributes: { 'aria-label': `Step ${position}: kind` }, className: 'step-kind' },
      Object.entries(KIND_LABELS).map(([value, textContent]) => element('option', { value, textContent })));
    kind.value = step.kind;
    const value = element('input', {
      type: 'text', className: 'step-value', value: step.value, required: true, placeholder: PLACEHOLDERS[step.kind],
      attributes: { 'aria-label': `Step ${position}: page path, screen name or event name`, list: SUGGESTION_LISTS[step.kind] },
    });
    kind.addEventListener('change', () => {
      value.placeholder = PLACEHOLDERS[kind.value];
      value.setAttribute('list', SUGGESTION_LISTS[kind.value]);
    });
    const item = element('li', { className: 'funnel-step' }, kind, value,
      element('button', {
        type: 'button', className: 'button-quiet', textContent: 'Remove',
        attributes: { 'aria-label': `Remove step ${position}` },
        on: { click: () => { item.remove(); this.updateButtons(); } },
      }));
    this.stepList.append(item);
    this.updateButtons();
  }

  /** Offers the period's top pages and events while typing a step; without them typing still works. */
  async suggest(query) {
    await Promise.all(Object.entries(SUGGESTION_LISTS).map(async ([dimension, listId]) => {
      const list = document.getElementById(listId);
      try {
        const breakdown = await getJson('/api/stats/breakdown',
          { ...query, dimension, metrics: 'visitors', limit: SUGGESTIONS });
        list.replaceChildren(...(breakdown.rows ?? []).filter((row) => row.value !== null)
          .map((row) => element('option', { value: row.value })));
      } catch (error) {
        list.replaceChildren();
      }
    }));
  }

  updateButtons() {
    const count = this.stepList.children.length;
    this.addButton.disabled = count >= MAX_STEPS;
    this.stepList.querySelectorAll('.funnel-step > button').forEach((button) => { button.disabled = count <= MIN_STEPS; });
  }

  /** The steps as typed, or null (with a message) when some are empty. */
  definition() {
    const steps = [...this.stepList.children].map((item) => ({
      kind: item.querySelector('.step-kind').value,
      value: item.querySelector('.step-value').value.trim(),
    }));
    const windowMinutes = Number.parseInt(this.windowInput.value, 10);
    if (steps.some((step) => !step.value)) {
      showMessage(this.message, 'Every step needs a page path, a screen name or an event name.', 'error');
      return null;
    }
    if (!Number.isFinite(windowMinutes) || windowMinutes < 1) {
      showMessage(this.message, 'The window is a whole number of minutes, at least 1.', 'error');
      return null;
    }
    return { steps, windowMinutes };
  }

  async load(steps, windowMinutes) {
    const request = ++this.latestRequest;
    showMessage(this.message, 'Loading…');
    try {
      const funnel = await postJson('/api/stats/funnel', this.query, {
        steps: steps.map((step) => ({ [step.kind]: step.value })), windowMinutes,
      });
      if (request === this.latestRequest) {
        this.render(funnel.steps ?? []);
      }
    } catch (error) {
      if (request === this.latestRequest) {
        this.result.replaceChildren();
        showMessage(this.message, error.isMissingEndpoint
          ? 'This server does not offer funnels yet.' : `Funnel: ${error.message}`, 'error');
      }
    }
  }

  render(steps) {
    const first = Math.max(1, Number(steps[0]?.visitors ?? 0));
    showMessage(this.message, Number(steps[0]?.visitors ?? 0) === 0 ? 'No visitor reached the first step in this period.' : '');
    this.result.replaceChildren(...steps.map((step) => {
      const bar = element('span', { className: 'funnel-bar-fill' });
      bar.style.width = `${(100 * Number(step.visitors)) / first}%`;
      return element('li', { className: 'funnel-row', dataset: { step: step.step } },
        element('div', { className: 'funnel-row-head' },
          element('span', { className: 'funnel-label' },
            element('span', { className: 'funnel-kind' }, KIND_LABELS[step.kind] ?? step.kind), ` ${step.label}`),
          element('span', { className: 'funnel-visitors' }, formatVisitors(step.visitors))),
        element('div', { className: 'funnel-bar', attributes: { 'aria-hidden': 'true' } }, bar),
        element('div', { className: 'funnel-numbers' },
          element('span', { className: 'funnel-conversion' }, `${formatPercent(step.conversionRate)} of the first step`),
          step.step > 1 ? element('span', {}, `${formatPercent(step.stepConversionRate)} from the step before`) : null,
          step.step > 1 ? element('span', { className: 'funnel-dropoff' }, `${formatCount(step.dropOff)} dropped off`) : null));
    }));
  }
}
