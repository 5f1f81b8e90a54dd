/**
 * The dashboard's own items: saved segments (named filter sets) picked above the views, and the notes and release
 * markers of the period listed under the chart, with a form to add a note.
 */

import { deleteResource, getJson, postJson } from './api.js';
import { element, showMessage, whileDisabled } from './dom.js';
import { formatFilters, parseFilters } from './filters.js';

/** The segment picker: choosing one replaces the filters; the filters in use can be saved under a name. */
export class SegmentBar {
  /** `onPick(filters)` applies a segment's filters; `onError(message)` shows a problem. */
  constructor({ picker, deleteButton, form, nameInput }, onPick, onError) {
    this.picker = picker;
    this.deleteButton = deleteButton;
    this.form = form;
    this.nameInput = nameInput;
    this.onError = onError;
    this.segments = [];
    this.source = null;
    this.filters = [];
    picker.addEventListener('change', () => {
      const segment = this.segments.find((candidate) => candidate.id === picker.value);
      this.deleteButton.hidden = !segment;
      if (segment) {
        onPick(parseFilters(segment.filters));
      }
    });
    deleteButton.addEventListener('click', () => this.removeSelected());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.saveCurrent();
    });
  }

  /** Lists the source's segments and selects the one whose filters are in use. */
  async show(source, filters) {
    this.source = source;
    this.filters = filters;
    this.form.hidden = filters.length === 0;
    try {
      if (this.loadedFor !== source) {
        this.segments = await getJson('/api/segments', { source });
        this.loadedFor = source;
      }
    } catch (error) {
      this.segments = [];
      this.loadedFor = null;
    }
    const current = formatFilters(filters);
    this.picker.replaceChildren(element('option', { value: '', textContent: 'All visitors' }),
      ...this.segments.map((segment) => element('option', { value: segment.id, textContent: segment.name })));
    const selected = this.segments.find((segment) => formatFilters(parseFilters(segment.filters)) === current && current);
    this.picker.value = selected ? selected.id : '';
    this.deleteButton.hidden = !selected;
  }

  async saveCurrent() {
    const name = this.nameInput.value.trim();
    if (!name || this.filters.length === 0) {
      return;
    }
    try {
      await whileDisabled(this.form.querySelector('button'), () =>
        postJson('/api/segments', {}, { source: this.source, name, filters: formatFilters(this.filters) }));
      this.nameInput.value = '';
      this.loadedFor = null;
      await this.show(this.source, this.filters);
    } catch (error) {
      this.onError(`The segment was not saved: ${error.message}`);
    }
  }

  async removeSelected() {
    const id = this.picker.value;
    if (!id) {
      return;
    }
    try {
      await deleteResource(`/api/segments/${encodeURIComponent(id)}`);
      this.loadedFor = null;
      await this.show(this.source, this.filters);
    } catch (error) {
      this.onError(`The segment was not deleted: ${error.message}`);
    }
  }
}

/** The period's notes and releases under the chart; adding or removing one redraws the chart (`onChange`). */
export class AnnotationPanel {
  constructor({ list, form, atInput, textInput }, onChange, onError) {
    this.list = list;
    this.form = form;
    this.atInput = atInput;
    this.textInput = textInput;
    this.onChange = onChange;
    this.onError = onError;
    this.query = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.add();
    });
  }

  async show(query) {
    this.query = query;
    let annotations = [];
    try {
      annotations = await getJson('/api/annotations', { source: query.source, from: query.from, to: query.to, tz: query.tz });
    } catch (error) {
      annotations = [];
    }
    this.list.replaceChildren(...annotations.map((annotation) => element('li', { dataset: { kind: annotation.kind, id: annotation.id } },
      element('span', { className: 'annotation-kind' }, annotation.kind === 'release' ? 'Release' : 'Note'),
      element('time', { dateTime: annotation.at }, new Date(annotation.at).toLocaleString()),
      element('span', { className: 'annotation-text' }, annotation.text),
      annotation.kind === 'note' ? element('button', {
        type: 'button', className: 'button-quiet', textContent: 'Remove',
        attributes: { 'aria-label': `Remove note: ${annotation.text}` }, on: { click: () => this.remove(annotation.id) },
      }) : null)));
  }

  async add() {
    const at = new Date(this.atInput.value);
    const text = this.textInput.value.trim();
    if (Number.isNaN(at.getTime()) || !text) {
      return;
    }
    try {
      await whileDisabled(this.form.querySelector('button'), () =>
        postJson('/api/annotations', {}, { source: this.query.source, at: at.toISOString(), text }));
      this.textInput.value = '';
      this.onChange();
    } catch (error) {
      this.onError(`The note was not added: ${error.message}`);
    }
  }

  async remove(id) {
    try {
      await deleteResource(`/api/annotations/${encodeURIComponent(id)}`);
      this.onChange();
    } catch (error) {
      this.onError(`The note was not removed: ${error.message}`);
    }
  }
}
