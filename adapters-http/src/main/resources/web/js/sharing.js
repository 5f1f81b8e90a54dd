/**
 * The "Sharing & API keys" view (admins only): API keys (created with their key shown once, listed, revoked)
 * and shared links (created, listed with their address, deleted).
 */

import { deleteResource, getJson, postJson } from './api.js';
import { byId, element, showMessage, whileDisabled } from './dom.js';
import { formatDay, formatSources } from './format.js';

function namesOf(text) {
  return text.split(',').map((name) => name.trim()).filter(Boolean);
}

function minVisitorsOf(input) {
  const text = input.value.trim();
  return text === '' ? 0 : Number(text);
}

export class SharingView {
  /** @param currentSource the dashboard's source, proposed for new keys and shares */
  constructor(currentSource) {
    this.currentSource = currentSource;
    this.keyList = byId('key-list');
    this.shareList = byId('share-list');
    this.message = byId('sharing-message');
    this.keyForm = byId('add-key-form');
    this.keyMessage = byId('add-key-message');
    this.newKey = byId('new-key');
    this.shareForm = byId('add-share-form');
    this.shareMessage = byId('add-share-message');
    this.keyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.addKey();
    });
    this.shareForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.addShare();
    });
  }

  clear() {
    this.keyList.replaceChildren();
    this.shareList.replaceChildren();
    this.keyForm.reset();
    this.shareForm.reset();
    this.newKey.hidden = true;
    byId('new-key-value').textContent = '';
    [this.message, this.keyMessage, this.shareMessage].forEach((node) => showMessage(node, ''));
  }

  async load() {
    if (!byId('new-key-sources').value) {
      byId('new-key-sources').value = this.currentSource();
    }
    if (!byId('new-share-source').value) {
      byId('new-share-source').value = this.currentSource();
    }
    try {
      const [keys, shares] = await Promise.all([getJson('/api/keys'), getJson('/api/shares')]);
      this.keyList.replaceChildren(...keys.map((key) => this.keyItem(key)));
      this.shareList.replaceChildren(...shares.map((share) => this.shareItem(share)));
    } catch (error) {
      showMessage(this.message, `Sharing: ${error.message}`, 'error');
    }
  }

  keyItem(key) {
    return element('li', { className: 'user', dataset: { keyId: key.id } },
      element('span', { className: 'user-name' }, key.name),
      element('span', { className: 'user-details muted' },
        `${key.id} · ${formatSources(key.sources)}`,
        key.minVisitors > 0 ? ` · rows under ${key.minVisitors} visitors hidden` : '',
        ` · created ${formatDay(key.createdAt)}`),
      element('div', { className: 'user-actions' }, element('button', {
        type: 'button', className: 'button-quiet key-revoke', textContent: 'Revoke',
        attributes: { 'aria-label': `Revoke the key ${key.name}` },
        on: { click: (event) => this.remove(`/api/keys/${key.id}`, `The key ${key.name} has been revoked.`, event.target) },
      })));
  }

  shareItem(share) {
    return element('li', { className: 'user', dataset: { shareId: share.id } },
      element('a', { className: 'user-name share-link', href: share.path, textContent: `${share.source}: ${share.url}` }),
      element('span', { className: 'user-details muted' },
        share.passwordRequired ? 'with a password' : 'anyone with the link',
        share.minVisitors > 0 ? ` · rows under ${share.minVisitors} visitors hidden` : '',
        share.embedOrigins.length > 0 ? ` · may be embedded by ${share.embedOrigins.join(', ')}` : '',
        ` · created ${formatDay(share.createdAt)}`),
      element('div', { className: 'user-actions' }, element('button', {
        type: 'button', className: 'button-quiet share-delete', textContent: 'Delete',
        attributes: { 'aria-label': `Delete the shared link of ${share.source}` },
        on: { click: (event) => this.remove(`/api/shares/${share.id}`, 'The shared link has been deleted.', event.target) },
      })));
  }

  async remove(path, done, button) {
    await whileDisabled(button, async () => {
      try {
        await deleteResource(path);
        showMessage(this.message, done);
        await this.load();
      } catch (error) {
        showMessage(this.message, error.message, 'error');
      }
    });
  }

  async addKey() {
    const body = {
      name: byId('new-key-name').value.trim(),
      sources: namesOf(byId('new-key-sources').value),
      minVisitors: minVisitorsOf(byId('new-key-min-visitors')),
    };
    await whileDisabled(byId('add-key-submit'), async () => {
      try {
        const created = await postJson('/api/keys', {}, body);
        this.keyForm.reset();
        byId('new-key-value').textContent = created.key;
        this.newKey.hidden = false;
        showMessage(this.keyMessage, `The key ${created.name} has been created. Copy it now: it is not shown again.`);
        await this.load();
      } catch (error) {
        showMessage(this.keyMessage, error.message, 'error');
      }
    });
  }

  async addShare() {
    const password = byId('new-share-password').value;
    const body = {
      source: byId('new-share-source').value.trim(),
      embedOrigins: namesOf(byId('new-share-origins').value),
      minVisitors: minVisitorsOf(byId('new-share-min-visitors')),
      ...(password ? { password } : {}),
    };
    await whileDisabled(byId('add-share-submit'), async () => {
      try {
        const created = await postJson('/api/shares', {}, body);
        this.shareForm.reset();
        showMessage(this.shareMessage, `Shared: ${created.url}`);
        await this.load();
      } catch (error) {
        showMessage(this.shareMessage, error.message, 'error');
      }
    });
  }
}
