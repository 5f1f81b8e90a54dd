/** The signed-in user's token, kept for this browser tab only. */

const TOKEN_KEY = 'analytics.token';

export function currentToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function rememberToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}
