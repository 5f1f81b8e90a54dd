/** Calls to the dashboard API (docs/ARCHITECTURE.md, "Dashboard API") with the signed-in user's bearer token. */

import { currentToken, forgetToken } from './session.js';
import { shareId, statsPath } from './share.js';

/** A refusal or failure of the API, worded by the server when it said why. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }

  /** This server does not offer the endpoint (an older release). */
  get isMissingEndpoint() {
    return this.status === 404 || this.status === 405;
  }
}

const signedOutListeners = [];

/** `listener(message)` runs when the server no longer accepts the token. */
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

export async function getJson(path, params) {
  const response = await send('GET', path, params);
  return response.json();
}

export async function postJson(path, params, body) {
  const response = await send('POST', path, params, body);
  return response.status === 204 ? null : response.json();
}

export async function deleteResource(path) {
  await send('DELETE', path);
}

export async function signIn(email, password) {
  return postJson('/api/auth/login', {}, { email, password });
}

/** Fetches `path` as CSV and hands it to the browser as a file download. */
export async function downloadCsv(path, params, fallbackName) {
  const response = await send('GET', path, { ...params, format: 'csv' });
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(response) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the object URL; give the browser a moment before releasing it
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

async function send(method, path, params = {}, body = undefined) {
  const target = statsPath(path);
  if (shareId && !target.startsWith(`/api/share/${shareId}`)) {
    // a shared link reads its stats only: accounts, notes, segments are not for it (and get no token of its)
    throw new ApiError(403, 'Not part of a shared dashboard.');
  }
  const url = new URL(target, window.location.origin);
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  });
  const headers = { Accept: 'application/json, text/csv' };
  const token = currentToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (networkFailure) {
    throw new ApiError(0, 'The analytics server cannot be reached. Check your connection and try again.');
  }
  if (response.ok) {
    return response;
  }
  const error = new ApiError(response.status, await messageOf(response));
  if (response.status === 401 && token) {
    forgetToken();
    signedOutListeners.forEach((listener) => listener('Your session has expired. Please sign in again.'));
  }
  throw error;
}

async function messageOf(response) {
  const retryAfter = response.headers.get('Retry-After');
  let message = `The server answered ${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string') {
      message = body.error;
    }
  } catch (notJson) {
    // keep the status line
  }
  return retryAfter ? `${message} (retry in ${retryAfter} s)` : message;
}

function fileNameOf(response) {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  return match ? match[1] : null;
}
