'use strict';
// Independent implementation of five send-email / send-message APIs (the pages in ../shared/seeds).
// Usage: node server_node.js --port N     (binds 127.0.0.1)
const http = require('http');
const crypto = require('crypto');

const MAX_STR = 5000;           // own choice: longer strings are refused
const MAX_BODY = 1 << 20;       // own choice: 1 MiB request bodies
const MAX_CC = 50;              // own choice: at most 50 cc / bcc entries
const MAX_ITEMS = 100;          // own choice: at most 100 messages / recipients per list
const MIN_LEAD_MS = 5 * 60 * 1000; // own choice: scheduled times at least 5 minutes ahead

// ---------------------------------------------------------------- validation helpers
class Errs {
  constructor() { this.list = []; }
  add(path, message) { this.list.push({ field: path, message }); }
  get ok() { return this.list.length === 0; }
}
const has = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);
const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);

const DOTTED = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const DOTLESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const email = (x) => (x.length <= 254 && DOTTED.test(x) ? null : 'not a valid email address (domain needs a dot)');
const emailDotless = (x) => (x.length <= 254 && DOTLESS.test(x) ? null : 'not a valid email address');
const phone = (x) => (/^\+?[0-9]{8,15}$/.test(x) ? null : 'not a mobile number (8 to 15 digits)');
const httpsUrl = (x) => (/^https:\/\/[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?(\/[^\s]*)?$/.test(x) ? null : 'not an https URL');
const noCtl = (x) => (/[\u0000-\u001f\u007f]/.test(x) ? 'control characters are not allowed here' : null);
const commaList = (check) => (x) => {
  const parts = x.split(',').map((s) => s.trim());
  if (parts.length > MAX_CC) return `more than ${MAX_CC} addresses`;
  for (const p of parts) { const m = check(p); if (m) return `${JSON.stringify(p)}: ${m}`; }
  return null;
};

const DT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
function dateTime(x) {
  const m = DT.exec(x);
  if (!m) return 'not an ISO 8601 date-time with a time zone (YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM))';
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > dim[mo - 1] || h > 23 || mi > 59 || s > 59) return 'date-time out of range';
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return 'time zone offset out of range';
  const t = Date.parse(x);
  if (Number.isNaN(t)) return 'unparseable date-time';
  if (t < Date.now() + MIN_LEAD_MS) return 'scheduled time must be at least 5 minutes in the future';
  return null;
}

// Optional strings: trimmed, "" counts as absent, null is refused. Required strings: trimmed, "" refused
// unless allowEmpty (a page's own example sends it).
function str(e, o, k, p, opt = {}) {
  const path = `${p}/${k}`;
  if (!has(o, k)) { if (opt.required) e.add(path, 'is required'); return undefined; }
  let x = o[k];
  if (x === null) { if (opt.nullAbsent && !opt.required) return undefined; e.add(path, opt.required ? 'is required (got null)' : 'must not be null'); return undefined; }
  if (typeof x !== 'string') { e.add(path, 'must be a string'); return undefined; }
  x = x.trim();
  if (x === '') {
    if (opt.required && !opt.allowEmpty) { e.add(path, 'must not be empty'); return undefined; }
    return opt.required ? '' : undefined;
  }
  for (const c of [].concat(opt.check || [])) { const m = c(x); if (m) { e.add(path, m); return undefined; } }
  return x;
}
function bool(e, o, k, p, opt = {}) {
  if (!has(o, k)) { if (opt.required) e.add(`${p}/${k}`, 'is required'); return undefined; }
  if (typeof o[k] !== 'boolean') { e.add(`${p}/${k}`, 'must be true or false'); return undefined; }
  return o[k];
}
function enumStr(e, o, k, p, values, opt = {}) {
  const x = str(e, o, k, p, opt);
  if (x === undefined || x === '') return x;
  const l = x.toLowerCase();
  if (!values.includes(l)) { e.add(`${p}/${k}`, `must be one of ${values.join(', ')}`); return undefined; }
  return l;
}
function obj(e, o, k, p, opt = {}) {
  if (!has(o, k)) { if (opt.required) e.add(`${p}/${k}`, 'is required'); return undefined; }
  if (!isObj(o[k])) { e.add(`${p}/${k}`, o[k] === null ? 'must not be null' : 'must be an object'); return undefined; }
  return o[k];
}
function arr(e, o, k, p, opt = {}) {
  const path = `${p}/${k}`;
  if (!has(o, k)) { if (opt.required) e.add(path, 'is required'); return undefined; }
  const x = o[k];
  if (!Array.isArray(x)) { e.add(path, x === null ? 'must not be null' : 'must be an array'); return undefined; }
  if (x.length === 0) { e.add(path, 'must not be empty'); return undefined; }
  const max = opt.max || MAX_ITEMS;
  if (x.length > max) { e.add(path, `must have at most ${max} entries`); return undefined; }
  return x;
}
function strArr(e, o, k, p, check, opt = {}) {
  const a = arr(e, o, k, p, opt);
  if (!a) return undefined;
  const out = [];
  a.forEach((v, i) => {
    if (typeof v !== 'string') { e.add(`${p}/${k}/${i}`, 'must be a string'); return; }
    const t = v.trim();
    const m = t === '' ? 'must not be empty' : check(t);
    if (m) e.add(`${p}/${k}/${i}`, m); else out.push(t);
  });
  return out;
}
function longest(v, depth = 0) {
  if (depth > 64) return Infinity;
  if (typeof v === 'string') return v.length;
  let m = 0;
  if (Array.isArray(v)) for (const x of v) m = Math.max(m, longest(x, depth + 1));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) m = Math.max(m, k.length, longest(x, depth + 1));
  return m;
}
const newId = (n = 16) => crypto.randomBytes(n).toString('hex');

// ---------------------------------------------------------------- auth
function authOk(api, h) {
  const a = (h.authorization || '').trim();
  const sp = a.indexOf(' ');
  const scheme = sp > 0 ? a.slice(0, sp).toLowerCase() : '';
  const cred = sp > 0 ? a.slice(sp + 1).trim() : '';
  switch (api) {
    case 'capillary-email': case 'capillary-message':   // "Basic or OAuth"
      if (scheme === 'basic') return basicOk(cred);
      if (scheme === 'bearer') return cred !== '';
      return String(h['x-cap-api-oauth-token'] || '').trim() !== '';
    case 'genesys-email': return scheme === 'basic' && basicOk(cred);
    case 'bigin-mail': return scheme === 'zoho-oauthtoken' && cred !== '';
    case 'whippy-email': return String(h['x-whippy-key'] || '').trim() !== '';
  }
  return false;
}
function basicOk(cred) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cred)) return false;
  const d = Buffer.from(cred, 'base64').toString('utf8');
  return d.indexOf(':') > 0;
}

// ---------------------------------------------------------------- capillary-message
const CHANNELS = {
  sms: { key: 'sms', list: 'smsList', item: 'sms' },
  email: { key: 'email', list: 'emails', item: 'email' },
  whatsapp: { key: 'whatsappMessage', list: 'whatsapp', item: 'whatsappMessage' },
  zalo: { key: 'zaloMessage', list: 'zalo', item: 'zaloMessage' },
};
const IMAGE_TYPES = ['jpg', 'jpeg', 'png', 'gif'];

function capStatus(count, okCount, extraMsg) {
  const success = count > 0 && okCount === count;
  return {
    success, code: 200, message: success ? 'Success' : (extraMsg || 'Some messages were not accepted'),
    count, successCount: okCount,
    statusCode: { status: success, message: success ? 'Success' : 'Failure', code: success ? 200 : 422 },
    warnings: [], warningsAsStatusCode: [],
  };
}
function capAttachments(e, it, p, snake) {
  const att = obj(e, it, 'attachments', p);
  if (!att) return undefined;
  const list = arr(e, att, 'attachment', `${p}/attachments`);
  if (!list) return undefined;
  const [fn, ft, fd, fe] = snake ? ['file_name', 'file_type', 'file_data', 'file_encoding_type']
    : ['fileName', 'fileType', 'fileData', 'fileEncodingType'];
  return list.map((a, i) => {
    const q = `${p}/attachments/attachment/${i}`;
    if (!isObj(a)) { e.add(q, 'must be an object'); return null; }
    const r = {
      [fn]: str(e, a, fn, q, { required: true }), [ft]: str(e, a, ft, q),
      [fd]: str(e, a, fd, q), [fe]: str(e, a, fe, q),
    };
    // 001 line 71: file_encoding_type is required for base64 image formats (JPG, PNG, JPEG, GIF).
    if (snake && r[ft] && IMAGE_TYPES.includes(r[ft].toLowerCase().replace(/^\.|^image\//, '')) && r[fe] === undefined) {
      e.add(`${q}/${fe}`, 'is required for image attachments');
    }
    return r;
  });
}
function capEmailItem(e, it, p, requireAll) {
  const r = {
    to: str(e, it, 'to', p, { required: true, check: email }),
    cc: str(e, it, 'cc', p, { check: commaList(email) }) || '',
    bcc: str(e, it, 'bcc', p, { check: commaList(email) }) || '',
    from: str(e, it, 'from', p, { required: requireAll, check: email }),
    subject: str(e, it, 'subject', p, { required: requireAll, check: noCtl }),
    // 001 line 120: the page's own example sends the required body as "".
    body: str(e, it, 'body', p, { required: requireAll, allowEmpty: true }),
    scheduledTime: str(e, it, 'scheduledTime', p, { check: dateTime }),
  };
  const att = capAttachments(e, it, p, requireAll);
  r.attachments = att || [];
  return r;
}
function capMessage(req, url, body) {
  const raw = (url.searchParams.get('channel') || '').trim().toLowerCase();
  const ch = raw === '' ? 'sms' : raw;            // 001 line 43: not case-sensitive, default sms
  const spec = CHANNELS[ch];
  if (!spec) return [422, { status: capStatus(0, 0, `unsupported channel ${JSON.stringify(raw)}`) }];
  const top = new Errs();
  const items = isObj(body) ? arr(top, body, spec.key, '') : (top.add('', 'body must be a JSON object'), undefined);
  if (!top.ok) return [422, { status: capStatus(0, 0, top.list[0].field + ' ' + top.list[0].message), errors: top.list }];
  let okCount = 0;
  const out = items.map((it, i) => {
    const e = new Errs();
    const p = `/${spec.key}/${i}`;
    let echo = {};
    if (!isObj(it)) e.add(p, 'must be an object');
    else if (ch === 'sms') {
      echo = { to: str(e, it, 'to', p, { required: true, check: phone }), body: str(e, it, 'body', p, { required: true }),
        scheduledTime: str(e, it, 'scheduledTime', p, { check: dateTime }), sender: str(e, it, 'sender', p) || '' };
    } else if (ch === 'email') {
      echo = capEmailItem(e, it, p, true);
    } else {
      echo = { receiver: str(e, it, 'receiver', p, { required: true, check: phone }),
        template: str(e, it, 'template', p, { required: true }), scheduledTime: str(e, it, 'scheduledTime', p, { check: dateTime }) };
    }
    if (e.ok) okCount++;
    return { [spec.item]: echo, errors: e.list.map((x) => ({ code: 422, message: `${x.field}: ${x.message}` })), warnings: [] };
  });
  // Item-level problems are reported the Capillary way: HTTP 200, status.success false, per-item errors.
  return [200, { status: capStatus(items.length, okCount), [spec.list]: out }];
}

// ---------------------------------------------------------------- capillary-email
function fmtCapTime(t) {
  const d = new Date(t);
  const z = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${z(d.getUTCMonth() + 1)}-${z(d.getUTCDate())} ${z(d.getUTCHours())}:${z(d.getUTCMinutes())}:${z(d.getUTCSeconds())}::UTC`;
}
function capEmail(req, url, body) {
  const e = new Errs();
  let items;
  if (!isObj(body)) e.add('', 'body must be a JSON object');
  else items = arr(e, body, 'email', '', { required: true });  // own choice: email[] and its `to` are required
  const parsed = [];
  if (items) items.forEach((it, i) => {
    if (!isObj(it)) { e.add(`/email/${i}`, 'must be an object'); return; }
    parsed.push(capEmailItem(e, it, `/email/${i}`, false));
  });
  if (!e.ok) {
    return [422, { response: { status: { success: false, code: 422, message: `${e.list[0].field} ${e.list[0].message}` }, errors: e.list } }];
  }
  const f = parsed[0];
  return [200, { response: {
    status: { success: true, code: 200, message: 'Email queued' },
    email: { id: newId(12), to: f.to, cc: f.cc, bcc: f.bcc, status: f.scheduledTime ? 'SCHEDULED' : 'QUEUED',
      subject: f.subject || '', description: f.body || '', scheduledTime: fmtCapTime(f.scheduledTime ? Date.parse(f.scheduledTime) : Date.now()) },
  } }];
}

// ---------------------------------------------------------------- whippy-email
const WHIPPY_STATUS = ['open', 'closed', 'automated'];   // page lists no values; own choice
function whippy(req, url, body) {
  const e = new Errs();
  if (!isObj(body)) return [422, { errors: [{ field: '', message: 'body must be a JSON object' }] }];
  const p = '';
  const r = {
    to: str(e, body, 'to', p, { required: true, check: email }),
    from: str(e, body, 'from', p, { required: true, check: (x) => (x.includes('@') ? email(x) : (/^[A-Za-z0-9_-]{1,64}$/.test(x) ? null : 'not an email address or channel ID')) }),
    body: str(e, body, 'body', p),
    subject: str(e, body, 'subject', p, { check: noCtl }),
    status: enumStr(e, body, 'status', p, WHIPPY_STATUS) || 'open',
    reply_to: str(e, body, 'reply_to', p, { check: email }),
    schedule_at: str(e, body, 'schedule_at', p, { check: dateTime }),
    // 002 lines 88-90: "" or null is absent; an invalid address structure gets 422.
    sender_email: str(e, body, 'sender_email', p, { nullAbsent: true, check: email }),
    sender_name: str(e, body, 'sender_name', p, { check: noCtl }),
    cc: strArr(e, body, 'cc', p, email, { max: MAX_CC }),
    bcc: strArr(e, body, 'bcc', p, email, { max: MAX_CC }),
    attachments: strArr(e, body, 'attachments', p, httpsUrl),
    opt_in_to_all_channels: bool(e, body, 'opt_in_to_all_channels', p),
  };
  const opt = arr(e, body, 'opt_in_to', p);
  if (opt) opt.forEach((o, i) => { if (!isObj(o)) e.add(`/opt_in_to/${i}`, 'must be an object'); });
  if (!e.ok) return [422, { errors: e.list }];
  return [201, { data: { id: crypto.randomUUID(), contact_id: crypto.randomUUID(), conversation_id: crypto.randomUUID(),
    channel: r.from, to: r.to, subject: r.subject || null, status: r.status,
    delivery_status: r.schedule_at ? 'scheduled' : 'queued', schedule_at: r.schedule_at || null } }];
}

// ---------------------------------------------------------------- genesys-email
function addrList(e, o, k, p, opt) {
  if (has(o, k) && typeof o[k] === 'string' && opt.commaString) {   // 003 line 44/49: comma-delimited strings
    return str(e, o, k, p, { check: commaList(emailDotless) });
  }
  return strArr(e, o, k, p, emailDotless, opt);
}
function genesys(req, url, body, params) {
  const e = new Errs();
  if (!/^[A-Za-z0-9]{1,64}$/.test(params.id)) e.add('/path/id', 'not a valid email id');
  if (!isObj(body)) { e.add('', 'body must be a JSON object'); return [422, { statusCode: 1, statusMessage: 'body must be a JSON object', errors: e.list }]; }
  if (!has(body, 'operationName')) e.add('/operationName', 'is required');
  else if (body.operationName !== 'Send') e.add('/operationName', 'must be "Send"');   // 003 line 30
  str(e, body, 'queueName', '', { required: true });
  bool(e, body, 'saveLAR', '');
  const m = obj(e, body, 'email', '', { required: true });
  if (m) {
    addrList(e, m, 'to', '/email', { required: true });
    str(e, m, 'from', '/email', { required: true, check: emailDotless });
    addrList(e, m, 'cc', '/email', { commaString: true, max: MAX_CC });
    addrList(e, m, 'bcc', '/email', { commaString: true, max: MAX_CC });
    str(e, m, 'subject', '/email', { check: noCtl });
    str(e, m, 'body', '/email');
    str(e, m, 'bodyAsPlainText', '/email');
    str(e, m, 'mime', '/email', { check: (x) => (/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i.test(x) ? null : 'not a MIME type') });
  }
  if (!e.ok) return [422, { statusCode: 1, statusMessage: `${e.list[0].field} ${e.list[0].message}`, errors: e.list }];
  return [200, { statusCode: 0 }];
}

// ---------------------------------------------------------------- bigin-mail
const MODULES = { contacts: 'Contacts', pipelines: 'Pipelines', accounts: 'Accounts' };
function biginErr(list) {
  return { data: list.map((x) => ({ code: 'INVALID_DATA', details: { api_name: x.field }, message: x.message, status: 'error' })) };
}
function biginAddr(e, o, p) {
  if (!isObj(o)) { e.add(p, 'must be an object {user_name, email}'); return; }
  str(e, o, 'email', p, { required: true, check: email });
  str(e, o, 'user_name', p, { check: noCtl });
}
function bigin(req, url, body, params) {
  const e = new Errs();
  if (!MODULES[params.module.toLowerCase()]) e.add('/path/module_api_name', 'must be one of Contacts, Pipelines, Accounts');
  if (!/^[0-9]{1,30}$/.test(params.record)) e.add('/path/record_id', 'must be a numeric record id');
  if (!isObj(body)) { e.add('', 'body must be a JSON object'); return [422, biginErr(e.list)]; }
  const data = arr(e, body, 'data', '', { required: true });
  if (data) data.forEach((it, i) => {
    const p = `/data/${i}`;
    if (!isObj(it)) { e.add(p, 'must be an object'); return; }
    const from = obj(e, it, 'from', p, { required: true });
    if (from) biginAddr(e, from, `${p}/from`);
    for (const k of ['to', 'cc', 'bcc']) {
      const l = arr(e, it, k, p, { required: k === 'to', max: k === 'to' ? MAX_ITEMS : MAX_CC });
      if (l) l.forEach((a, j) => biginAddr(e, a, `${p}/${k}/${j}`));
    }
    const rt = obj(e, it, 'reply_to', p);
    if (rt) biginAddr(e, rt, `${p}/reply_to`);
    bool(e, it, 'org_email', p);
    str(e, it, 'scheduled_time', p, { check: dateTime });   // 004 line 43: ISO8601
    str(e, it, 'subject', p, { check: noCtl });
    str(e, it, 'content', p);
    enumStr(e, it, 'mail_format', p, ['html', 'text']);     // 004 line 49
    const at = arr(e, it, 'attachments', p);
    if (at) at.forEach((a, j) => {
      if (!isObj(a)) e.add(`${p}/attachments/${j}`, 'must be an object {id}');
      else str(e, a, 'id', `${p}/attachments/${j}`, { required: true, check: (x) => (/^[A-Za-z0-9]+$/.test(x) ? null : 'not an attachment id') });
    });
  });
  if (!e.ok) return [422, biginErr(e.list)];
  return [200, { data: data.map((it) => ({ code: 'SUCCESS', details: { message_id: newId(32) },
    message: has(it, 'scheduled_time') && it.scheduled_time ? 'Your mail has been scheduled successfully.' : 'Your mail has been sent successfully.',
    status: 'success' })) }];
}

// ---------------------------------------------------------------- routing
const ROUTES = [
  { api: 'capillary-email', re: /^\/v2\/communications\/email\/?$/, fn: capEmail, names: [] },
  { api: 'capillary-message', re: /^\/v2\/communications\/sendMessage\/?$/, fn: capMessage, names: [] },
  { api: 'whippy-email', re: /^\/v1\/messaging\/email\/?$/, fn: whippy, names: [] },
  { api: 'genesys-email', re: /^\/api\/v2\/me\/emails\/([^/]+)\/?$/, fn: genesys, names: ['id'] },
  { api: 'bigin-mail', re: /^\/bigin\/v2\/([^/]+)\/([^/]+)\/actions\/send_mail\/?$/, fn: bigin, names: ['module', 'record'] },
];
function unauthorized(api) {
  const msg = 'missing or invalid credentials';
  switch (api) {
    case 'capillary-email': return { response: { status: { success: false, code: 401, message: msg } } };
    case 'capillary-message': return { status: { ...capStatus(0, 0, msg), code: 401 } };
    case 'genesys-email': return { statusCode: 1, statusMessage: msg };
    case 'bigin-mail': return { code: 'AUTHENTICATION_FAILURE', details: {}, message: msg, status: 'error' };
    default: return { errors: [{ message: msg }] };
  }
}
function tooLarge(api) {   // whippy answers 422 so its documented sender_email 422 is never masked
  return api === 'whippy-email' ? 422 : 413;
}

function send(res, status, obj, extra = {}) {
  const b = JSON.stringify(obj);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(b), ...extra });
  res.end(b);
}

function handle(req, res, buf) {
  let url;
  try { url = new URL(req.url, 'http://localhost'); } catch { return send(res, 404, { error: 'not found' }); }
  const route = ROUTES.find((r) => r.re.test(url.pathname));
  if (!route) return send(res, 404, { error: 'not found' });
  if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' }, { Allow: 'POST' });
  const m = route.re.exec(url.pathname);
  const params = {};
  try { route.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); }); } catch { return send(res, 422, { error: 'bad path encoding' }); }
  if (!authOk(route.api, req.headers)) {
    return send(res, 401, unauthorized(route.api), route.api === 'genesys-email' ? { 'WWW-Authenticate': 'Basic realm="api"' } : {});
  }
  if (buf === null) return send(res, tooLarge(route.api), { error: 'request body too large' });
  let body;
  try { body = JSON.parse(buf.toString('utf8')); } catch { return send(res, 422, { error: 'request body is not valid JSON' }); }
  if (longest(body) > MAX_STR) return send(res, tooLarge(route.api), { error: `strings are limited to ${MAX_STR} characters` });
  const [status, out] = route.fn(req, url, body, params);
  send(res, status, out);
}

function main() {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error('usage: node server.js --port N'); process.exit(2); }
  const server = http.createServer((req, res) => {
    const chunks = []; let size = 0; let over = false;
    req.on('data', (c) => { size += c.length; if (size > MAX_BODY) over = true; else chunks.push(c); });
    req.on('error', () => { try { res.destroy(); } catch { /* ignore */ } });
    req.on('end', () => {
      try { handle(req, res, over ? null : Buffer.concat(chunks)); } catch (err) {
        // never answer 5xx for a client's payload: anything unexpected is the client's invalid input
        try { send(res, 422, { error: 'invalid request' }); } catch { /* ignore */ }
      }
    });
  });
  server.keepAliveTimeout = 30000;
  server.listen(port, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${server.address().port}`));
}
main();
