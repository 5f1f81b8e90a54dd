/** The account view: who is signed in, what they may read, and a form to change their password. */

import { postJson } from './api.js';
import { byId, showMessage, whileDisabled } from './dom.js';
import { formatSources } from './format.js';

export class AccountView {
  constructor() {
    this.form = byId('password-form');
    this.current = byId('password-current');
    this.replacement = byId('password-new');
    this.confirmation = byId('password-confirm');
    this.message = byId('password-message');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.changePassword();
    });
  }

  /** Shows the signed-in account (`me` from /api/me). */
  show(me) {
    byId('account-email').textContent = me?.email ?? '';
    byId('account-role').textContent = me?.role ?? '';
    byId('account-sources').textContent = me ? formatSources(me.sources) : '';
  }

  /** Forgets what was typed and said, e.g. when someone else signs in on this tab. */
  clear() {
    this.form.reset();
    showMessage(this.message, '');
  }

  async changePassword() {
    const currentPassword = this.current.value;
    const newPassword = this.replacement.value;
    if (!currentPassword || !newPassword) {
      this.refuse('Enter your current password and a new one.', currentPassword ? this.replacement : this.current);
      return;
    }
    if (newPassword !== this.confirmation.value) {
      this.refuse('The new password and its confirmation differ.', this.confirmation);
      return;
    }
    await whileDisabled(byId('password-submit'), async () => {
      try {
        await postJson('/api/auth/password', {}, { currentPassword, newPassword });
        this.form.reset();
        showMessage(this.message, 'Your password has been changed.');
      } catch (error) {
        this.refuse(error.message, this.current);
      }
    });
  }

  refuse(text, field) {
    showMessage(this.message, text, 'error');
    field.focus();
  }
}
