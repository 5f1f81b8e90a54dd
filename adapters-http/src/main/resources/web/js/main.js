/**
 * Entry point: the sign-in page, or the dashboard when this tab holds a token. On a shared link: its password
 * prompt when it has one, then its read-only dashboard.
 */

import { ApiError, getJson, onSignedOut, postJson, signIn } from './api.js';
import { Dashboard } from './dashboard.js';
import { byId, showMessage, whileDisabled } from './dom.js';
import { currentToken, forgetToken, rememberToken } from './session.js';
import { shareId } from './share.js';

const loginView = byId('login-view');
const dashboardView = byId('dashboard-view');
const loginForm = byId('login-form');
const loginMessage = byId('login-message');
let dashboard = null;

function showLogin(message = '', kind = 'error') {
  dashboard?.stop();
  dashboardView.hidden = true;
  loginView.hidden = false;
  document.title = shareId ? 'Shared dashboard · Analytics' : 'Sign in · Analytics';
  showMessage(loginMessage, message, kind);
  byId(shareId ? 'login-password' : 'login-email').focus();
}

/** The sign-in form as a shared link's password prompt. */
function turnLoginIntoPasswordPrompt() {
  byId('login-title').textContent = 'This shared dashboard needs its password';
  byId('login-email-field').hidden = true;
  byId('login-email').required = false;
  byId('login-submit').textContent = 'Open';
}

async function unlockShare(password) {
  const { token } = await postJson(`/api/share/${shareId}/unlock`, {}, { password });
  rememberToken(token);
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
  if (shareId) {
    await whileDisabled(byId('login-submit'), async () => {
      try {
        await unlockShare(password);
        byId('login-password').value = '';
        showDashboard();
      } catch (error) {
        showMessage(loginMessage, error instanceof ApiError ? error.message : 'Opening failed.', 'error');
      }
    });
    return;
  }
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

onSignedOut((message) => showLogin(shareId ? 'Enter the password again.' : message));

/** A shared link: open at once, or ask for its password first. */
async function openShare() {
  let share;
  try {
    share = await getJson(`/api/share/${shareId}`);
  } catch (error) {
    loginView.hidden = false;
    byId('login-form').hidden = true;
    showMessage(byId('share-missing'), error.status === 404
      ? 'This shared link does not exist or has been removed.' : error.message, 'error');
    return;
  }
  if (share.passwordRequired && !currentToken()) {
    turnLoginIntoPasswordPrompt();
    showLogin();
  } else {
    showDashboard();
  }
}

if (shareId) {
  openShare();
} else if (currentToken()) {
  showDashboard();
} else {
  showLogin();
}
