"""Facts from the five vendor pages (../shared/seeds, pages 000-004): formats, field
specs (names, documented types, required marks, enums) and a policy-driven
validator.  Every choice a page leaves open is made by the server's Policy."""
import datetime as dt
import re

UTC = dt.timezone.utc


# ---------------------------------------------------------------- formats
_RFC3339 = re.compile(r'^(\d{4})-(\d{2})-(\d{2})([Tt])(\d{2}):(\d{2}):(\d{2})(\.\d+)?'
                      r'([Zz]|[+-]\d{2}:\d{2})$')
_ISO_EXT = re.compile(r'^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?'
                      r'([Zz]|[+-]\d{2}(?::?\d{2})?)?$')
_ISO_BASIC = re.compile(r'^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?'
                        r'([Zz]|[+-]\d{2}(?:\d{2})?)?$')


def _tz(s):
    if s is None:
        return None
    if s in ('Z', 'z'):
        return UTC
    sign = -1 if s[0] == '-' else 1
    digits = s[1:].replace(':', '')
    h, m = int(digits[:2]), int(digits[2:4] or 0)
    if h > 23 or m > 59:
        raise ValueError('offset')
    return dt.timezone(sign * dt.timedelta(hours=h, minutes=m))


def _build(y, mo, d, h, mi, s, frac, tz, allow_leap):
    s = int(s or 0)
    if s == 60 and allow_leap:
        s = 59
    us = int((frac or '0')[:6].ljust(6, '0'))
    return dt.datetime(int(y), int(mo), int(d), int(h), int(mi), s, us, tzinfo=_tz(tz))


def parse_rfc3339(s, allow_lower=False, allow_leap=False):
    """RFC 3339 date-time (offset required).  Returns aware datetime or None."""
    if not isinstance(s, str):
        return None
    m = _RFC3339.match(s)
    if not m:
        return None
    y, mo, d, t, h, mi, sec, frac, tz = m.groups()
    if not allow_lower and (t == 't' or tz == 'z'):
        return None
    try:
        return _build(y, mo, d, h, mi, sec, (frac or '.0')[1:], tz, allow_leap)
    except ValueError:
        return None


def parse_iso8601(s):
    """ISO 8601 date and time of day (extended or basic, offset optional)."""
    if not isinstance(s, str):
        return None
    m = _ISO_EXT.match(s) or _ISO_BASIC.match(s)
    if not m:
        return None
    try:
        return _build(*m.groups(), allow_leap=True)
    except ValueError:
        return None


def is_past(d):
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    return d < dt.datetime.now(UTC)


_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r'[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
EMAIL_TLD = re.compile(r'^%s@(?:%s\.)+[A-Za-z]{2,63}$' % (_LOCAL, _LABEL))
EMAIL_HOST = re.compile(r'^%s@%s(?:\.%s)*$' % (_LOCAL, _LABEL, _LABEL))
EMAIL_LOOSE = re.compile(r'^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$')   # needs a dotted domain
HAS_AT = re.compile(r'^[^@\s]+@[^@\s]+$')
PHONE = re.compile(r'^\+?[0-9]{8,15}$')
HTTPS_URL = re.compile(r'^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?$')
HTTP_URL = re.compile(r'^https?://\S+$')


# ---------------------------------------------------------------- field specs
class F:
    """One documented field.  t: string|boolean|datetime|array|object|strlist."""

    def __init__(self, t, req=False, enum=None, const=None, kind=None, items=None,
                 fields=None, min_items=0, empty_doc=False, null_doc=False, ident=None,
                 page=None):
        self.t, self.req, self.enum, self.const, self.kind = t, req, enum, const, kind
        self.items, self.fields, self.min_items = items, fields, min_items
        self.empty_doc, self.null_doc, self.ident, self.page = empty_doc, null_doc, ident, page


S = lambda **kw: F('string', **kw)  # noqa: E731

# capillary-email, 000 lines 26-41 (camelCase attachment fields, no field marked required)
CAP_ATT_000 = F('object', ident='fileName', fields={
    'fileName': S(), 'fileType': S(), 'fileData': S(), 'fileEncodingType': S()})
CAP_EMAIL_ITEM = {
    'to': S(kind='email'), 'cc': S(kind='email', empty_doc=True),
    'bcc': S(kind='email', empty_doc=True), 'from': S(kind='email'), 'subject': S(),
    'body': S(empty_doc=True),
    'attachments': F('object', fields={'attachment': F('array', items=CAP_ATT_000)}),
    'scheduledTime': F('datetime')}
CAP_EMAIL_BODY = {'email': F('array', items=F('object', fields=CAP_EMAIL_ITEM))}

# capillary-message, 001 lines 43-90 (required marked with *)
CAP_ATT_001 = F('object', ident='file_name', fields={
    'file_name': S(), 'file_type': S(), 'file_data': S(), 'file_encoding_type': S()})
CAP_MSG_ITEMS = {
    'sms': {'to': S(req=True, kind='phone'), 'body': S(req=True),
            'scheduledTime': F('datetime'), 'sender': S()},
    'email': {'to': S(req=True, kind='email'), 'cc': S(kind='email', empty_doc=True),
              'bcc': S(kind='email', empty_doc=True), 'from': S(req=True, kind='email'),
              'subject': S(req=True), 'body': S(req=True, empty_doc=True),
              'attachments': F('object', fields={'attachment': F('array', items=CAP_ATT_001)}),
              'scheduledTime': F('datetime')},
    'whatsapp': {'receiver': S(req=True, kind='phone'), 'template': S(req=True),
                 'scheduledTime': F('datetime')},
    'zalo': {'receiver': S(req=True, kind='phone'), 'template': S(req=True),
             'scheduledTime': F('datetime')},
}
# channel -> (request list key, response list key, response item key)
CAP_CHANNELS = {'sms': ('sms', 'smsList', 'sms'), 'email': ('email', 'emails', 'email'),
                'whatsapp': ('whatsappMessage', 'whatsapp', 'whatsappMessage'),
                'zalo': ('zaloMessage', 'zalo', 'zaloMessage')}
IMAGE_TYPES = {'jpg', 'jpeg', 'png', 'gif'}  # 001 line 71: encoding type required for these


def cap_attachment_rule(item, ptr):
    """001 line 71: file_encoding_type is required for base64 image formats."""
    errs = []
    atts = item.get('attachments')
    lst = atts.get('attachment') if isinstance(atts, dict) else None
    for i, a in enumerate(lst if isinstance(lst, list) else []):
        if not isinstance(a, dict) or not isinstance(a.get('file_type'), str):
            continue
        ft = a['file_type'].lower().split('/')[-1].lstrip('.')
        if ft in IMAGE_TYPES and not a.get('file_encoding_type'):
            errs.append(('%s/attachments/attachment/%d/file_encoding_type' % (ptr, i),
                         'required for image file types', 'required'))
    return errs


# whippy-email, 002 lines 26-103 (names restored per CONTRACTS.md)
WHIPPY_BODY = {
    'attachments': F('array', items=S(kind='url')), 'bcc': F('array', items=S(kind='email')),
    'body': S(), 'cc': F('array', items=S(kind='email')), 'status': S(enum='WHIPPY_STATUS'),
    'from': S(req=True, kind='email_or_id'), 'opt_in_to': F('array', items=F('object')),
    'opt_in_to_all_channels': F('boolean'), 'reply_to': S(kind='email'),
    'schedule_at': F('datetime'), 'sender_email': S(kind='sender', null_doc=True),
    'sender_name': S(), 'subject': S(), 'to': S(req=True, kind='email')}

# genesys-email, 003 lines 29-49
GENESYS_EMAIL = {
    'subject': S(), 'bodyAsPlainText': S(), 'body': S(), 'mime': S(),
    'to': F('strlist', req=True, min_items=1, kind='email_host'),
    'from': S(req=True, kind='email_host'),
    'cc': F('strlist', kind='email_host'), 'bcc': F('strlist', kind='email_host')}
GENESYS_BODY = {'operationName': S(req=True, const='Send'), 'queueName': S(req=True),
                'email': F('object', req=True, fields=GENESYS_EMAIL), 'saveLAR': F('boolean')}

# bigin-mail, 004 lines 22-99
BIGIN_MODULES = ('Contacts', 'Pipelines', 'Accounts')
BIGIN_ADDR = F('object', ident='email', fields={'user_name': S(), 'email': S(kind='email')})
BIGIN_ITEM = {
    'from': F('object', req=True, ident='email', fields=BIGIN_ADDR.fields),
    'to': F('array', req=True, items=BIGIN_ADDR), 'cc': F('array', items=BIGIN_ADDR),
    'bcc': F('array', items=BIGIN_ADDR), 'reply_to': BIGIN_ADDR,
    'org_email': F('boolean'), 'scheduled_time': F('datetime'), 'subject': S(),
    'content': S(), 'mail_format': S(enum=('html', 'text')),
    'attachments': F('array', items=F('object', ident='id', fields={'id': S()}))}


# ---------------------------------------------------------------- validator
class Policy:
    unknown_reject = False     # reject fields no page documents
    null_reject = False        # reject null for optional fields (else: treated as absent)
    empty_array_reject = False
    empty_str_reject = False
    empty_obj_reject = False
    maxlen = None
    past_reject = False
    enum_ci = False
    require_ident = False      # objects must carry their identifying field
    enums = {}                 # named enums the pages leave open (whippy status)

    def dt(self, s):
        return parse_rfc3339(s)

    def addr(self, kind, s):
        return True


def _tname(v):
    if v is None:
        return 'null'
    if isinstance(v, bool):
        return 'boolean'
    if isinstance(v, (int, float)):
        return 'number'
    return {str: 'string', list: 'array', dict: 'object'}.get(type(v), 'unknown')


def check_obj(obj, fields, ptr, pol, errs, ident=None):
    if fields is None:
        if pol.empty_obj_reject and not obj:
            errs.append((ptr, 'empty object', 'empty'))
        return errs
    for k in obj:
        if k not in fields and pol.unknown_reject:
            errs.append((ptr + '/' + k, 'unknown field', 'unknown'))
    for k, f in fields.items():
        p = ptr + '/' + k
        if k not in obj:
            if f.req:
                errs.append((p, 'required field is missing', 'required'))
            continue
        v = obj[k]
        if v is None:
            if f.req:
                errs.append((p, 'required field is null', 'required'))
            elif pol.null_reject and not f.null_doc:
                errs.append((p, 'null is not accepted', 'null'))
            continue
        check_val(v, f, p, pol, errs)
    if ident and pol.require_ident and not (isinstance(obj.get(ident), str) and obj[ident]):
        errs.append((ptr + '/' + ident, 'identifying field is missing', 'required'))
    return errs


def _check_str(v, f, p, pol, errs):
    if v == '':
        if f.null_doc or f.empty_doc or not pol.empty_str_reject:
            return
        errs.append((p, 'empty string', 'empty'))
        return
    if pol.maxlen and len(v) > pol.maxlen:
        errs.append((p, 'longer than %d characters' % pol.maxlen, 'length'))
    if f.const is not None and v != f.const:
        errs.append((p, 'must be %r' % f.const, 'const'))
    enum = pol.enums.get(f.enum) if isinstance(f.enum, str) else f.enum
    if enum:
        ok = (v.lower() in {e.lower() for e in enum}) if pol.enum_ci else v in enum
        if not ok:
            errs.append((p, 'not one of %s' % '|'.join(enum), 'enum'))
    if f.kind and not pol.addr(f.kind, v):
        errs.append((p, 'not a valid %s' % f.kind, 'sender' if f.kind == 'sender' else 'format'))


def check_val(v, f, p, pol, errs):
    t = f.t
    if t == 'string':
        if not isinstance(v, str):
            code = 'sender' if f.kind == 'sender' else 'type'
            errs.append((p, 'expected string, got %s' % _tname(v), code))
        else:
            _check_str(v, f, p, pol, errs)
    elif t == 'boolean':
        if not isinstance(v, bool):
            errs.append((p, 'expected boolean, got %s' % _tname(v), 'type'))
    elif t == 'datetime':
        if not isinstance(v, str):
            errs.append((p, 'expected date-time string, got %s' % _tname(v), 'type'))
            return
        d = pol.dt(v)
        if d is None:
            errs.append((p, 'not an ISO 8601 date-time', 'format'))
        elif pol.past_reject and is_past(d):
            errs.append((p, 'scheduled time is in the past', 'past'))
    elif t == 'array':
        if not isinstance(v, list):
            errs.append((p, 'expected array, got %s' % _tname(v), 'type'))
            return
        if len(v) < f.min_items:
            errs.append((p, 'needs at least %d item(s)' % f.min_items, 'required'))
        elif not v and pol.empty_array_reject:
            errs.append((p, 'empty array', 'empty'))
        for i, x in enumerate(v):
            if f.items is not None:
                if x is None:
                    errs.append(('%s/%d' % (p, i), 'null item', 'type'))
                else:
                    check_val(x, f.items, '%s/%d' % (p, i), pol, errs)
    elif t == 'object':
        if not isinstance(v, dict):
            errs.append((p, 'expected object, got %s' % _tname(v), 'type'))
            return
        check_obj(v, f.fields, p, pol, errs, f.ident)
    elif t == 'strlist':   # genesys cc/bcc/to: comma-delimited string or array of strings
        if isinstance(v, str):
            parts = [x.strip() for x in v.split(',')] if v.strip() else []
        elif isinstance(v, list):
            parts = v
        else:
            errs.append((p, 'expected string or array, got %s' % _tname(v), 'type'))
            return
        if len(parts) < f.min_items:
            errs.append((p, 'needs at least %d address(es)' % f.min_items, 'required'))
        elif not parts and (pol.empty_array_reject if isinstance(v, list) else pol.empty_str_reject):
            errs.append((p, 'empty', 'empty'))
        for i, x in enumerate(parts):
            q = '%s/%d' % (p, i) if isinstance(v, list) else p
            if not isinstance(x, str):
                errs.append((q, 'expected string, got %s' % _tname(x), 'type'))
            else:
                _check_str(x, S(kind=f.kind), q, pol, errs)



def fmt_cap_time(d):
    """000 line 57: response.email.scheduledTime is "YYYY-MM-DD HH:MM:SS::Timezone"."""
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    off = d.strftime('%z')
    return d.strftime('%Y-%m-%d %H:%M:%S') + '::' + (off[:3] + ':' + off[3:] if off else 'UTC')


def cap_status(count, ok, success, code=200, message='Success', warnings=None):
    """The status block of 001's example responses (lines 154-166)."""
    return {'count': count,
            'statusCode': {'status': success, 'message': message, 'code': code},
            'successCount': ok, 'warnings': warnings or [], 'warningsAsStatusCode': [],
            'message': message, 'code': code, 'success': success}


def err_list(errs):
    return [{'pointer': p, 'message': m, 'reason': c} for p, m, c in errs]


def cap_channel(query):
    """001 line 43: channel is case-insensitive, default sms.  Returns raw value or None."""
    vals = query.get('channel')
    return vals[0] if vals else None
