/** How numbers look on the dashboard. */

const wholeNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compactNumber = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatCount(value) {
  const number = Number(value ?? 0);
  return Math.abs(number) >= 100000 ? compactNumber.format(number) : wholeNumber.format(number);
}

export function formatPercent(ratio) {
  return `${oneDecimal.format(Number(ratio ?? 0) * 100)}%`;
}

export function formatDecimal(value) {
  return oneDecimal.format(Number(value ?? 0));
}

/** What a `compare` value compares with, as the cards and the chart's legend say it. */
export function comparedLabel(compare) {
  return { year: 'same period a year before', custom: 'compared period' }[compare] ?? 'previous period';
}

/** 0 → "0s", 75 → "1m 15s", 3725 → "1h 2m". */
export function formatDuration(seconds) {
  const total = Math.round(Number(seconds ?? 0));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) {
    return `${hours}h ${minutes}m`;
  }
  return minutes > 0 ? `${minutes}m ${rest}s` : `${rest}s`;
}

/**
 * The change from `previous` to `current` as {text, direction}; direction is "up", "down" or "flat".
 * Nothing before and something now has no meaningful percentage: it reads "new"; nothing then and now, "–".
 */
export function describeChange(current, previous) {
  const now = Number(current ?? 0);
  const before = Number(previous ?? 0);
  if (before === 0) {
    return now === 0 ? { text: '–', direction: 'flat' } : { text: 'new', direction: 'up' };
  }
  const change = (now - before) / Math.abs(before);
  if (Math.abs(change) < 0.0005) {
    return { text: '0%', direction: 'flat' };
  }
  const arrow = change > 0 ? '▲' : '▼';
  return { text: `${arrow} ${oneDecimal.format(Math.abs(change) * 100)}%`, direction: change > 0 ? 'up' : 'down' };
}

/** "1 visitor", "3 visitors". */
export function formatVisitors(count) {
  return `${formatCount(count)} ${Number(count) === 1 ? 'visitor' : 'visitors'}`;
}

const calendarDay = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** An account's sources; none listed means it may read every source. */
export function formatSources(sources) {
  return sources && sources.length > 0 ? sources.join(', ') : 'All sources';
}

/** "2026-11-02T09:00:00Z" → "Nov 2, 2026" in the browser's zone and locale. */
export function formatDay(isoInstant) {
  const date = new Date(isoInstant);
  return Number.isNaN(date.getTime()) ? '' : calendarDay.format(date);
}
