// Independent implementation of five vendor send APIs, written from the vendor pages only.
// Run: java Server.java --port N   (JDK only; --port 0 picks a free port)
import com.sun.net.httpserver.*;
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.regex.*;

public class Server {
    // ---------------------------------------------------------------- JSON
    static final Object NULL = new Object() { public String toString() { return "null"; } };

    static final class JsonErr extends Exception { JsonErr(String m) { super(m); } }

    static final class Parser {
        final String s; int i = 0, depth = 0;
        Parser(String s) { this.s = s; }
        static Object parse(String s) throws JsonErr {
            Parser p = new Parser(s); p.ws(); Object v = p.value(); p.ws();
            if (p.i != s.length()) throw new JsonErr("trailing content at " + p.i);
            return v;
        }
        void ws() { while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++; }
        char peek() throws JsonErr { if (i >= s.length()) throw new JsonErr("unexpected end"); return s.charAt(i); }
        Object value() throws JsonErr {
            char c = peek();
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (c == '-' || (c >= '0' && c <= '9')) return number();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return NULL; }
            throw new JsonErr("unexpected character at " + i);
        }
        Map<String, Object> object() throws JsonErr {
            if (++depth > 64) throw new JsonErr("nesting too deep");
            Map<String, Object> m = new LinkedHashMap<>(); i++; ws();
            if (peek() == '}') { i++; depth--; return m; }
            while (true) {
                ws(); if (peek() != '"') throw new JsonErr("expected member name at " + i);
                String k = string(); ws();
                if (peek() != ':') throw new JsonErr("expected ':' at " + i);
                i++; ws();
                if (m.containsKey(k)) throw new JsonErr("duplicate member \"" + k + "\"");
                m.put(k, value()); ws();
                char c = peek(); i++;
                if (c == '}') { depth--; return m; }
                if (c != ',') throw new JsonErr("expected ',' or '}' at " + (i - 1));
            }
        }
        List<Object> array() throws JsonErr {
            if (++depth > 64) throw new JsonErr("nesting too deep");
            List<Object> l = new ArrayList<>(); i++; ws();
            if (peek() == ']') { i++; depth--; return l; }
            while (true) {
                ws(); l.add(value()); ws();
                char c = peek(); i++;
                if (c == ']') { depth--; return l; }
                if (c != ',') throw new JsonErr("expected ',' or ']' at " + (i - 1));
            }
        }
        String string() throws JsonErr {
            StringBuilder b = new StringBuilder(); i++;
            while (true) {
                char c = peek(); i++;
                if (c == '"') return b.toString();
                if (c < 0x20) throw new JsonErr("raw control character in string at " + (i - 1));
                if (c != '\\') { b.append(c); continue; }
                char e = peek(); i++;
                switch (e) {
                    case '"': b.append('"'); break; case '\\': b.append('\\'); break; case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break; case 'f': b.append('\f'); break; case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break; case 't': b.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw new JsonErr("bad \\u escape");
                        try { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); } catch (NumberFormatException x) { throw new JsonErr("bad \\u escape"); }
                        i += 4; break;
                    default: throw new JsonErr("bad escape at " + (i - 1));
                }
            }
        }
        Object number() throws JsonErr {
            Matcher m = NUM.matcher(s).region(i, s.length());
            if (!m.lookingAt()) throw new JsonErr("bad number at " + i);
            String t = m.group(); i = m.end();
            if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
                try { return Long.parseLong(t); } catch (NumberFormatException x) { return new java.math.BigDecimal(t); }
            }
            return new java.math.BigDecimal(t);
        }
        static final Pattern NUM = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }

    static String dump(Object v) { StringBuilder b = new StringBuilder(); dump(v, b); return b.toString(); }
    @SuppressWarnings("unchecked")
    static void dump(Object v, StringBuilder b) {
        if (v == null || v == NULL) b.append("null");
        else if (v instanceof String) {
            String s = (String) v; b.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '"': b.append("\\\""); break; case '\\': b.append("\\\\"); break;
                    case '\n': b.append("\\n"); break; case '\r': b.append("\\r"); break; case '\t': b.append("\\t"); break;
                    default:
                        if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
                        else b.append(c);
                }
            }
            b.append('"');
        } else if (v instanceof Map) {
            b.append('{'); boolean f = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                if (!f) b.append(','); f = false; dump(e.getKey(), b); b.append(':'); dump(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof List) {
            b.append('['); boolean f = true;
            for (Object o : (List<Object>) v) { if (!f) b.append(','); f = false; dump(o, b); }
            b.append(']');
        } else b.append(v.toString());
    }

    static Map<String, Object> M(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
        return m;
    }

    // ---------------------------------------------------------------- validation helpers
    static final class Bad extends Exception {
        final int status; final String ptr;
        Bad(int status, String ptr, String msg) { super(msg); this.status = status; this.ptr = ptr; }
    }
    static Bad bad(String p, String msg) { return new Bad(400, p, msg); }

    static final int TEXT = 0, BODY = 1, DATA = 2;

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object v, String p) throws Bad {
        if (!(v instanceof Map)) throw bad(p, "must be an object");
        return (Map<String, Object>) v;
    }
    @SuppressWarnings("unchecked")
    static List<Object> arr(Object v, String p, int min, int max) throws Bad {
        if (!(v instanceof List)) throw bad(p, "must be an array");
        List<Object> l = (List<Object>) v;
        if (l.size() < min) throw bad(p, "must have at least " + min + " entries");
        if (l.size() > max) throw bad(p, "must have at most " + max + " entries");
        return l;
    }
    static String str(Object v, String p, int kind) throws Bad {
        if (!(v instanceof String)) throw bad(p, "must be a string");
        String s = (String) v;
        int max = kind == TEXT ? 2000 : 2_000_000;
        if (s.length() > max) throw bad(p, "longer than " + max + " characters");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean ws = c == '\n' || c == '\r' || c == '\t';
            if ((c < 0x20 && !(kind == BODY && ws)) || (c >= 0x7f && c <= 0x9f))
                throw bad(p, "contains a control character");
            if (Character.isHighSurrogate(c)) {
                if (k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) { k++; continue; }
                throw bad(p, "contains an unpaired surrogate");
            }
            if (Character.isLowSurrogate(c)) throw bad(p, "contains an unpaired surrogate");
        }
        return s;
    }
    static boolean bool(Object v, String p) throws Bad {
        if (!(v instanceof Boolean)) throw bad(p, "must be a boolean");
        return (Boolean) v;
    }
    static void only(Map<String, Object> m, String p, String... keys) throws Bad {
        Set<String> ok = new HashSet<>(Arrays.asList(keys));
        for (String k : m.keySet()) if (!ok.contains(k)) throw bad(p + "/" + k, "unknown member");
    }
    /** Required member: absent or null is refused. */
    static Object req(Map<String, Object> m, String k, String p) throws Bad {
        if (!m.containsKey(k)) throw bad(p + "/" + k, "is required");
        if (m.get(k) == NULL) throw bad(p + "/" + k, "must not be null");
        return m.get(k);
    }
    /** Optional member: absent gives null; an explicit JSON null is refused (our choice). */
    static Object opt(Map<String, Object> m, String k, String p) throws Bad {
        if (!m.containsKey(k)) return null;
        if (m.get(k) == NULL) throw bad(p + "/" + k, "must not be null (omit it instead)");
        return m.get(k);
    }

    static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    static boolean isEmail(String s, boolean needDot) {
        if (s.length() > 254) return false;
        int at = s.lastIndexOf('@');
        if (at <= 0 || at > 64 || at == s.length() - 1) return false;
        if (!LOCAL.matcher(s.substring(0, at)).matches()) return false;
        String[] labels = s.substring(at + 1).split("\\.", -1);
        for (String l : labels) if (!LABEL.matcher(l).matches()) return false;
        if (needDot) {
            if (labels.length < 2) return false;
            if (!labels[labels.length - 1].matches("[A-Za-z]{2,63}")) return false;
        }
        return true;
    }
    static String email(Object v, String p, boolean needDot) throws Bad {
        String s = str(v, p, TEXT);
        if (!isEmail(s, needDot)) throw bad(p, "not a valid email address");
        return s;
    }

    static final Pattern DT = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?(Z|[+-](\\d{2}):(\\d{2}))");
    /** ISO 8601 date-time with an explicit offset; it must lie in the future (our choice). */
    static OffsetDateTime dateTime(Object v, String p) throws Bad {
        String s = str(v, p, TEXT);
        Matcher m = DT.matcher(s);
        if (!m.matches()) throw bad(p, "not an ISO 8601 date-time with offset");
        if (m.group(9) != null && (Integer.parseInt(m.group(9)) > 14 || Integer.parseInt(m.group(10)) > 59))
            throw bad(p, "offset out of range");
        OffsetDateTime t;
        try { t = OffsetDateTime.parse(s); } catch (DateTimeException x) { throw bad(p, "not a valid date-time"); }
        if (!t.toInstant().isAfter(Instant.now())) throw bad(p, "scheduled time is not in the future");
        return t;
    }
    static final Pattern PHONE = Pattern.compile("\\+?[0-9]{7,15}");
    static String phone(Object v, String p) throws Bad {
        String s = str(v, p, TEXT);
        if (!PHONE.matcher(s).matches()) throw bad(p, "not a phone number (ASCII digits, optional leading +, 7-15 digits)");
        return s;
    }
    static void noDup(Set<String> seen, String v, String p) throws Bad {
        if (!seen.add(v.toLowerCase(Locale.ROOT))) throw bad(p, "duplicate recipient");
    }

    // ---------------------------------------------------------------- HTTP plumbing
    static final class Req {
        HttpExchange ex; String method, path, query; byte[] raw;
        String header(String n) { return ex.getRequestHeaders().getFirst(n); }
    }
    static final class Resp {
        int status; Object body; Map<String, String> headers = new LinkedHashMap<>();
        Resp(int status, Object body) { this.status = status; this.body = body; }
        Resp h(String k, String v) { headers.put(k, v); return this; }
    }
    static final Random RNG = new Random();
    static String hex(int n) { StringBuilder b = new StringBuilder(); while (b.length() < n) b.append(Integer.toHexString(RNG.nextInt(16))); return b.toString(); }

    static Object parseBody(Req r, boolean allowForm) throws Bad {
        String ct = r.header("Content-Type");
        if (ct != null) {
            String c = ct.toLowerCase(Locale.ROOT);
            if (!c.contains("json") && !(allowForm && c.startsWith("application/x-www-form-urlencoded")))
                throw new Bad(415, "", "Content-Type must be application/json");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(r.raw)).toString();
        } catch (java.nio.charset.CharacterCodingException x) { throw bad("", "body is not valid UTF-8"); }
        if (text.startsWith("\uFEFF")) throw bad("", "byte order mark not allowed");
        try { return Parser.parse(text); } catch (JsonErr e) { throw bad("", "invalid JSON: " + e.getMessage()); }
    }

    static boolean basicOk(String a) {
        if (a == null || !a.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        try {
            String d = new String(Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8);
            return d.indexOf(':') >= 0;
        } catch (IllegalArgumentException x) { return false; }
    }
    static boolean bearerOk(String a) { return a != null && a.matches("(?i)Bearer [A-Za-z0-9._~+/=-]+"); }

    // ---------------------------------------------------------------- Capillary
    static Map<String, Object> capStatus(boolean ok, int code, String msg, int count, int succ) {
        return M("success", ok, "code", code, "message", msg, "count", count, "successCount", succ,
                "statusCode", M("status", ok, "message", msg, "code", code),
                "warnings", new ArrayList<>(), "warningsAsStatusCode", new ArrayList<>());
    }
    static Resp capAuth(Req r) {
        String a = r.header("Authorization");
        if (basicOk(a) || bearerOk(a)) return null;
        return new Resp(401, M("status", capStatus(false, 401, "Unauthorized: Basic or OAuth credentials required", 0, 0)))
                .h("WWW-Authenticate", "Basic realm=\"capillary\"");
    }
    static final Pattern FTYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+/-]{0,126}");
    static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/\\r\\n]*={0,2}");
    static void capAttachments(Object v, String p, boolean snake) throws Bad {
        Map<String, Object> a = obj(v, p);
        only(a, p, "attachment");
        List<Object> l = arr(req(a, "attachment", p), p + "/attachment", 1, 20);
        String fn = snake ? "file_name" : "fileName", ft = snake ? "file_type" : "fileType",
               fd = snake ? "file_data" : "fileData", fe = snake ? "file_encoding_type" : "fileEncodingType";
        for (int k = 0; k < l.size(); k++) {
            String q = p + "/attachment/" + k;
            Map<String, Object> at = obj(l.get(k), q);
            only(at, q, fn, ft, fd, fe);
            String name = str(req(at, fn, q), q + "/" + fn, TEXT);
            if (name.isEmpty() || name.contains("/") || name.contains("\\")) throw bad(q + "/" + fn, "not a plain file name");
            String type = null;
            Object t = opt(at, ft, q);
            if (t != null && !FTYPE.matcher(type = str(t, q + "/" + ft, TEXT)).matches()) throw bad(q + "/" + ft, "not a file format");
            String data = str(req(at, fd, q), q + "/" + fd, DATA);
            Object e = opt(at, fe, q);
            String enc = e == null ? null : str(e, q + "/" + fe, TEXT);
            if (enc != null && !enc.equalsIgnoreCase("base64")) throw bad(q + "/" + fe, "only base64 is supported");
            // 001: the encoding type is required for base64 encoded image formats (JPG, PNG, JPEG, GIF).
            if (snake && type != null && enc == null && type.toLowerCase(Locale.ROOT).matches("(image/)?(jpg|jpeg|png|gif)"))
                throw bad(q + "/" + fe, "required for JPG, PNG, JPEG and GIF attachments");
            if (enc != null && !B64.matcher(data).matches()) throw bad(q + "/" + fd, "not base64 data");
        }
    }
    static void addrList(Object v, String p, boolean single, boolean allowEmpty) throws Bad {
        String s = str(v, p, TEXT);
        if (s.isEmpty()) { if (allowEmpty) return; throw bad(p, "must not be empty"); }
        String[] parts = single ? new String[]{s} : s.split(",", -1);
        Set<String> seen = new HashSet<>();
        for (String part : parts) {
            String x = part.trim();
            if (!isEmail(x, false)) throw bad(p, "not a valid email address" + (single ? " (one address only)" : ""));
            noDup(seen, x, p);
        }
    }
    /** One Capillary email item; req001 = the sendMessage rules (required fields, snake_case attachments). */
    static void capEmailItem(Map<String, Object> it, String p, boolean req001) throws Bad {
        only(it, p, "to", "cc", "bcc", "from", "subject", "body", "attachments", "scheduledTime");
        Object to = req001 ? req(it, "to", p) : opt(it, "to", p);
        if (to != null) addrList(to, p + "/to", true, false);
        Object cc = opt(it, "cc", p); if (cc != null) addrList(cc, p + "/cc", false, true);
        Object bcc = opt(it, "bcc", p); if (bcc != null) addrList(bcc, p + "/bcc", false, true);
        Object from = req001 ? req(it, "from", p) : opt(it, "from", p);
        if (from != null) email(from, p + "/from", true);
        Object subj = req001 ? req(it, "subject", p) : opt(it, "subject", p);
        if (subj != null) str(subj, p + "/subject", TEXT);
        Object body = req001 ? req(it, "body", p) : opt(it, "body", p);
        if (body != null) str(body, p + "/body", BODY);
        Object at = opt(it, "attachments", p); if (at != null) capAttachments(at, p + "/attachments", req001);
        Object st = opt(it, "scheduledTime", p); if (st != null) dateTime(st, p + "/scheduledTime");
    }

    static final String[][] CHANNELS = { // channel, request list, response list, response item key
        {"sms", "sms", "smsList", "sms"}, {"email", "email", "emails", "email"},
        {"whatsapp", "whatsappMessage", "whatsapp", "whatsappMessage"}, {"zalo", "zaloMessage", "zalo", "zaloMessage"}};

    static Resp capillaryMessage(Req r) throws Bad {
        Resp a = capAuth(r); if (a != null) return a;
        String channel = "sms"; boolean seenChannel = false;
        if (r.query != null && !r.query.isEmpty()) {
            for (String kv : r.query.split("&", -1)) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                if (!k.equals("channel")) throw bad("", "unknown query parameter " + k);
                if (seenChannel) throw bad("", "channel given twice");
                seenChannel = true; channel = v.toLowerCase(Locale.ROOT);
            }
        }
        String[] ch = null;
        for (String[] c : CHANNELS) if (c[0].equals(channel)) ch = c;
        if (ch == null) throw bad("", "channel must be one of sms, whatsapp, email, zalo");
        Map<String, Object> root = obj(parseBody(r, false), "");
        only(root, "", ch[1]);
        List<Object> items = arr(req(root, ch[1], ""), "/" + ch[1], 1, 100);
        List<Object> out = new ArrayList<>();
        Set<String> recipients = new HashSet<>();
        int okCount = 0;
        for (int k = 0; k < items.size(); k++) {
            String p = "/" + ch[1] + "/" + k;
            List<Object> errors = new ArrayList<>();
            Object echo = items.get(k);
            try {
                Map<String, Object> it = obj(items.get(k), p);
                Map<String, Object> e = new LinkedHashMap<>(it);
                switch (ch[0]) {
                    case "sms": {
                        only(it, p, "to", "body", "scheduledTime", "sender");
                        noDup(recipients, phone(req(it, "to", p), p + "/to"), p + "/to");
                        str(req(it, "body", p), p + "/body", BODY);
                        Object st = opt(it, "scheduledTime", p); if (st != null) dateTime(st, p + "/scheduledTime");
                        Object snd = opt(it, "sender", p);
                        if (snd != null) {
                            String s = str(snd, p + "/sender", TEXT);
                            if (s.length() > 11) throw bad(p + "/sender", "sender ID longer than 11 characters");
                        } else e.put("sender", "");
                        break;
                    }
                    case "email":
                        capEmailItem(it, p, true);
                        noDup(recipients, (String) it.get("to"), p + "/to");
                        break;
                    default: {
                        only(it, p, "receiver", "template", "scheduledTime");
                        noDup(recipients, phone(req(it, "receiver", p), p + "/receiver"), p + "/receiver");
                        str(req(it, "template", p), p + "/template", BODY);
                        Object st = opt(it, "scheduledTime", p); if (st != null) dateTime(st, p + "/scheduledTime");
                    }
                }
                echo = e; okCount++;
            } catch (Bad b) {
                errors.add(M("code", 8001, "message", b.getMessage(), "field", b.ptr));
            }
            out.add(M(ch[3], echo, "errors", errors, "warnings", new ArrayList<>()));
        }
        boolean ok = okCount == items.size();
        Map<String, Object> body = M("status", ok ? capStatus(true, 200, "Success", items.size(), okCount)
                : capStatus(false, 400, "Failed: see item errors", items.size(), okCount), ch[2], out);
        body.put("requestId", hex(16));
        return new Resp(200, body); // per-item problems are reported in a 200 with success=false
    }

    static Resp capillaryEmail(Req r) throws Bad {
        Resp a = capAuth(r); if (a != null) return a;
        Map<String, Object> root = obj(parseBody(r, false), "");
        only(root, "", "email");
        List<Object> items = arr(req(root, "email", ""), "/email", 1, 100);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < items.size(); k++) {
            Map<String, Object> it = obj(items.get(k), "/email/" + k);
            capEmailItem(it, "/email/" + k, false);
            if (it.get("to") instanceof String) noDup(seen, (String) it.get("to"), "/email/" + k + "/to");
        }
        Map<String, Object> first = obj(items.get(0), "/email/0");
        java.time.format.DateTimeFormatter F = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        String when;
        if (first.get("scheduledTime") instanceof String) {
            OffsetDateTime t = OffsetDateTime.parse((String) first.get("scheduledTime"));
            when = t.format(F) + "::" + (t.getOffset().getTotalSeconds() == 0 ? "UTC" : t.getOffset().getId());
        } else when = LocalDateTime.now(ZoneOffset.UTC).format(F) + "::UTC";
        Map<String, Object> em = M("id", Math.abs(RNG.nextLong() % 1_000_000_000L),
                "to", first.getOrDefault("to", ""), "cc", first.getOrDefault("cc", ""), "bcc", first.getOrDefault("bcc", ""),
                "status", first.containsKey("scheduledTime") ? "SCHEDULED" : "QUEUED",
                "subject", first.getOrDefault("subject", ""), "description", first.getOrDefault("body", ""),
                "scheduledTime", when);
        return new Resp(200, M("response", M("status", M("success", true, "code", 200, "message", "Success"),
                "email", em, "queuedCount", items.size())));
    }

    // ---------------------------------------------------------------- Whippy
    static final Set<String> WHIPPY_STATUS = Set.of("open", "closed", "automated");
    static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static Resp whippy(Req r) throws Bad {
        String key = r.header("X-WHIPPY-KEY");
        if (key == null || key.isBlank()) return new Resp(401, M("errors", List.of(M("message", "missing X-WHIPPY-KEY"))));
        Map<String, Object> m = obj(parseBody(r, false), "");
        // sender_email first: "" or null means absent, any other malformed address is exactly 422.
        Object se = m.get("sender_email");
        if (se != null && se != NULL) {
            if (!(se instanceof String)) throw bad("/sender_email", "must be a string");
            String s = (String) se;
            if (!s.isEmpty()) {
                boolean ok;
                try { str(s, "/sender_email", TEXT); ok = isEmail(s, true); } catch (Bad b) { ok = false; }
                if (!ok) throw new Bad(422, "/sender_email", "invalid email address structure");
            }
        }
        only(m, "", "to", "from", "body", "subject", "cc", "bcc", "attachments", "status", "opt_in_to",
                "opt_in_to_all_channels", "reply_to", "schedule_at", "sender_email", "sender_name");
        String to = email(req(m, "to", ""), "/to", true);
        String from = str(req(m, "from", ""), "/from", TEXT);
        if (!isEmail(from, true) && !CHANNEL_ID.matcher(from).matches()) throw bad("/from", "neither a channel email address nor a channel ID");
        Object body = opt(m, "body", ""); if (body != null) str(body, "/body", BODY);
        Object subj = opt(m, "subject", ""); if (subj != null) str(subj, "/subject", TEXT);
        for (String f : new String[]{"cc", "bcc"}) {
            Object v = opt(m, f, "");
            if (v == null) continue;
            List<Object> l = arr(v, "/" + f, 1, 50);
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < l.size(); k++) noDup(seen, email(l.get(k), "/" + f + "/" + k, true), "/" + f + "/" + k);
        }
        Object att = opt(m, "attachments", "");
        int attachments = 0;
        if (att != null) {
            List<Object> l = arr(att, "/attachments", 1, 20);
            for (int k = 0; k < l.size(); k++) {
                String u = str(l.get(k), "/attachments/" + k, TEXT);
                try {
                    URI uri = new URI(u);
                    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) throw new URISyntaxException(u, "not https");
                } catch (URISyntaxException x) { throw bad("/attachments/" + k, "must be an https URL"); }
            }
            attachments = l.size();
        }
        if (body == null && subj == null && attachments == 0) throw bad("", "an email needs a body, a subject or attachments");
        Object st = opt(m, "status", "");
        String status = st == null ? "open" : str(st, "/status", TEXT);
        if (!WHIPPY_STATUS.contains(status)) throw bad("/status", "must be one of open, closed, automated");
        Object oi = opt(m, "opt_in_to", "");
        if (oi != null) {
            List<Object> l = arr(oi, "/opt_in_to", 1, 50);
            for (int k = 0; k < l.size(); k++) if (obj(l.get(k), "/opt_in_to/" + k).isEmpty()) throw bad("/opt_in_to/" + k, "must not be empty");
        }
        Object all = opt(m, "opt_in_to_all_channels", ""); if (all != null) bool(all, "/opt_in_to_all_channels");
        Object rt = opt(m, "reply_to", "");
        if (rt != null && email(rt, "/reply_to", true).equalsIgnoreCase(to)) throw bad("/reply_to", "must differ from to");
        Object sa = opt(m, "schedule_at", ""); if (sa != null) dateTime(sa, "/schedule_at");
        Object sn = opt(m, "sender_name", ""); if (sn != null) str(sn, "/sender_name", TEXT);
        return new Resp(202, M("data", M("id", UUID.randomUUID().toString(), "contact_id", UUID.randomUUID().toString(),
                "conversation_id", UUID.randomUUID().toString(), "delivery_status", sa != null ? "scheduled" : "queued",
                "to", to, "from", from, "conversation_status", status)));
    }

    // ---------------------------------------------------------------- Genesys
    static final Pattern DISPLAY = Pattern.compile("[^<>\"]*<([^<>]+)>");
    static String genAddr(Object v, String p) throws Bad {
        String s = str(v, p, TEXT).trim();
        Matcher d = DISPLAY.matcher(s);
        String a = d.matches() ? d.group(1).trim() : s;
        if (!isEmail(a, false)) throw bad(p, "not a valid email address"); // dotless domains allowed (page samples)
        return a;
    }
    static void genList(Object v, String p, boolean required) throws Bad {
        Set<String> seen = new HashSet<>();
        if (v instanceof String && !required) { // cc/bcc: documented as comma-delimited strings
            for (String part : ((String) v).split(",", -1)) noDup(seen, genAddr(part, p), p);
            return;
        }
        List<Object> l = arr(v, p, 1, 50);
        for (int k = 0; k < l.size(); k++) noDup(seen, genAddr(l.get(k), p + "/" + k), p + "/" + k);
    }
    static Resp genesys(Req r, String id) throws Bad {
        if (!basicOk(r.header("Authorization")))
            return new Resp(401, M("statusCode", 1, "statusMessage", "Unauthorized")).h("WWW-Authenticate", "Basic realm=\"gws\"");
        Map<String, Object> m = obj(parseBody(r, false), "");
        only(m, "", "operationName", "queueName", "email", "saveLAR");
        Object op = req(m, "operationName", "");
        if (!"Send".equals(op)) throw bad("/operationName", "must be \"Send\"");
        String q = str(req(m, "queueName", ""), "/queueName", TEXT);
        if (q.isBlank()) throw bad("/queueName", "must not be blank");
        Object lar = opt(m, "saveLAR", ""); if (lar != null) bool(lar, "/saveLAR");
        Map<String, Object> e = obj(req(m, "email", ""), "/email");
        only(e, "/email", "subject", "bodyAsPlainText", "body", "mime", "to", "from", "cc", "bcc");
        genList(req(e, "to", "/email"), "/email/to", true);
        genAddr(req(e, "from", "/email"), "/email/from");
        Object s = opt(e, "subject", "/email"); if (s != null) str(s, "/email/subject", TEXT);
        for (String f : new String[]{"body", "bodyAsPlainText", "mime"}) {
            Object v = opt(e, f, "/email"); if (v != null) str(v, "/email/" + f, BODY);
        }
        for (String f : new String[]{"cc", "bcc"}) {
            Object v = opt(e, f, "/email"); if (v != null) genList(v, "/email/" + f, false);
        }
        return new Resp(200, M("statusCode", 0, "emailId", id));
    }

    // ---------------------------------------------------------------- Bigin
    static final Set<String> MODULES = Set.of("Contacts", "Pipelines", "Accounts");
    static Map<String, Object> zerr(String code, String msg, String ptr) {
        return M("data", List.of(M("code", code, "details", M("json_path", "$" + ptr.replace('/', '.')), "message", msg, "status", "error")));
    }
    static String biginAddr(Object v, String p) throws Bad {
        Map<String, Object> a = obj(v, p);
        only(a, p, "user_name", "email");
        Object n = opt(a, "user_name", p); if (n != null) str(n, p + "/user_name", TEXT);
        return email(req(a, "email", p), p + "/email", true);
    }
    static Resp bigin(Req r, String module, String record) throws Bad {
        String a = r.header("Authorization");
        if (a == null || !a.matches("Zoho-oauthtoken \\S+"))
            return new Resp(401, M("code", "AUTHENTICATION_FAILURE", "details", M(), "message", "Authentication failed", "status", "error"));
        if (!MODULES.contains(module)) return new Resp(404, zerr("INVALID_MODULE", "module must be Contacts, Pipelines or Accounts", "/module_api_name"));
        if (!record.matches("[0-9]{1,19}")) return new Resp(404, zerr("INVALID_URL_PATTERN", "record_id must be digits", "/record_id"));
        Map<String, Object> root = obj(parseBody(r, true), "");
        only(root, "", "data");
        List<Object> data = arr(req(root, "data", ""), "/data", 1, 10);
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < data.size(); k++) {
            String p = "/data/" + k;
            Map<String, Object> it = obj(data.get(k), p);
            only(it, p, "from", "to", "cc", "bcc", "reply_to", "org_email", "scheduled_time", "subject", "content", "mail_format", "attachments");
            biginAddr(req(it, "from", p), p + "/from");
            Set<String> seen = new HashSet<>();
            List<Object> to = arr(req(it, "to", p), p + "/to", 1, 20);
            for (int j = 0; j < to.size(); j++) noDup(seen, biginAddr(to.get(j), p + "/to/" + j), p + "/to/" + j);
            for (String f : new String[]{"cc", "bcc"}) {
                Object v = opt(it, f, p);
                if (v == null) continue;
                List<Object> l = arr(v, p + "/" + f, 1, 20);
                for (int j = 0; j < l.size(); j++) noDup(seen, biginAddr(l.get(j), p + "/" + f + "/" + j), p + "/" + f + "/" + j);
            }
            Object rt = opt(it, "reply_to", p); if (rt != null) biginAddr(rt, p + "/reply_to");
            Object oe = opt(it, "org_email", p); if (oe != null) bool(oe, p + "/org_email");
            Object st = opt(it, "scheduled_time", p); if (st != null) dateTime(st, p + "/scheduled_time");
            Object su = opt(it, "subject", p); if (su != null) str(su, p + "/subject", TEXT);
            Object co = opt(it, "content", p); if (co != null) str(co, p + "/content", BODY);
            Object mf = opt(it, "mail_format", p);
            if (mf != null && !Set.of("html", "text").contains(str(mf, p + "/mail_format", TEXT))) throw bad(p + "/mail_format", "must be html or text");
            Object at = opt(it, "attachments", p);
            if (at != null) {
                List<Object> l = arr(at, p + "/attachments", 1, 10);
                for (int j = 0; j < l.size(); j++) {
                    String q = p + "/attachments/" + j;
                    Map<String, Object> o = obj(l.get(j), q);
                    only(o, q, "id");
                    if (!str(req(o, "id", q), q + "/id", TEXT).matches("[A-Za-z0-9]{1,256}")) throw bad(q + "/id", "not an attachment id");
                }
            }
            out.add(M("code", "SUCCESS", "details", M("message_id", hex(64), "record_id", record),
                    "message", st != null ? "Your mail has been scheduled successfully." : "Your mail has been sent successfully.",
                    "status", "success"));
        }
        return new Resp(200, M("data", out));
    }

    // ---------------------------------------------------------------- routing
    static final Pattern GEN = Pattern.compile("/api/v2/me/emails/([^/]+)");
    static final Pattern BIG = Pattern.compile("/bigin/v2/([^/]+)/([^/]+)/actions/send_mail");

    static Resp route(Req r) {
        String api = null;
        try {
            Matcher g = GEN.matcher(r.path), b = BIG.matcher(r.path);
            boolean known = r.path.equals("/v2/communications/sendMessage") || r.path.equals("/v2/communications/email")
                    || r.path.equals("/v1/messaging/email") || g.matches() || b.matches();
            if (!known) return new Resp(404, M("error", "not found"));
            if (!r.method.equals("POST")) return new Resp(405, M("error", "method not allowed")).h("Allow", "POST");
            if (r.raw.length > 1_048_576) return new Resp(413, M("error", "request body larger than 1 MiB"));
            switch (r.path) {
                case "/v2/communications/sendMessage": api = "capm"; return capillaryMessage(r);
                case "/v2/communications/email": api = "cape"; return capillaryEmail(r);
                case "/v1/messaging/email": api = "whippy"; return whippy(r);
            }
            if (g.matches()) {
                api = "genesys";
                String id = URLDecoder.decode(g.group(1), StandardCharsets.UTF_8);
                if (!id.matches("[A-Za-z0-9]{1,64}")) return new Resp(404, M("statusCode", 3, "statusMessage", "unknown email id"));
                return genesys(r, id);
            }
            api = "bigin";
            return bigin(r, URLDecoder.decode(b.group(1), StandardCharsets.UTF_8), URLDecoder.decode(b.group(2), StandardCharsets.UTF_8));
        } catch (Bad x) {
            Object body;
            if ("capm".equals(api)) body = M("status", capStatus(false, x.status, x.getMessage(), 0, 0), "field", x.ptr);
            else if ("cape".equals(api)) body = M("response", M("status", M("success", false, "code", x.status, "message", x.getMessage() + " at " + x.ptr)));
            else if ("genesys".equals(api)) body = M("statusCode", 2, "statusMessage", x.getMessage() + " at " + x.ptr);
            else if ("bigin".equals(api)) body = zerr("INVALID_DATA", x.getMessage(), x.ptr);
            else body = M("errors", List.of(M("field", x.ptr, "message", x.getMessage())));
            return new Resp(x.status, body);
        } catch (RuntimeException x) {
            return new Resp(400, M("error", "could not process request: " + x.getClass().getSimpleName()));
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        for (int k = 0; k < args.length; k++) if (args[k].equals("--port") && k + 1 < args.length) port = Integer.parseInt(args[++k]);
        HttpServer srv = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1024);
        srv.createContext("/", ex -> {
            try (ex) {
                Req r = new Req();
                r.ex = ex; r.method = ex.getRequestMethod(); r.path = ex.getRequestURI().getRawPath(); r.query = ex.getRequestURI().getRawQuery();
                try (InputStream in = ex.getRequestBody()) { r.raw = in.readNBytes(1_048_577); }
                Resp resp = route(r);
                byte[] out = dump(resp.body).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                for (Map.Entry<String, String> h : resp.headers.entrySet()) ex.getResponseHeaders().set(h.getKey(), h.getValue());
                ex.sendResponseHeaders(resp.status, out.length);
                ex.getResponseBody().write(out);
            } catch (Exception e) {
                System.err.println("handler error: " + e);
            }
        });
        srv.setExecutor(Executors.newFixedThreadPool(8));
        srv.start();
        System.out.println("listening on 127.0.0.1:" + srv.getAddress().getPort());
        System.out.flush();
    }
}
