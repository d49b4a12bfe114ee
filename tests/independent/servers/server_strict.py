#!/usr/bin/env python3
"""server_strict: the strict reading.

Keeps every fact the pages state and, where they are silent, rejects: unknown
fields, null for optional fields, empty arrays/objects, empty optional strings
(except where a page's own example sends "": Capillary body/cc/bcc, whippy
sender_email), strings over 2000 characters, addresses not shaped like
local@domain.tld (Genesys: local@host, as its samples use dotless hosts),
RFC 3339 date-times only (upper-case T/Z, offset required), schedule times in
the past, attachment/address objects without their id/email, and requests
without a recipient.  Enums are exact-case except Capillary's channel.
Status: 400 for malformed input and Capillary, 422 for other semantic errors.
"""
import datetime as dt
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

CHANNEL_ID = re.compile(r'^[A-Za-z0-9_-]{1,64}$')
DISPLAY = re.compile(r'^[^<>]*<([^<>]+)>$')
GENESYS_ID = re.compile(r'^[A-Za-z0-9]{1,64}$')
RECORD_ID = re.compile(r'^[0-9]{1,32}$')


class StrictPolicy(C.Policy):
    unknown_reject = True
    null_reject = True
    empty_array_reject = True
    empty_str_reject = True
    empty_obj_reject = True
    maxlen = 2000
    past_reject = True
    require_ident = True
    enums = {'WHIPPY_STATUS': ('open', 'closed', 'automated')}

    def dt(self, s):
        return C.parse_rfc3339(s)

    def addr(self, kind, s):
        if kind in ('email', 'sender'):
            return bool(C.EMAIL_TLD.match(s))
        if kind == 'email_host':    # 003 samples: qwerty@gplus-w2k3-gf80
            m = DISPLAY.match(s)
            return bool(C.EMAIL_HOST.match(m.group(1).strip() if m else s))
        if kind == 'phone':
            return bool(C.PHONE.match(s))
        if kind == 'url':
            return bool(C.HTTPS_URL.match(s))
        if kind == 'email_or_id':   # 002 line 58: channel email address or channel ID
            return bool(C.EMAIL_TLD.match(s) or CHANNEL_ID.match(s))
        return True


POL = StrictPolicy()


def summary(errs):
    return '; '.join('%s: %s' % (p or '/', m) for p, m, _ in errs[:5])


class Strict(C.Handler):
    strict_auth = True

    def error_body(self, api, status, message, errs):
        if api == 'capillary-email':
            return {'response': {'status': {'success': False, 'code': status, 'message': message}},
                    'errors': C.err_list(errs)}
        if api == 'capillary-message':
            return {'status': C.cap_status(0, 0, False, status, message), 'errors': C.err_list(errs)}
        if api == 'genesys-email':
            return {'statusCode': 2, 'statusMessage': message, 'errors': C.err_list(errs)}
        if api == 'bigin-mail':
            return {'data': [{'code': 'INVALID_TOKEN' if status == 401 else 'INVALID_DATA',
                              'details': {'errors': C.err_list(errs)}, 'message': message,
                              'status': 'error'}]}
        return {'error': {'status': status, 'message': message, 'details': C.err_list(errs)}}

    def reject(self, api, errs, status=422):
        return status, self.error_body(api, status, summary(errs), errs)

    def handle_api(self, api, groups, query, doc):
        if not isinstance(doc, dict):
            return self.reject(api, [('', 'body must be a JSON object', 'type')], 400)
        return getattr(self, 'api_' + api.replace('-', '_'))(api, groups, query, doc)

    # ---- capillary-email (000)
    def api_capillary_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.CAP_EMAIL_BODY, '', POL, [])
        items = doc.get('email')
        if 'email' not in doc:
            errs.append(('/email', 'at least one email is required', 'required'))
        for i, it in enumerate(items if isinstance(items, list) else []):
            if isinstance(it, dict) and 'to' not in it:
                errs.append(('/email/%d/to' % i, 'a recipient is required', 'required'))
        if errs:
            return self.reject(api, errs, 400)
        it = items[0]
        sched = C.parse_rfc3339(it['scheduledTime']) if 'scheduledTime' in it else None
        when = sched or dt.datetime.now(C.UTC).replace(microsecond=0)
        email = {'id': C.next_id(), 'to': it['to'], 'cc': it.get('cc', ''), 'bcc': it.get('bcc', ''),
                 'status': 'SCHEDULED' if sched else 'QUEUED', 'subject': it.get('subject', ''),
                 'description': it.get('body', ''), 'scheduledTime': C.fmt_cap_time(when)}
        return 200, {'response': {'status': {'success': True, 'code': 200, 'message': 'Success'},
                                  'email': email}}

    # ---- capillary-message (001)
    def api_capillary_message(self, api, groups, query, doc):
        raw = C.cap_channel(query)
        ch = 'sms' if raw is None else raw.lower()
        if ch not in C.CAP_CHANNELS:
            return self.reject(api, [('?channel', 'channel must be sms, whatsapp, email or zalo',
                                      'enum')], 400)
        key, list_key, item_key = C.CAP_CHANNELS[ch]
        errs = [('/' + k, 'unknown field for channel %s' % ch, 'unknown') for k in doc if k != key]
        lst = doc.get(key)
        if lst is None:
            errs.append(('/' + key, 'required field is missing', 'required'))
        elif not isinstance(lst, list):
            errs.append(('/' + key, 'expected array', 'type'))
        elif not lst:
            errs.append(('/' + key, 'at least one message is required', 'empty'))
        if errs:
            return self.reject(api, errs, 400)
        out, all_errs = [], []
        for i, item in enumerate(lst):
            ptr = '/%s/%d' % (key, i)
            if not isinstance(item, dict):
                e = [(ptr, 'expected object', 'type')]
            else:
                e = C.check_obj(item, C.CAP_MSG_ITEMS[ch], ptr, POL, [])
                if ch == 'email':
                    e += C.cap_attachment_rule(item, ptr)
            all_errs += e
            out.append({item_key: item, 'errors': C.err_list(e), 'warnings': []})
        if all_errs:
            bad = len({p.split('/')[2] for p, _, _ in all_errs})
            return 400, {'status': C.cap_status(len(lst), len(lst) - bad, False, 400,
                                                summary(all_errs)), list_key: out}
        return 200, {'status': C.cap_status(len(lst), len(lst), True), list_key: out}

    # ---- whippy-email (002)
    def api_whippy_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.WHIPPY_BODY, '', POL, [])
        sender = [e for e in errs if e[2] == 'sender']
        if sender:
            return self.reject(api, sender, 422)
        if errs:
            return self.reject(api, errs, 422)
        n = C.next_id()
        return 200, {'data': {'id': n, 'contact_id': n, 'conversation_id': n,
                              'delivery_status': 'queued'}}

    # ---- genesys-email (003)
    def api_genesys_email(self, api, groups, query, doc):
        errs = []
        if not GENESYS_ID.match(groups[0]):
            errs.append(('{id}', 'email id must be alphanumeric', 'format'))
        C.check_obj(doc, C.GENESYS_BODY, '', POL, errs)
        em = doc.get('email')
        if isinstance(em, dict) and 'to' in em and not isinstance(em['to'], list):
            errs.append(('/email/to', 'to must be an array of addresses', 'type'))
        if errs:
            return self.reject(api, errs, 422)
        return 200, {'statusCode': 0}

    # ---- bigin-mail (004)
    def api_bigin_mail(self, api, groups, query, doc):
        module, record = groups
        errs = []
        if module not in C.BIGIN_MODULES:
            errs.append(('{module_api_name}', 'module must be Contacts, Pipelines or Accounts',
                         'enum'))
        if not RECORD_ID.match(record):
            errs.append(('{record_id}', 'record_id must be a numeric record id', 'format'))
        errs += [('/' + k, 'unknown field', 'unknown') for k in doc if k != 'data']
        data = doc.get('data')
        if data is None:
            errs.append(('/data', 'required field is missing', 'required'))
        elif not isinstance(data, list):
            errs.append(('/data', 'expected array', 'type'))
        elif not data:
            errs.append(('/data', 'at least one mail is required', 'empty'))
        else:
            for i, item in enumerate(data):
                if not isinstance(item, dict):
                    errs.append(('/data/%d' % i, 'expected object', 'type'))
                else:
                    C.check_obj(item, C.BIGIN_ITEM, '/data/%d' % i, POL, errs)
        if errs:
            return self.reject(api, errs, 422 if data else 400)
        return 200, {'data': [{
            'code': 'SUCCESS', 'details': {'message_id': C.hex_id()},
            'message': 'Your mail has been %s successfully.' % (
                'scheduled' if it.get('scheduled_time') else 'sent'),
            'status': 'success'} for it in data]}


if __name__ == '__main__':
    C.serve(Strict)
