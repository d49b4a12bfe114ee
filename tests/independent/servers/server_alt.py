#!/usr/bin/env python3
"""server_alt: a different style for what the pages leave open.

- whippy success is 201, Genesys success is 202 (no page documents a status);
- Capillary (both APIs) reports invalid requests with HTTP 200 and
  status.success=false, with per-item errors (Capillary reports per item);
- Bigin: a data array where only some items are invalid gets 207 with per-item
  results (SUCCESS / INVALID_DATA + status "error"); an unknown module is 404;
- enum values are accepted in any letter case (not the Genesys constant "Send");
- null for optional fields is rejected (except whippy sender_email, 002 line 88);
- RFC 3339 date-times, lower-case t/z and leap seconds tolerated;
- success bodies carry extra fields.
"""
import datetime as dt
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

PHONE_LOOSE = re.compile(r'^\+?[0-9][0-9 ().-]{5,24}$')


class AltPolicy(C.Policy):
    null_reject = True
    enum_ci = True

    def dt(self, s):
        return C.parse_rfc3339(s, allow_lower=True, allow_leap=True)

    def addr(self, kind, s):
        if kind == 'sender':
            return bool(C.EMAIL_LOOSE.match(s))
        if kind in ('email', 'email_host'):
            return bool(C.HAS_AT.match(s.strip()))
        if kind == 'phone':
            return bool(PHONE_LOOSE.match(s))
        if kind == 'url':
            return bool(C.HTTP_URL.match(s))
        return bool(s.strip())


POL = AltPolicy()


def now_iso():
    return dt.datetime.now(C.UTC).replace(microsecond=0).isoformat()


class Alt(C.Handler):
    server_version = 'indep-alt'

    def error_body(self, api, status, message, errs):
        if api == 'capillary-email':
            return {'response': {'status': {'success': False, 'code': status, 'message': message}}}
        if api == 'capillary-message':
            return {'status': C.cap_status(0, 0, False, status, message)}
        if api == 'genesys-email':
            return {'statusCode': 1, 'message': message}
        if api == 'bigin-mail':
            return {'code': 'AUTHENTICATION_FAILURE' if status == 401 else 'INVALID_REQUEST',
                    'details': {}, 'message': message, 'status': 'error'}
        return {'message': message, 'errors': C.err_list(errs)}

    def handle_api(self, api, groups, query, doc):
        if not isinstance(doc, dict):
            if api.startswith('capillary'):
                return self.cap_fail(api, 'body must be a JSON object')
            return 400, self.error_body(api, 400, 'body must be a JSON object', [])
        return getattr(self, 'api_' + api.replace('-', '_'))(api, groups, query, doc)

    def cap_fail(self, api, message, code=400):
        if api == 'capillary-email':
            return 200, {'response': {'status': {'success': False, 'code': code, 'message': message}}}
        return 200, {'status': C.cap_status(0, 0, False, code, message)}

    # ---- capillary-email (000): per-item style, always HTTP 200 once authenticated
    def api_capillary_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.CAP_EMAIL_BODY, '', POL, [])
        if errs:
            return 200, {'response': {
                'status': {'success': False, 'code': 400, 'message': 'Invalid request'},
                'errors': C.err_list(errs)}}
        items = doc.get('email') or [{}]
        emails = []
        for it in items:
            sched = C.parse_rfc3339(it['scheduledTime'], True, True) if it.get('scheduledTime') else None
            when = sched or dt.datetime.now(C.UTC).replace(microsecond=0)
            emails.append({'id': C.next_id(), 'to': it.get('to', ''), 'cc': it.get('cc', ''),
                           'bcc': it.get('bcc', ''), 'status': 'SCHEDULED' if sched else 'SENT',
                           'subject': it.get('subject', ''), 'description': it.get('body', ''),
                           'scheduledTime': C.fmt_cap_time(when), 'from': it.get('from', '')})
        return 200, {'response': {'status': {'success': True, 'code': 200, 'message': 'Success'},
                                  'email': emails[0], 'emails': emails},
                     'requestId': C.hex_id(8)}

    # ---- capillary-message (001)
    def api_capillary_message(self, api, groups, query, doc):
        raw = C.cap_channel(query)
        ch = 'sms' if raw is None or not raw.strip() else raw.strip().lower()
        if ch not in C.CAP_CHANNELS:
            return self.cap_fail(api, 'Invalid channel: %s' % raw, 3001)
        key, list_key, item_key = C.CAP_CHANNELS[ch]
        lst = doc.get(key)
        if lst is None:
            return self.cap_fail(api, '%s is required for channel %s' % (key, ch), 3002)
        if not isinstance(lst, list):
            return self.cap_fail(api, '%s must be an array' % key, 3003)
        out, ok = [], 0
        for i, item in enumerate(lst):
            ptr = '/%s/%d' % (key, i)
            if not isinstance(item, dict):
                errs = [(ptr, 'expected object', 'type')]
            else:
                errs = C.check_obj(item, C.CAP_MSG_ITEMS[ch], ptr, POL, [])
                if ch == 'email':
                    errs += C.cap_attachment_rule(item, ptr)
            ok += not errs
            out.append({item_key: item,
                        'errors': [{'code': 400, 'message': '%s: %s' % (p, m)} for p, m, _ in errs],
                        'warnings': []})
        success = ok == len(lst)
        msg = 'Success' if success else '%d of %d items failed' % (len(lst) - ok, len(lst))
        return 200, {'status': C.cap_status(len(lst), ok, success, 200 if success else 400, msg),
                     list_key: out, 'channel': ch, 'requestId': C.hex_id(8)}

    # ---- whippy-email (002)
    def api_whippy_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.WHIPPY_BODY, '', POL, [])
        sender = [e for e in errs if e[2] == 'sender']
        if sender:
            return 422, self.error_body(api, 422, 'sender_email is not a valid email address', sender)
        if errs:
            return 400, self.error_body(api, 400, 'invalid request', errs)
        n = C.next_id()
        return 201, {'data': {
            'id': C.hex_id(8), 'contact_id': C.hex_id(8), 'conversation_id': C.hex_id(8),
            'delivery_status': 'scheduled' if doc.get('schedule_at') else 'queued',
            'status': (doc.get('status') or 'open').lower(), 'to': doc['to'], 'from': doc['from'],
            'sender_email': doc.get('sender_email') or None, 'created_at': now_iso(),
            'sequence': n}}

    # ---- genesys-email (003)
    def api_genesys_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.GENESYS_BODY, '', POL, [])
        if errs:
            return 400, {'statusCode': 1, 'message': 'invalid request', 'errors': C.err_list(errs)}
        return 202, {'statusCode': 0, 'id': groups[0], 'state': 'Sending',
                     'queueName': doc['queueName']}

    # ---- bigin-mail (004)
    def api_bigin_mail(self, api, groups, query, doc):
        module, record = groups
        canon = {m.lower(): m for m in C.BIGIN_MODULES}.get(module.lower())
        if canon is None:
            return 404, {'code': 'INVALID_MODULE', 'details': {'module_api_name': module},
                         'message': 'the module name given seems to be invalid', 'status': 'error'}
        if not record.strip():
            return 400, self.error_body(api, 400, 'record_id is required', [])
        data = doc.get('data')
        if not isinstance(data, list):
            return 400, {'code': 'MANDATORY_NOT_FOUND' if data is None else 'INVALID_DATA',
                         'details': {'api_name': 'data'}, 'message': 'data must be an array',
                         'status': 'error'}
        results, bad = [], 0
        for i, item in enumerate(data):
            errs = (C.check_obj(item, C.BIGIN_ITEM, '', POL, []) if isinstance(item, dict)
                    else [('', 'expected object', 'type')])
            if errs:
                bad += 1
                p, m, c = errs[0]
                results.append({'code': 'INVALID_DATA', 'reason': c,
                                'details': {'api_name': p.split('/')[1] if p else 'data',
                                            'json_path': '$.data[%d]%s' % (i, p.replace('/', '.'))},
                                'message': m, 'status': 'error'})
            else:
                sched = bool(item.get('scheduled_time'))
                results.append({'code': 'SUCCESS',
                                'details': {'message_id': C.hex_id(), 'record_id': record,
                                            'module': canon, 'scheduled': sched},
                                'message': 'Your mail has been %s successfully.' % (
                                    'scheduled' if sched else 'sent'),
                                'status': 'success'})
        if not bad:
            return 200, {'data': results}
        return (207 if bad < len(data) else 400), {'data': results}


if __name__ == '__main__':
    C.serve(Alt)
