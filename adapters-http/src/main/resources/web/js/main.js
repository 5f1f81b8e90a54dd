/** Entry point: the sign-in page, or the dashboard when this tab holds a token. */

import { ApiError, onSignedOut, signIn } from './api.js';
import { Dashboard } from './dashboard.js';
import { byId, showMessage, whileDisabled } from './dom.js';
import { currentToken, forgetToken, rememberToken } from './session.js';

const loginView = byId('login-view');
const dashboardView = byId('dashboard-view');
const loginForm = byId('login-form');
const loginMessage = byId('login-message');
let dashboard = null;

function showLogin(message = '', kind = 'error') {
  dashboard?.stop();
  dashboardView.hidden = true;
  loginView.hidden = false;
  document.title = 'Sign in · Analytics';
  showMessage(loginMessage, message, kind);
  byId('login-email').focus();
}

function showDashboard() {
  loginView.hidden = true;
  dashboardView.hidden = false;
  dashboard ??= new Dashboard();
  dashboard.start();
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const email = byId('login-email').value.trim();
  const password = byId('login-password').value;
  if (!email || !password) {
    showMessage(loginMessage, 'Enter your e-mail and password.', 'error');
    return;
  }
  await whileDisabled(byId('login-submit'), async () => {
    try {
      const { token } = await signIn(email, password);
      rememberToken(token);
      byId('login-password').value = '';
      showMessage(loginMessage, '');
      showDashboard();
    } catch (error) {
      showMessage(loginMessage, error instanceof ApiError ? error.message : 'Signing in failed.', 'error');
    }
  });
});

byId('logout').addEventListener('click', () => {
  forgetToken();
  showLogin('You have signed out.', 'info');
});

onSignedOut((message) => showLogin(message));

if (currentToken()) {
  showDashboard();
} else {
  showLogin();
}
