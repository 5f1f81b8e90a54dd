'use strict';
// A small ClickHouse-compatible HTTP front over the chDB engine (test fixture only).
// Usage: node server.js <port> <dataDir> [ownerPid]
// Start it with stdin from /dev/null: the engine reads INSERT data from fd 0 when fd 0 is not a terminal.
// Speaks the part of the ClickHouse HTTP interface that clickhouse-jdbc 0.10 uses: SQL in the POST body or
// ?query=, output format from X-ClickHouse-Format / default_format, query parameters as param_<name>
// (bound server-side by the engine), other URL parameters as settings for that one query, X-ClickHouse-*
// response headers, and errors as HTTP 500 "Code: N. DB::Exception: ...". Response compression is not
// supported: clients must use compress=false. One query runs at a time (the engine session is shared).
// Binary insert data (?query=INSERT INTO t [(columns)] FORMAT RowBinary..., rows in the body, as a client's
// bulk insert sends them) cannot travel in the SQL text: the front hands it to the engine as a file.
const http = require('http');
const fs = require('fs');
const path = require('path');
const { Session } = require('chdb');

const port = Number(process.argv[2]);
const dataDir = process.argv[3];
if (!Number.isInteger(port) || !dataDir) {
  process.stderr.write('usage: node server.js <port> <dataDir>\n');
  process.exit(2);
}
fs.mkdirSync(dataDir, { recursive: true });
const session = new Session(dataDir);

// URL parameters that steer the HTTP exchange rather than being query settings.
const TRANSPORT_PARAMETERS = new Set([
  'query', 'database', 'default_format', 'query_id', 'session_id', 'session_timeout', 'session_check',
  'compress', 'decompress', 'user', 'password', 'quota_key', 'buffer_size', 'wait_end_of_query',
  'client_protocol_version', 'role', 'enable_http_compression', 'http_headers_progress_interval_ms',
  'send_progress_in_http_headers', 'add_http_cors_header', 'http_wait_end_of_query',
]);
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An INSERT whose rows follow in the body in a binary format: table, optional column list, format. */
const BINARY_INSERT = /^\s*(INSERT\s+INTO\s+[A-Za-z0-9_.`"]+\s*(?:\([^()]*\))?)\s*FORMAT\s+(RowBinary|RowBinaryWithNames|RowBinaryWithNamesAndTypes|Native)\s*;?\s*$/i;
const insertFiles = path.join(path.dirname(path.resolve(dataDir)), 'inserts');
fs.mkdirSync(insertFiles, { recursive: true });

let serverTimezone = 'UTC';
let queue = Promise.resolve();
let queryCounter = 0;

/** Runs one piece of work after the previous one finished: the engine session is single-threaded here. */
function serialized(work) {
  const result = queue.then(work, work);
  queue = result.catch(() => undefined);
  return result;
}

/** The text form of a ClickHouse string literal. */
function quote(value) {
  return "'" + String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/** Query parameter values arrive in ClickHouse's "escaped" text format; the engine binding takes raw text. */
function unescapeParameter(text) {
  return text.replace(/\\(.)/gs, (whole, c) => {
    switch (c) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'b': return '\b';
      case 'f': return '\f';
      case '0': return '\0';
      default: return c;
    }
  });
}

class FrontError extends Error {
  constructor(code, message) {
    super(message);
    this.clickhouseCode = code;
  }
}

/** Output format: explicit header, then default_format, then a trailing FORMAT clause, else TabSeparated. */
function outputFormat(request, parameters, sql) {
  const fromHeader = request.headers['x-clickhouse-format'];
  if (fromHeader) return fromHeader;
  if (parameters.get('default_format')) return parameters.get('default_format');
  const clause = /\bFORMAT\s+([A-Za-z0-9_]+)\s*;?\s*$/i.exec(sql);
  return clause ? clause[1] : 'TabSeparated';
}

async function execute(sql, database, settings, bindings, format) {
  await session.queryAsync('USE ' + database, { format: 'TabSeparated' });
  const applied = [];
  try {
    for (const [name, value] of settings) {
      await session.queryAsync('SET ' + name + ' = ' + quote(value), { format: 'TabSeparated' });
      applied.push(name);
    }
    return Object.keys(bindings).length > 0
      ? await session.queryBindAsync(sql, bindings, { format })
      : await session.queryAsync(sql, { format });
  } finally {
    for (const name of applied) {
      await session.queryAsync('SET ' + name + ' = DEFAULT', { format: 'TabSeparated' }).catch(() => undefined);
    }
  }
}

function errorCode(error) {
  if (Number.isInteger(error.clickhouseCode)) return error.clickhouseCode;
  const match = /Code:\s*(\d+)/.exec(error.message || '');
  return match ? Number(match[1]) : 1002;
}

function sendError(response, error, queryId) {
  const code = errorCode(error);
  const message = String(error.message || error);
  const text = message.startsWith('Code:') ? message : 'Code: ' + code + '. DB::Exception: ' + message;
  response.writeHead(500, {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(code),
    'X-ClickHouse-Query-Id': queryId,
    'X-ClickHouse-Server-Display-Name': 'chdb-front',
    'X-ClickHouse-Timezone': serverTimezone,
  });
  response.end(text + '\n');
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function handleQuery(request, response, url) {
  const parameters = url.searchParams;
  const queryId = parameters.get('query_id') || 'chdb-front-' + process.pid + '-' + (++queryCounter);
  try {
    if (request.headers['content-encoding'] || parameters.get('decompress') === '1') {
      throw new FrontError(1002, 'this front does not accept compressed requests; use decompress=false');
    }
    const rawBody = request.method === 'POST' ? await readBody(request) : Buffer.alloc(0);
    const fromUrl = parameters.get('query') || '';
    const binaryInsert = rawBody.length > 0 ? BINARY_INSERT.exec(fromUrl) : null;
    let insertFile = null;
    let sql;
    if (binaryInsert) {
      insertFile = path.join(insertFiles, queryId.replace(/[^A-Za-z0-9_-]/g, '_') + '-' + (++queryCounter) + '.bin');
      fs.writeFileSync(insertFile, rawBody);
      sql = binaryInsert[1] + ' SELECT * FROM file(' + quote(insertFile) + ', ' + quote(binaryInsert[2]) + ')';
    } else {
      const body = rawBody.toString('utf8');
      sql = fromUrl && body ? fromUrl + '\n' + body : fromUrl || body;
    }
    if (!sql.trim()) throw new FrontError(62, 'Empty query. (SYNTAX_ERROR)');
    const database = parameters.get('database') || request.headers['x-clickhouse-database'] || 'default';
    if (!DATABASE_NAME.test(database)) throw new FrontError(81, 'Database ' + database + ' does not exist. (UNKNOWN_DATABASE)');
    const settings = [];
    const bindings = {};
    for (const [name, value] of parameters) {
      if (name.startsWith('param_')) {
        bindings[name.substring(6)] = unescapeParameter(value);
      } else if (!TRANSPORT_PARAMETERS.has(name)) {
        if (!SETTING_NAME.test(name)) throw new FrontError(115, 'Unknown setting ' + name + '. (UNKNOWN_SETTING)');
        settings.push([name, value]);
      }
    }
    const format = outputFormat(request, parameters, sql);
    const started = process.hrtime.bigint();
    const result = await serialized(() => execute(sql, database, settings, bindings, format))
      .finally(() => { if (insertFile) fs.rmSync(insertFile, { force: true }); });
    const bytes = Buffer.from(result.bytes());
    const summary = {
      read_rows: String(result.rowsRead || 0), read_bytes: String(result.bytesRead || 0),
      written_rows: '0', written_bytes: '0', total_rows_to_read: String(result.rowsRead || 0),
      result_rows: '0', result_bytes: String(bytes.length),
      elapsed_ns: String(process.hrtime.bigint() - started),
    };
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(bytes.length),
      'X-ClickHouse-Format': format,
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Timezone': serverTimezone,
      'X-ClickHouse-Server-Display-Name': 'chdb-front',
      'X-ClickHouse-Summary': JSON.stringify(summary),
    });
    response.end(bytes);
  } catch (error) {
    sendError(response, error, queryId);
  }
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname === '/ping' || (url.pathname === '/' && request.method === 'GET' && !url.searchParams.has('query'))) {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' });
    response.end('Ok.\n');
    return;
  }
  if (url.pathname !== '/' || (request.method !== 'POST' && request.method !== 'GET')) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=UTF-8' });
    response.end('There is no handle ' + url.pathname + '\n');
    return;
  }
  handleQuery(request, response, url);
});

function shutdown() {
  server.close();
  session.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// Never outlive the process that started us (a test JVM that was killed cannot stop us itself).
const ownerPid = Number(process.argv[4]);
if (Number.isInteger(ownerPid) && ownerPid > 0) {
  setInterval(() => {
    try {
      process.kill(ownerPid, 0);
    } catch (gone) {
      shutdown();
    }
  }, 1000).unref();
}

// Server defaults of the ClickHouse versions the project targets (23.8+) where the embedded engine differs:
// inserts are synchronous (the engine's async insert path cannot take inline VALUES).
session.queryAsync('SET async_insert = 0', { format: 'TabSeparated' })
  .then(() => session.queryAsync('SELECT timezone()', { format: 'TabSeparated' }))
  .then((result) => { serverTimezone = result.text().trim() || 'UTC'; })
  .catch(() => undefined)
  .then(() => server.listen(port, '127.0.0.1', () => process.stdout.write('listening on ' + port + '\n')));
