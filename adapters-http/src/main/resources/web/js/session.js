/** The signed-in user's token (or, on a shared link, the token its password gave), kept for this browser tab only. */

import { shareId } from './share.js';

const TOKEN_KEY = shareId ? `analytics.share.${shareId}` : 'analytics.token';

export function currentToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function rememberToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}
