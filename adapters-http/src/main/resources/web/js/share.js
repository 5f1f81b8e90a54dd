/**
 * A shared link (/share/{id}): the dashboard of one source, read-only, without signing in. Its stats come from
 * /api/share/{id}/... with the same parameters as /api/stats/...
 */

const match = /^\/share\/([A-Za-z0-9_-]{22})\/?$/.exec(window.location.pathname);

/** The id of the shared link this page is, or null on the signed-in dashboard. */
export const shareId = match ? match[1] : null;

/** The API path of a stats read for this page: the shared link's own when it is one. */
export function statsPath(path) {
  if (shareId && (path === '/api/sources' || path.startsWith('/api/stats/'))) {
    return `/api/share/${shareId}${path.slice('/api'.length)}`;
  }
  return path;
}
