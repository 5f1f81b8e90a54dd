/**
 * The "E-mail reports" view (admins only): the current source's report schedules (period, recipients, when last
 * sent), created (weekly or monthly, to a list of addresses) and deleted. The server's refusals are shown as it
 * words them: a bad address, or 409 when no mail server (SMTP_HOST) is configured.
 */

import { deleteResource, getJson, postJson } from './api.js';
import { byId, element, showMessage, whileDisabled } from './dom.js';
import { formatDay } from './format.js';

/** "2026-11-23" (a UTC calendar day) → "Nov 23, 2026", the same day in every zone. */
function formatCalendarDay(isoDay) {
  return formatDay(`${isoDay}T12:00:00`);
}

/** Addresses separated by commas, semicolons, spaces or lines, as they are pasted from a mail client. */
function addressesOf(text) {
  return text.split(/[\s,;]+/).map((address) => address.trim()).filter(Boolean);
}

export class ReportsView {
  /** @param currentSource the dashboard's source, whose reports are shown and made */
  constructor(currentSource) {
    this.currentSource = currentSource;
    this.list = byId('report-list');
    this.message = byId('reports-message');
    this.form = byId('add-report-form');
    this.formMessage = byId('add-report-message');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.add();
    });
  }

  clear() {
    this.list.replaceChildren();
    this.form.reset();
    [this.message, this.formMessage].forEach((node) => showMessage(node, ''));
  }

  async load() {
    const source = this.currentSource();
    byId('reports-source').textContent = source;
    try {
      const reports = await getJson('/api/reports');
      const ofSource = reports.filter((report) => report.source === source);
      this.list.replaceChildren(...ofSource.map((report) => this.item(report)));
      byId('reports-empty').hidden = ofSource.length > 0;
    } catch (error) {
      showMessage(this.message, `E-mail reports: ${error.message}`, 'error');
    }
  }

  item(report) {
    return element('li', { className: 'user', dataset: { reportId: report.id } },
      element('span', { className: 'user-name report-period' }, report.period === 'weekly' ? 'Weekly' : 'Monthly'),
      element('span', { className: 'user-details muted' },
        element('span', { className: 'report-recipients' }, report.recipients.join(', ')),
        ` · ${report.lastSent ? `last sent: the ${report.period === 'weekly' ? 'week' : 'month'} from ${formatCalendarDay(report.lastSent)}` : 'not sent yet'}`,
        ` · created by ${report.createdBy} on ${formatDay(report.createdAt)}`),
      element('div', { className: 'user-actions' }, element('button', {
        type: 'button', className: 'button-quiet report-delete', textContent: 'Delete',
        attributes: { 'aria-label': `Delete the ${report.period} report to ${report.recipients.join(', ')}` },
        on: { click: (event) => this.remove(report, event.target) },
      })));
  }

  async remove(report, button) {
    await whileDisabled(button, async () => {
      try {
        await deleteResource(`/api/reports/${report.id}`);
        showMessage(this.message, `The ${report.period} report has been deleted.`);
        await this.load();
      } catch (error) {
        showMessage(this.message, error.message, 'error');
      }
    });
  }

  async add() {
    const body = {
      source: this.currentSource(),
      period: byId('new-report-period').value,
      recipients: addressesOf(byId('new-report-recipients').value),
    };
    await whileDisabled(byId('add-report-submit'), async () => {
      try {
        const created = await postJson('/api/reports', {}, body);
        this.form.reset();
        showMessage(this.formMessage, `The ${created.period} report to ${created.recipients.join(', ')} has been scheduled.`);
        await this.load();
      } catch (error) {
        showMessage(this.formMessage, error.message, 'error');
      }
    });
  }
}
