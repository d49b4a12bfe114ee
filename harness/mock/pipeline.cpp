#include "mock/pipeline.hpp"

#include <iterator>
#include <thread>

#include "core/json_text.hpp"
#include "mock/fresh.hpp"

namespace conform {
namespace {

using nlohmann::json;

constexpr const char* kJsonType = "application/json";
constexpr std::string_view kOutboxPath = "/__conform/outbox";

/// Every body goes out through here: `replace` keeps invalid UTF-8 in an echo from throwing.
void send_json(httplib::Response& res, int status, const json& body, const char* type = kJsonType) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), type);
}

void send_problem(const MockApi* api, httplib::Response& res, const Problem& problem) {
  const VendorStyle& style = api ? *api->style : vendor_styles().back();
  send_json(res, problem.status, style.error(problem));
}

Problem simple_problem(int status, std::string code, std::string message) {
  return Problem{status, std::move(code), std::move(message), {}, ""};
}

std::string_view target_path(const httplib::Request& req) {
  std::string_view target = req.target;
  return target.substr(0, target.find('?'));
}

/// A matched endpoint and its decoded path parameters.
struct Route {
  const MockApi* api = nullptr;
  PathValues values;
};

std::optional<Route> route(const MockContext& ctx, std::string_view path) {
  for (const auto& api : ctx.apis) {
    if (auto values = match_path(api.entry->contract, path, ctx.prefix)) {
      return Route{&api, std::move(*values)};
    }
  }
  return std::nullopt;
}

bool is_outbox_path(const MockContext& ctx, std::string_view path) {
  if (path == kOutboxPath) return true;
  return path.starts_with(ctx.prefix) && path.substr(ctx.prefix.size()) == kOutboxPath;
}

void serve_outbox(const MockContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (req.method == "GET" || req.method == "HEAD")
    return send_json(res, 200, ctx.outbox->snapshot());
  if (req.method == "DELETE") {
    size_t cleared = ctx.outbox->count();
    ctx.outbox->clear();
    return send_json(res, 200, {{"cleared", cleared}});
  }
  res.set_header("Allow", "GET, DELETE");
  send_problem(nullptr, res,
               simple_problem(405, "method_not_allowed", "the outbox takes GET or DELETE"));
}

/// parse_json, plus the exceptions it lets through (e.g. out_of_range 406 on `1e99999`).
JsonParse parse_body(const std::string& body, size_t max_depth) {
  try {
    return parse_json(body, max_depth);
  } catch (const json::exception& e) {
    JsonParse failed;
    failed.error = e.what();
    return failed;
  }
}

/// Sends a success answer (after the variants and faults shape it) and records it in the outbox.
void deliver(const MockContext& ctx, const Route& found, const std::string& channel, json body,
             PartialResult answer, httplib::Response& res) {
  const std::string& id = found.api->entry->contract.id;
  vary_success_body(ctx, id, answer.body);
  break_success_body(ctx, id, answer.body);
  const char* type = ctx.faults.has(Fault::text_plain_success) ? "text/plain" : kJsonType;
  send_json(res, answer.status, answer.body, type);
  json entry = {{"api", id},
                {"channel", channel},
                {"path_params", found.values},
                {"received_at", now_rfc3339()},
                {"request", std::move(body)},
                {"response", std::move(answer.body)}};
  if (!answer.rejected_items.empty()) entry["rejected_items"] = answer.rejected_items;
  ctx.outbox->record(std::move(entry));  // flushed before the handler returns
}

void accept(const MockContext& ctx, const Route& found, const std::string& channel, json body,
            httplib::Response& res) {
  const MockApi& api = *found.api;
  PartialResult answer{success_status(ctx, api), api.style->success(Accepted{body, channel}), {}};
  deliver(ctx, found, channel, std::move(body), std::move(answer), res);
}

/// A rejection as the API words it: a 4xx, or a 200 that says so (capillary-reject-in-body).
void send_rejection(const MockContext& ctx, const MockApi& api, const std::string& channel,
                    const json* body, const Problem& problem, httplib::Response& res) {
  if (auto in_body = rejection_in_body(ctx, api, channel, body, problem)) {
    return send_json(res, 200, *in_body);
  }
  send_problem(&api, res, problem);
}

Problem unsupported_media_type(const MockApi& api) {
  const char* why = api.json_of_any_type
                        ? "the body must be JSON (any Content-Type is taken when the body is JSON)"
                        : "the body must be sent as application/json";
  return simple_problem(415, "unsupported_media_type", why);
}

void reject_unparsable(const MockContext& ctx, const MockApi& api, const std::string& error,
                       httplib::Response& res) {
  const Contract& contract = api.entry->contract;
  int status = ctx.faults.has(Fault::server_error_on_malformed_json) ? 500 : api.error_status;
  Violation v{"", "json", "the body is not usable JSON: " + error, contract.rejection.requirement,
              contract.rejection.locator};
  send_rejection(ctx, api, "", nullptr, Problem{status, "malformed_json", v.message, {v}, ""}, res);
}

void reject_invalid(const MockContext& ctx, const Route& found, const std::string& channel,
                    json body, std::vector<Violation> violations, httplib::Response& res) {
  const MockApi& api = *found.api;
  if (auto partial = partial_result(ctx, api, channel, body, violations)) {
    return deliver(ctx, found, channel, std::move(body), std::move(*partial), res);
  }
  std::string message = std::to_string(violations.size()) + " violation(s) of the " +
                        api.entry->contract.id + " request contract";
  int status = invalid_status(ctx, api, violations);
  send_rejection(ctx, api, channel, &body,
                 Problem{status, "invalid_data", message, std::move(violations), ""}, res);
}

/// The violations that decide: the validator's, less what is forgiven, plus the variants' own.
std::vector<Violation> judge(const MockContext& ctx, const MockApi& api, const std::string& channel,
                             const json& body) {
  const SchemaValidator* validator = api.entry->validator(PayloadKind::request, channel);
  if (!validator) return variant_violations(ctx, api, channel, body);
  std::vector<Violation> violations = validator->validate(body);
  forgive_violations(ctx, api, *validator, violations);
  std::vector<Violation> more = variant_violations(ctx, api, channel, body);
  violations.insert(violations.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
  return violations;
}

void handle_message(const MockContext& ctx, const Route& found, const httplib::Request& req,
                    const std::string& raw_body, httplib::Response& res) {
  const MockApi& api = *found.api;
  const Contract& contract = api.entry->contract;
  JsonParse parsed = parse_body(raw_body, ctx.max_depth);
  if (!parsed.value && !is_json_media_type(req.get_header_value("Content-Type"))) {
    return send_problem(&api, res, unsupported_media_type(api));  // admitted for json_of_any_type
  }
  if (!parsed.value) return reject_unparsable(ctx, api, parsed.error, res);
  std::string channel;
  if (auto problem = check_parameters(ctx, contract, found.values, req, channel)) {
    return send_rejection(ctx, api, "", nullptr, *problem, res);
  }
  json body = std::move(*parsed.value);
  if (long_text_server_error(ctx, contract.id, body)) {
    return send_problem(
        &api, res, simple_problem(500, "internal_error", "sender_name broke the server (fault)"));
  }
  reread_request(ctx, api, channel, body);
  std::vector<Violation> violations = judge(ctx, api, channel, body);
  if (!violations.empty() && !ctx.faults.has(Fault::accept_invalid)) {
    return reject_invalid(ctx, found, channel, std::move(body), std::move(violations), res);
  }
  if (violations.empty() && ctx.faults.has(Fault::reject_valid)) {
    Violation v{"", "fault", "rejected by the reject-valid fault", contract.rejection.requirement,
                ""};
    return send_problem(&api, res, Problem{api.error_status, "invalid_data", v.message, {v}, ""});
  }
  accept(ctx, found, channel, std::move(body), res);
}

/// Steps 2-4: credentials, media type, size. Returns false when it has answered.
bool admit(const MockContext& ctx, const MockApi& api, const httplib::Request& req,
           const std::string& body, httplib::Response& res) {
  const AuthScheme& auth = api.entry->contract.auth;
  if (!ctx.faults.has(Fault::ignore_auth) && !has_credentials(auth, req)) {
    std::string scheme = auth.prefixes.empty() ? "" : auth.prefixes.front();
    while (!scheme.empty() && scheme.back() == ' ') scheme.pop_back();
    if (!scheme.empty()) res.set_header("WWW-Authenticate", scheme + " realm=\"conform\"");
    send_problem(&api, res,
                 simple_problem(401, "authentication_failure",
                                "missing or malformed " + auth.header + " credential"));
    return false;
  }
  // An API taking JSON of any type is judged after parsing: JSON passes, anything else gets 415.
  if (!api.json_of_any_type && !is_json_media_type(req.get_header_value("Content-Type"))) {
    send_problem(&api, res, unsupported_media_type(api));
    return false;
  }
  if (body.size() > ctx.max_body) {
    send_problem(
        &api, res,
        simple_problem(413, "payload_too_large",
                       "the body is larger than " + std::to_string(ctx.max_body) + " bytes"));
    return false;
  }
  return true;
}

}  // namespace

void handle_request(const MockContext& ctx, const httplib::Request& req, const std::string& body,
                    httplib::Response& res) {
  if (ctx.faults.has(Fault::slow_responses)) std::this_thread::sleep_for(ctx.slow_delay);
  std::string_view path = target_path(req);
  if (is_outbox_path(ctx, path)) return serve_outbox(ctx, req, res);
  std::optional<Route> found = route(ctx, path);
  if (!found) {
    return send_problem(nullptr, res,
                        simple_problem(404, "not_found", "no endpoint at " + std::string(path)));
  }
  const Contract& contract = found->api->entry->contract;
  if (req.method != contract.method) {
    res.set_header("Allow", contract.method);
    return send_problem(
        found->api, res,
        simple_problem(405, "method_not_allowed", contract.id + " takes " + contract.method));
  }
  if (!admit(ctx, *found->api, req, body, res)) return;
  handle_message(ctx, *found, req, body, res);
}

void fill_library_error(const MockContext& ctx, const httplib::Request& req,
                        httplib::Response& res) {
  if (!res.body.empty()) return;
  std::optional<Route> found = route(ctx, target_path(req));
  std::string code = res.status == 413 ? "payload_too_large" : "bad_request";
  std::string message =
      res.status == 413
          ? "the body is larger than " + std::to_string(ctx.max_body) + " bytes"
          : "the request could not be read (status " + std::to_string(res.status) + ")";
  send_problem(found ? found->api : nullptr, res, simple_problem(res.status, code, message));
}

}  // namespace conform
