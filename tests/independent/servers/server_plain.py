#!/usr/bin/env python3
"""server_plain: the lenient reading.

Keeps every fact the pages state; where they are silent it accepts: unknown
fields, null for optional fields (treated as absent), empty lists and strings,
any string for addresses (except whippy sender_email), past schedule times and
ISO 8601 date-times with or without an offset.  Rejections are 400 with a JSON
body (whippy sender_email: 422, as 002 line 90 states).
"""
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402


class PlainPolicy(C.Policy):
    def dt(self, s):
        return C.parse_iso8601(s)

    def addr(self, kind, s):
        if kind == 'sender':          # 002 line 90: invalid structure -> 422
            return bool(C.EMAIL_LOOSE.match(s))
        return True


POL = PlainPolicy()


def first_error(errs):
    p, m, _ = errs[0]
    return '%s: %s' % (p or '/', m)


class Plain(C.Handler):
    def error_body(self, api, status, message, errs):
        if api == 'capillary-email':
            return {'response': {'status': {'success': False, 'code': status, 'message': message}},
                    'errors': C.err_list(errs)}
        if api == 'capillary-message':
            return {'status': C.cap_status(0, 0, False, status, message), 'errors': C.err_list(errs)}
        if api == 'genesys-email':
            return {'statusCode': 1, 'statusMessage': message, 'errors': C.err_list(errs)}
        if api == 'bigin-mail':
            code = {401: 'INVALID_TOKEN'}.get(status, 'INVALID_DATA')
            if errs and errs[0][2] == 'required':
                code = 'MANDATORY_NOT_FOUND'
            det = {'json_path': '$' + errs[0][0].replace('/', '.')} if errs else {}
            return {'code': code, 'details': det, 'message': message, 'status': 'error'}
        return {'errors': [{'message': message}] + C.err_list(errs)}

    def reject(self, api, errs, status=400):
        return status, self.error_body(api, status, first_error(errs), errs)

    def handle_api(self, api, groups, query, doc):
        if not isinstance(doc, dict):
            return self.reject(api, [('', 'body must be a JSON object', 'type')])
        return getattr(self, 'api_' + api.replace('-', '_'))(api, groups, query, doc)

    # ---- capillary-email (000): no field is marked required
    def api_capillary_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.CAP_EMAIL_BODY, '', POL, [])
        if errs:
            return self.reject(api, errs)
        items = doc.get('email') or []
        it = items[0] if items else {}
        sched = C.parse_iso8601(it.get('scheduledTime')) if it.get('scheduledTime') else None
        when = sched or dt.datetime.now(C.UTC).replace(microsecond=0)
        email = {'id': C.next_id(), 'to': it.get('to') or '', 'cc': it.get('cc') or '',
                 'bcc': it.get('bcc') or '', 'status': 'SCHEDULED' if sched else 'SENT',
                 'subject': it.get('subject') or '', 'description': it.get('body') or '',
                 'scheduledTime': C.fmt_cap_time(when)}
        return 200, {'response': {'status': {'success': True, 'code': 200, 'message': 'Success'},
                                  'email': email}}

    # ---- capillary-message (001)
    def api_capillary_message(self, api, groups, query, doc):
        raw = C.cap_channel(query)
        ch = 'sms' if raw in (None, '') else raw.lower()
        if ch not in C.CAP_CHANNELS:
            return self.reject(api, [('?channel', 'channel must be sms, whatsapp, email or zalo',
                                      'enum')])
        key, list_key, item_key = C.CAP_CHANNELS[ch]
        if key not in doc or doc[key] is None:
            return self.reject(api, [('/' + key, 'required field is missing', 'required')])
        lst = doc[key]
        if not isinstance(lst, list):
            return self.reject(api, [('/' + key, 'expected array', 'type')])
        out, all_errs = [], []
        for i, item in enumerate(lst):
            ptr = '/%s/%d' % (key, i)
            if not isinstance(item, dict):
                errs = [(ptr, 'expected object', 'type')]
            else:
                errs = C.check_obj(item, C.CAP_MSG_ITEMS[ch], ptr, POL, [])
                if ch == 'email':
                    errs += C.cap_attachment_rule(item, ptr)
            all_errs += errs
            out.append({item_key: item, 'errors': C.err_list(errs), 'warnings': []})
        if all_errs:
            body = {'status': C.cap_status(len(lst), len(lst) - len({e[0].split('/')[2] for e in all_errs}),
                                           False, 400, first_error(all_errs)),
                    list_key: out}
            return 400, body
        return 200, {'status': C.cap_status(len(lst), len(lst), True), list_key: out}

    # ---- whippy-email (002)
    def api_whippy_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.WHIPPY_BODY, '', POL, [])
        sender = [e for e in errs if e[2] == 'sender']
        if sender:
            return self.reject(api, sender, 422)
        if errs:
            return self.reject(api, errs)
        n = C.next_id()
        return 200, {'data': {'id': 'msg_%d' % n, 'contact_id': 'ct_%d' % n,
                              'conversation_id': 'cv_%d' % n, 'delivery_status': 'queued',
                              'to': doc['to'], 'from': doc['from']}}

    # ---- genesys-email (003)
    def api_genesys_email(self, api, groups, query, doc):
        errs = C.check_obj(doc, C.GENESYS_BODY, '', POL, [])
        if errs:
            return self.reject(api, errs)
        return 200, {'statusCode': 0}

    # ---- bigin-mail (004)
    def api_bigin_mail(self, api, groups, query, doc):
        module, record = groups
        if module not in C.BIGIN_MODULES:
            return 400, {'code': 'INVALID_MODULE', 'details': {'resource_path_index': 0},
                         'message': 'the module name given seems to be invalid', 'status': 'error'}
        if not record.strip():
            return self.reject(api, [('{record_id}', 'record_id is required', 'required')])
        if 'data' not in doc or doc['data'] is None:
            return self.reject(api, [('/data', 'required field is missing', 'required')])
        data = doc['data']
        if not isinstance(data, list):
            return self.reject(api, [('/data', 'expected array', 'type')])
        errs = []
        for i, item in enumerate(data):
            ptr = '/data/%d' % i
            if not isinstance(item, dict):
                errs.append((ptr, 'expected object', 'type'))
            else:
                C.check_obj(item, C.BIGIN_ITEM, ptr, POL, errs)
        if errs:
            return self.reject(api, errs)
        res = []
        for item in data:
            sched = bool(item.get('scheduled_time'))
            res.append({'code': 'SUCCESS', 'details': {'message_id': C.hex_id()},
                        'message': 'Your mail has been %s successfully.' % (
                            'scheduled' if sched else 'sent'),
                        'status': 'success'})
        return 200, {'data': res}


if __name__ == '__main__':
    C.serve(Plain)
