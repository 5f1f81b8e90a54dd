/** The users view (admins only): the accounts, a form to add one, and removal after a confirmation. */

import { deleteResource, getJson, postJson } from './api.js';
import { byId, element, showMessage, whileDisabled } from './dom.js';
import { formatDay, formatSources } from './format.js';

export class UsersView {
  constructor() {
    this.list = byId('user-list');
    this.listMessage = byId('users-message');
    this.form = byId('add-user-form');
    this.formMessage = byId('add-user-message');
    this.latestRequest = 0;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.addUser();
    });
  }

  async load() {
    const request = ++this.latestRequest;
    try {
      const users = await getJson('/api/users');
      if (request === this.latestRequest) {
        this.render(users);
      }
    } catch (error) {
      if (request === this.latestRequest) {
        this.list.replaceChildren();
        showMessage(this.listMessage, `Users: ${error.message}`, 'error');
      }
    }
  }

  /** Forgets the list and what was typed, e.g. when someone else signs in on this tab. */
  clear() {
    this.list.replaceChildren();
    this.form.reset();
    showMessage(this.listMessage, '');
    showMessage(this.formMessage, '');
  }

  render(users) {
    this.list.replaceChildren(...users.map((user) => this.userItem(user)));
  }

  userItem(user) {
    const actions = element('div', { className: 'user-actions' });
    const item = element('li', { className: 'user', dataset: { email: user.email } },
      element('span', { className: 'user-name' }, user.email),
      element('span', { className: 'user-details muted' },
        element('span', { className: 'user-role' }, user.role), ' · ',
        element('span', { className: 'user-sources' }, formatSources(user.sources)), ' · ',
        user.minVisitors > 0 ? `rows under ${user.minVisitors} visitors hidden · ` : '',
        element('span', { className: 'user-created' }, `added ${formatDay(user.createdAt)}`)),
      actions);
    this.offerRemoval(actions, user.email);
    return item;
  }

  offerRemoval(actions, email) {
    const remove = element('button', {
      type: 'button', className: 'button-quiet user-remove', textContent: 'Remove',
      attributes: { 'aria-label': `Remove ${email}` },
      on: { click: () => this.askToConfirm(actions, email) },
    });
    actions.replaceChildren(remove);
    return remove;
  }

  askToConfirm(actions, email) {
    const confirm = element('button', {
      type: 'button', className: 'button-danger user-confirm-remove', textContent: 'Remove',
      attributes: { 'aria-label': `Confirm: remove ${email}` },
      on: { click: () => this.removeUser(email, confirm) },
    });
    actions.replaceChildren(
      element('span', { className: 'user-confirm-question' }, `Remove ${email}?`),
      confirm,
      element('button', {
        type: 'button', className: 'button-quiet user-cancel-remove', textContent: 'Cancel',
        attributes: { 'aria-label': `Keep ${email}` },
        on: { click: () => this.offerRemoval(actions, email).focus() },
      }));
    confirm.focus();
  }

  async removeUser(email, button) {
    await whileDisabled(button, async () => {
      try {
        await deleteResource(`/api/users/${encodeURIComponent(email)}`);
        showMessage(this.listMessage, `${email} has been removed.`);
        await this.load();
      } catch (error) {
        showMessage(this.listMessage, error.message, 'error');
      }
    });
    if (button.isConnected) {
      button.focus();
    } else {
      this.listMessage.focus();
    }
  }

  async addUser() {
    const email = byId('new-user-email').value.trim();
    const password = byId('new-user-password').value;
    const role = byId('new-user-role').value;
    const sources = byId('new-user-sources').value.split(',').map((name) => name.trim()).filter(Boolean);
    const limit = byId('new-user-min-visitors').value.trim();
    const minVisitors = limit === '' ? 0 : Number(limit);
    if (!email || !password) {
      showMessage(this.formMessage, 'Enter an e-mail and an initial password.', 'error');
      byId(email ? 'new-user-password' : 'new-user-email').focus();
      return;
    }
    await whileDisabled(byId('add-user-submit'), async () => {
      try {
        await postJson('/api/users', {}, { email, password, role, sources, minVisitors });
        this.form.reset();
        showMessage(this.formMessage, `${email} has been added.`);
        await this.load();
      } catch (error) {
        showMessage(this.formMessage, error.message, 'error');
      }
    });
  }
}
