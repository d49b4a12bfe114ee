"""Shared plumbing for the three independent servers in tests/independent/servers.

Holds only what the vendor pages state (field names, documented types, required
marks, enums, formats) plus HTTP plumbing.  Every choice the pages leave open is
made by the individual server through a Policy object.
"""
import base64
import binascii
import json
import re
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from pages import *  # noqa: F401,F403  (facts from the pages, re-exported)

LOG = False


# ---------------------------------------------------------------- auth
def _header(h, name):
    v = h.get(name)
    return v.strip() if isinstance(v, str) else ''


def _scheme(h, schemes, strict_basic=False):
    v = _header(h, 'Authorization')
    parts = v.split(None, 1)
    if len(parts) != 2 or parts[0].lower() not in schemes or not parts[1].strip():
        return False
    if strict_basic and parts[0].lower() == 'basic':
        try:
            return ':' in base64.b64decode(parts[1].strip(), validate=True).decode('utf-8')
        except (binascii.Error, UnicodeDecodeError):
            return False
    return True


def auth_ok(api, headers, strict=False):
    if api in ('capillary-email', 'capillary-message'):   # 001 line 24: Basic or OAuth
        return _scheme(headers, ('basic', 'bearer'), strict)
    if api == 'whippy-email':                             # CONTRACTS.md (inferred)
        return bool(_header(headers, 'X-WHIPPY-KEY'))
    if api == 'genesys-email':                            # CONTRACTS.md (inferred Basic)
        return _scheme(headers, ('basic',), strict)
    if api == 'bigin-mail':                               # 004 line 16
        v = _header(headers, 'Authorization')
        if strict:
            return v.startswith('Zoho-oauthtoken ') and bool(v[16:].strip())
        return _scheme(headers, ('zoho-oauthtoken',))
    return False


# ---------------------------------------------------------------- HTTP plumbing
ROUTES = [
    ('capillary-email', re.compile(r'/v2/communications/email$')),
    ('capillary-message', re.compile(r'/v2/communications/sendMessage$')),
    ('whippy-email', re.compile(r'/v1/messaging/email$')),
    ('genesys-email', re.compile(r'/api/v2/me/emails/([^/]+)$')),
    ('bigin-mail', re.compile(r'/bigin/v2/([^/]+)/([^/]+)/actions/send_mail$')),
]

_ids = iter(range(1, 1 << 62))
_ids_lock = threading.Lock()


def next_id():
    with _ids_lock:
        return next(_ids)


def hex_id(n=32):
    return secrets.token_hex(n)


class BadJSON(Exception):
    pass


def _no_const(c):
    raise BadJSON('non-JSON constant ' + c)


def parse_json(raw):
    try:
        text = raw.decode('utf-8')
        return json.loads(text, parse_constant=_no_const)
    except (UnicodeDecodeError, ValueError, BadJSON, RecursionError) as e:
        raise BadJSON(str(e))


class Handler(BaseHTTPRequestHandler):
    """Subclasses implement handle_api(api, groups, query, doc) -> (status, obj)
    and error_body(api, status, message, errors) -> obj."""
    protocol_version = 'HTTP/1.1'
    server_version = 'indep'
    strict_auth = False

    def log_message(self, fmt, *args):
        if LOG:
            sys.stderr.write('%s %s\n' % (self.address_string(), fmt % args))

    def send_json(self, status, obj, headers=()):
        data = json.dumps(obj).encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _read_body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            out = b''
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n) if n > 0 else b''

    def _dispatch(self, method):
        try:
            raw = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            return self.send_json(400, {'error': 'unreadable body'})
        u = urlsplit(self.path)
        path = u.path.rstrip('/') or '/'
        for api, rx in ROUTES:
            m = rx.search(path)
            if m:
                break
        else:
            return self.send_json(404, {'error': 'not found', 'path': u.path})
        if method != 'POST':
            return self.send_json(405, {'error': 'method not allowed'}, [('Allow', 'POST')])
        if not auth_ok(api, self.headers, self.strict_auth):
            return self.send_json(401, self.error_body(api, 401, 'missing or invalid credentials', []))
        try:
            doc = parse_json(raw)
        except BadJSON as e:
            return self.send_json(400, self.error_body(api, 400, 'body is not JSON: %s' % e, []))
        if LOG:
            sys.stderr.write('%s %s %s\n' % (method, self.path, json.dumps(doc)[:2000]))
        groups = [unquote(g) for g in m.groups()]
        query = parse_qs(u.query, keep_blank_values=True)
        try:
            status, obj = self.handle_api(api, groups, query, doc)
        except Exception as e:   # never a 5xx for a client mistake we did not foresee
            sys.stderr.write('internal error: %r\n' % e)
            status, obj = 500, {'error': 'internal error'}
        if LOG:
            sys.stderr.write('  -> %d %s\n' % (status, json.dumps(obj)[:600]))
        self.send_json(status, obj)

    def do_POST(self):
        self._dispatch('POST')

    def do_GET(self):
        self._dispatch('GET')

    def do_PUT(self):
        self._dispatch('PUT')

    def do_PATCH(self):
        self._dispatch('PATCH')

    def do_DELETE(self):
        self._dispatch('DELETE')


def serve(handler_cls, argv=None):
    global LOG
    argv = sys.argv[1:] if argv is None else argv
    port = 8080
    i = 0
    while i < len(argv):
        if argv[i] == '--port' and i + 1 < len(argv):
            port = int(argv[i + 1])
            i += 2
        elif argv[i].startswith('--port='):
            port = int(argv[i][7:])
            i += 1
        elif argv[i] == '--log':
            LOG = True
            i += 1
        else:
            sys.exit('usage: %s --port N [--log]' % sys.argv[0])
    srv = ThreadingHTTPServer(('127.0.0.1', port), handler_cls)
    srv.daemon_threads = True
    print('listening on 127.0.0.1:%d' % srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
