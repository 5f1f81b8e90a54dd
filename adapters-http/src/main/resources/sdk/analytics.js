/*! tax-analytics.js: a small Segment-compatible browser tracker, served by the collector at /sdk/analytics.js.
 * Install: <script defer src="https://COLLECTOR/sdk/analytics.js" data-write-key="KEY"></script>
 * Options (data- attributes): api-host, cookieless, auto-page="false", respect-dnt="false", exclude="/admin/*,/x", release,
 * auto-tracking: outbound-links, file-downloads[="pdf,zip"], 404, engagement, hash-routing (docs/SDK.md).
 * Calls made before it loads are queued by the snippet in the README (window.analytics = [] + stubs). */
(function (w, d, nav) {
  'use strict';
  var pending = w.analytics;
  if (pending && pending.initialized) return;
  var script = d.currentScript || d.querySelector('script[data-write-key]');
  if (!script) return;
  function opt(name) { return script.getAttribute('data-' + name); }
  function on(name, dflt) { var v = opt(name); return v === null ? dflt : v !== 'false'; }

  var VERSION = '1.0.0';
  var BATCH = 20, INTERVAL = 5000, MAX_QUEUE = 500, PER_REQUEST = 100, IDLE = 30 * 60 * 1000, MAX_DELAY = 60000;
  var writeKey = opt('write-key');
  var endpoint = (opt('api-host') || new URL(script.src, location.href).origin).replace(/\/+$/, '') + '/v1/batch';
  var cookieless = on('cookieless', false), release = opt('release');
  var optedOut = on('respect-dnt', true)
    && (nav.doNotTrack === '1' || w.doNotTrack === '1' || nav.globalPrivacyControl === true);
  var excluded = (opt('exclude') || '').split(',').map(function (p) { return p.trim(); }).filter(Boolean).map(function (p) {
    return new RegExp('^' + p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
  });

  // Cookieless mode keeps everything in this object and never touches localStorage, sessionStorage or cookies.
  var memory = {};
  var PREFIX = 'taxa_';
  function load(key) {
    if (!cookieless) {
      try { var text = localStorage.getItem(PREFIX + key); if (text) return JSON.parse(text); } catch (e) { /* private mode */ }
    }
    return memory[key];
  }
  function save(key, value) {
    memory[key] = value;
    if (!cookieless) {
      try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); } catch (e) { /* full or blocked: memory still has it */ }
    }
  }

  function uuid() {
    var c = w.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, function (ch) {
      var r = c && c.getRandomValues ? c.getRandomValues(new Uint8Array(1))[0] : Math.random() * 256;
      return (ch ^ (r & (15 >> ch / 4))).toString(16);
    });
  }

  // The visitor: {a: anonymousId, u: userId, s: sessionId, t: last activity}. Cookieless: no ids at all, the
  // collector derives a daily visitor id and the server its sessions (an in-memory one would end at every page load).
  function visitor() {
    var v = load('id') || {};
    if (!cookieless && !v.a) { v.a = uuid(); save('id', v); }
    return v;
  }
  function sessionId(v) {
    var now = Date.now();
    if (!v.s || now - v.t > IDLE) v.s = uuid();
    v.t = now;
    save('id', v);
    return v.s;
  }

  function campaign() {
    var found, params = new URLSearchParams(location.search), names = { source: 0, medium: 0, name: 'campaign', term: 0, content: 0 };
    for (var field in names) {
      var value = params.get('utm_' + (names[field] || field));
      if (value) (found = found || {})[field] = value;
    }
    return found;
  }

  var hashRouting = on('hash-routing', false);
  function path() { return location.pathname + (hashRouting ? location.hash : ''); }
  function pageInfo() {
    return { url: location.href, path: path(), referrer: d.referrer, title: d.title, search: location.search };
  }

  function context(v, page) {
    var c = {
      page: page || pageInfo(),
      userAgent: nav.userAgent,
      locale: nav.language,
      library: { name: 'tax-analytics.js', version: VERSION },
      screen: { width: screen.width, height: screen.height, density: w.devicePixelRatio }
    };
    try { c.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* old browser */ }
    var utm = campaign();
    if (utm) c.campaign = utm;
    // the site's version: its first event makes a release marker on the dashboard
    if (release) c.release = release;
    if (!cookieless) c.sessionId = sessionId(v);
    return c;
  }

  function isExcluded() {
    return excluded.some(function (pattern) { return pattern.test(path()); });
  }

  // page: the context.page to send instead of the current one (engagement reports the page it measured)
  function enqueue(type, fields, page) {
    if (optedOut || isExcluded()) return;
    var v = visitor();
    var message = { type: type, messageId: uuid(), timestamp: new Date().toISOString(), context: context(v, page) };
    if (v.a) message.anonymousId = v.a;
    if (v.u) message.userId = v.u;
    for (var name in fields) if (fields[name] !== undefined) message[name] = fields[name];
    // Read back before writing: other tabs of the site share the stored queue.
    var queue = load('q') || [];
    queue.push(message);
    if (queue.length > MAX_QUEUE) queue.splice(0, queue.length - MAX_QUEUE);
    save('q', queue);
    // a full batch goes at once, unless the collector is failing: then the backoff decides
    if (queue.length >= BATCH && !failures) flush(); else schedule(INTERVAL);
  }

  var timer = 0, sending = false, failures = 0;
  function schedule(delay) {
    if (!timer && !sending) timer = setTimeout(function () { timer = 0; flush(); }, delay);
  }

  function body(events) {
    return JSON.stringify({ batch: events, sentAt: new Date().toISOString(), writeKey: writeKey });
  }

  function flush() {
    var events = (load('q') || []).slice(0, PER_REQUEST);
    if (sending || optedOut || !events.length) return;
    clearTimeout(timer);
    timer = 0;
    sending = true;
    // text/plain keeps it a simple request: no CORS preflight per batch.
    fetch(endpoint, { method: 'POST', body: body(events), headers: { 'Content-Type': 'text/plain' }, credentials: 'omit' })
      .then(function (response) {
        var status = response.status;
        if (status < 400 || (status < 500 && status !== 429)) {
          // accepted, or refused for good (bad key, malformed): retrying would not change the answer
          failures = 0;
          finished(events, 0);
        } else {
          retry(parseFloat(response.headers.get('Retry-After')) * 1000);
        }
      }, function () { retry(0); });
  }

  function finished(events, delay) {
    var sent = {};
    events.forEach(function (e) { sent[e.messageId] = 1; });
    save('q', (load('q') || []).filter(function (e) { return !sent[e.messageId]; }));
    sending = false;
    if ((load('q') || []).length) schedule(delay);
  }

  function retry(retryAfter) {
    failures++;
    // exponential backoff with jitter (half to all of it), never sooner than the server asked
    var backoff = Math.min(MAX_DELAY, 1000 * Math.pow(2, failures - 1)) * (0.5 + Math.random() / 2);
    sending = false;
    schedule(Math.max(backoff, retryAfter || 0));
  }

  // Leaving the page: hand the queue to the browser. While the collector is failing, a beacon would be lost,
  // so the events stay stored for the next page (cookieless mode has no next page: it always tries).
  function leave() {
    var queue = load('q') || [];
    if (!queue.length || optedOut || !nav.sendBeacon || (failures && !cookieless)) return;
    var handed = [];
    for (var i = 0; i < queue.length; i += BATCH) {
      var chunk = queue.slice(i, i + BATCH);
      if (!nav.sendBeacon(endpoint, new Blob([body(chunk)], { type: 'text/plain' }))) break;
      handed = handed.concat(chunk);
    }
    if (handed.length) { sending = true; finished(handed, INTERVAL); }
  }
  w.addEventListener('pagehide', function () { engaged(); leave(); });
  d.addEventListener('visibilitychange', function () {
    if (d.visibilityState === 'hidden') { engaged(); leave(); } else if (!shown) shown = Date.now();
  });

  // Engagement: visible time on a page (ms) and how far down it was scrolled (%), sent as the reserved
  // '$engagement' track when the page is hidden or left; the stats treat it as a non-interaction.
  var engagement = on('engagement', false), shown = d.visibilityState === 'hidden' ? 0 : Date.now(), visibleMs = 0, depth = 0, lastPage;
  function scrolled() {
    var height = d.documentElement.scrollHeight;
    depth = Math.max(depth, Math.min(100, Math.round((w.scrollY + w.innerHeight) * 100 / height)) || 0);
  }
  function engaged() {
    if (shown) visibleMs += Date.now() - shown;
    shown = 0;
    if (engagement && lastPage && visibleMs >= 1000) {
      scrolled();
      enqueue('track', { event: '$engagement', properties: { engagedMs: visibleMs, scrollDepth: depth } }, lastPage);
    }
    visibleMs = 0;
  }
  if (engagement) w.addEventListener('scroll', scrolled, { passive: true });

  // events a previous page could not deliver go out with this page's first ones, without waiting for the interval
  var leftovers = (load('q') || []).length;
  var lastUrl;
  var api = {
    initialized: true,
    VERSION: VERSION,
    page: function (name, properties) {
      if (typeof name === 'object') { properties = name; name = undefined; }
      lastUrl = location.href;
      var props = pageInfo();
      for (var key in properties) props[key] = properties[key];
      enqueue('page', { name: name, properties: props });
      lastPage = pageInfo();
      depth = 0;
    },
    track: function (event, properties) {
      enqueue('track', { event: event, properties: properties || {} });
    },
    identify: function (userId, traits) {
      if (optedOut) return;
      if (typeof userId === 'object') { traits = userId; userId = undefined; }
      var v = visitor();
      if (userId != null) { v.u = String(userId); save('id', v); }
      enqueue('identify', { traits: traits || {} });
    },
    group: function (groupId, traits) {
      enqueue('group', { groupId: groupId == null ? groupId : String(groupId), traits: traits || {} });
    },
    reset: function () {
      save('id', {});
    },
    flush: flush
  };
  w.analytics = api;

  function navigated() {
    // pushState/replaceState to the same URL, or a popstate that lands where we are, is not another view
    if (on('auto-page', true) && location.href !== lastUrl) {
      // the time on the page left is reported before the next one's view
      engaged();
      if (d.visibilityState !== 'hidden') shown = Date.now();
      api.page();
    }
  }
  ['pushState', 'replaceState'].forEach(function (method) {
    var original = history[method];
    history[method] = function () {
      var result = original.apply(this, arguments);
      navigated();
      return result;
    };
  });
  w.addEventListener('popstate', navigated);
  w.addEventListener('hashchange', navigated);

  // Outbound links and file downloads: a click on a link to another host, or to a file of a listed extension.
  var outbound = on('outbound-links', false), downloads = opt('file-downloads');
  var extensions = downloads === null || downloads === 'false' ? [] : (downloads && downloads !== 'true' ? downloads
    : 'pdf,xlsx,xls,docx,doc,csv,txt,zip,gz,rar,7z,dmg,exe,pkg,msi,apk,mp3,mp4,mov,avi,wav,pptx,ppt,epub').split(',');
  function clicked(event) {
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || event.button > 1) return;
    var url = new URL(link.href, location.href), file = url.pathname.split('.').pop().toLowerCase();
    if (!/^https?:$/.test(url.protocol)) return;
    // if the click leaves the page, pagehide hands the event to the browser
    if (extensions.indexOf(file) >= 0) api.track('File Download', { url: url.href });
    else if (outbound && url.host !== location.host) api.track('Outbound Link: Click', { url: url.href });
  }
  if (outbound || extensions.length) {
    d.addEventListener('click', clicked, true);
    d.addEventListener('auxclick', clicked, true);
  }

  if (on('auto-page', true)) api.page();
  if (on('404', false)) api.track('404', { path: path() });
  if (Array.isArray(pending)) {
    pending.forEach(function (call) { if (api[call[0]]) api[call[0]].apply(api, call.slice(1)); });
  }
  if (leftovers) flush();
})(window, document, navigator);
