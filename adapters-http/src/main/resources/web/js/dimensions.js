/**
 * The breakdown dimensions the dashboard shows, grouped into panels with one tab per dimension; a `property`
 * tab asks for a key and breaks down by `prop:<key>`.
 */

import { formatCount, formatPercent } from './format.js';

const COUNT = { format: formatCount };
const VISITORS = { metric: 'visitors', label: 'Visitors', ...COUNT };
const PAGEVIEWS = { metric: 'pageviews', label: 'Pageviews', ...COUNT };
const SESSIONS = { metric: 'sessions', label: 'Sessions', ...COUNT };
const GOAL_COLUMNS = [
  { metric: 'visitors', label: 'Uniques', ...COUNT },
  { metric: 'events', label: 'Total', ...COUNT },
  { metric: 'conversionRate', label: 'Conversion', format: formatPercent },
];

export const PANELS = [
  {
    id: 'pages', title: 'Pages', views: 'pages', tabs: [
      { dimension: 'page', label: 'Top pages', columns: [VISITORS, PAGEVIEWS] },
      { dimension: 'entry_page', label: 'Entry pages', columns: [VISITORS, SESSIONS] },
      { dimension: 'exit_page', label: 'Exit pages', columns: [VISITORS, SESSIONS] },
    ],
  },
  {
    // a mobile app's views: shown for a source whose events are screens (Breakdowns.showViews)
    id: 'screens', title: 'Screens', views: 'screens', tabs: [
      { dimension: 'screen', label: 'Top screens', columns: [VISITORS, { ...PAGEVIEWS, label: 'Views' }] },
      { dimension: 'entry_page', label: 'Entry screens', columns: [VISITORS, SESSIONS] },
      { dimension: 'exit_page', label: 'Exit screens', columns: [VISITORS, SESSIONS] },
    ],
  },
  {
    id: 'app', title: 'App and devices', views: 'screens', tabs: [
      { dimension: 'app_version', label: 'App versions', columns: [VISITORS, SESSIONS] },
      { dimension: 'app_build', label: 'Builds', columns: [VISITORS, SESSIONS] },
      { dimension: 'device_model', label: 'Device models', columns: [VISITORS, SESSIONS] },
      { dimension: 'device_manufacturer', label: 'Manufacturers', columns: [VISITORS, SESSIONS] },
      { dimension: 'os_version', label: 'OS versions', columns: [VISITORS, SESSIONS] },
      { dimension: 'network', label: 'Networks', columns: [VISITORS, SESSIONS] },
    ],
  },
  {
    id: 'sources', title: 'Sources', tabs: [
      { dimension: 'channel', label: 'Channels', columns: [VISITORS, SESSIONS] },
      { dimension: 'referrer', label: 'Referrers', columns: [VISITORS, SESSIONS] },
      { dimension: 'hostname', label: 'Hostnames', columns: [VISITORS, PAGEVIEWS] },
    ],
  },
  {
    id: 'campaigns', title: 'Campaigns', tabs: [
      { dimension: 'utm_source', label: 'UTM source', columns: [VISITORS, SESSIONS] },
      { dimension: 'utm_medium', label: 'Medium', columns: [VISITORS, SESSIONS] },
      { dimension: 'utm_campaign', label: 'Campaign', columns: [VISITORS, SESSIONS] },
      { dimension: 'utm_term', label: 'Term', columns: [VISITORS, SESSIONS] },
      { dimension: 'utm_content', label: 'Content', columns: [VISITORS, SESSIONS] },
    ],
  },
  {
    id: 'locations', title: 'Locations', tabs: [
      { dimension: 'country', label: 'Countries', columns: [VISITORS, PAGEVIEWS] },
      { dimension: 'region', label: 'Regions', columns: [VISITORS, PAGEVIEWS] },
      { dimension: 'city', label: 'Cities', columns: [VISITORS, PAGEVIEWS] },
    ],
  },
  {
    id: 'devices', title: 'Devices', tabs: [
      { dimension: 'browser', label: 'Browsers', columns: [VISITORS, PAGEVIEWS] },
      { dimension: 'os', label: 'Operating systems', columns: [VISITORS, PAGEVIEWS] },
      { dimension: 'device', label: 'Device types', columns: [VISITORS, PAGEVIEWS] },
    ],
  },
  {
    id: 'goals', title: 'Goals', tabs: [
      { dimension: 'event', label: 'Events', columns: GOAL_COLUMNS },
      { dimension: 'prop', label: 'Properties', property: true, columns: GOAL_COLUMNS },
    ],
  },
];

const DIMENSION_LABELS = {
  page: 'Page', entry_page: 'Entry page', exit_page: 'Exit page', hostname: 'Hostname', referrer: 'Referrer',
  channel: 'Channel', utm_source: 'UTM source', utm_medium: 'UTM medium', utm_campaign: 'UTM campaign',
  utm_term: 'UTM term', utm_content: 'UTM content', country: 'Country', region: 'Region', city: 'City',
  browser: 'Browser', os: 'OS', device: 'Device', event: 'Event', screen: 'Screen', app_version: 'App version',
  app_build: 'Build', os_version: 'OS version', device_model: 'Device model', device_manufacturer: 'Manufacturer',
  network: 'Network',
};

export function dimensionLabel(dimension) {
  if (dimension.startsWith('prop:')) {
    return `Property ${dimension.slice(5)}`;
  }
  return DIMENSION_LABELS[dimension] ?? dimension;
}

const countryNames = typeof Intl.DisplayNames === 'function'
  ? new Intl.DisplayNames(undefined, { type: 'region' }) : null;

/** How a value reads: country codes by name, the rest as they are. */
export function displayValue(dimension, value) {
  if (dimension === 'country' && countryNames && /^[A-Z]{2}$/.test(value)) {
    return countryNames.of(value) ?? value;
  }
  return value;
}
