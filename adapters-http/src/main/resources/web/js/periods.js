/** Date ranges in the browser's time zone, as the API reads them: ISO dates, `to` exclusive. */

export const PERIOD_NAMES = ['today', '7d', '30d', 'month', 'custom'];
const DEFAULT_PERIOD = '7d';
const DAY_MS = 24 * 60 * 60 * 1000;

export function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "2026-11-02" for the local calendar day of `date`. */
export function isoDate(date) {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function parseIsoDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!match) {
    return null;
  }
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDate(date) === text ? date : null;
}

function addDays(date, days) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

export function normalizedPeriod(name) {
  return PERIOD_NAMES.includes(name) ? name : DEFAULT_PERIOD;
}

/**
 * The range of a period: `{from, to, lastDay, days}` with `to` exclusive and `lastDay` inclusive (what a
 * person would call the end). A custom range needs `customFrom` and `customTo` (inclusive); when they are
 * missing or reversed the default period stands in.
 */
export function rangeOf(period, customFrom, customTo, now = new Date()) {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  let first;
  let last = today;
  switch (period) {
    case 'today':
      first = today;
      break;
    case '30d':
      first = addDays(today, -29);
      break;
    case 'month':
      first = new Date(today.getFullYear(), today.getMonth(), 1);
      break;
    case 'custom': {
      const from = parseIsoDate(customFrom);
      const to = parseIsoDate(customTo);
      if (from && to && from <= to) {
        first = from;
        last = to;
        break;
      }
      return rangeOf(DEFAULT_PERIOD, null, null, now);
    }
    default:
      first = addDays(today, -6);
  }
  const end = addDays(last, 1);
  return {
    from: isoDate(first),
    to: isoDate(end),
    lastDay: isoDate(last),
    days: Math.round((end - first) / DAY_MS),
  };
}

/** Hours for a day or two, days up to about a quarter, weeks beyond. */
export function intervalFor(range) {
  if (range.days <= 2) {
    return 'hour';
  }
  return range.days <= 92 ? 'day' : 'week';
}
