#include "mock/mock_server.hpp"

#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "mock/pipeline.hpp"

namespace conform {
namespace {

std::string normalized_prefix(std::string prefix) {
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (!prefix.empty() && prefix.front() != '/') prefix.insert(prefix.begin(), '/');
  if (prefix.find_first_of("?# ") != std::string::npos) {
    throw std::invalid_argument("--prefix must be a plain path such as /api, got '" + prefix + "'");
  }
  return prefix;
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

/// httplib listens with a backlog of 5, compiled into the Debian .so. A burst of connects (wrk
/// opens 32 at once) overflows it, and every dropped SYN is retried a second later.
constexpr int kListenBacklog = 1024;

/// The listening socket's options. httplib's default sets SO_REUSEPORT, which lets a second mock
/// bind the same port and silently take half the traffic; SO_REUSEADDR only allows a quick
/// restart. Remembers the socket so its backlog can be raised once it listens.
void listen_socket_options(socket_t sock, socket_t& remembered) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  remembered = sock;
}

/// Reads a POST body as bytes. httplib would read an x-www-form-urlencoded body as a form itself,
/// and refuse one over 8 KiB with 413; Bigin's own curl sample sends its JSON that way
/// (004_48a580a97fdcacca.txt:53-56). A multipart body is drained and left empty (not JSON).
bool read_post_body(const httplib::Request& req, const httplib::ContentReader& read,
                    std::string& body) {
  if (req.is_multipart_form_data()) {
    return read([](const httplib::MultipartFormData&) { return true; },
                [](const char*, size_t) { return true; });
  }
  return read([&body](const char* data, size_t size) {
    body.append(data, size);
    return true;
  });
}

}  // namespace

/// The live parts of a running mock. Declaration order is destruction order in reverse:
/// the server goes first, then the outbox and context it points into.
struct MockServer::State {
  MockContext context;
  std::unique_ptr<Outbox> outbox;
  std::unique_ptr<httplib::Server> server;  ///< an SSLServer when the mock serves HTTPS
  std::thread listener;
  socket_t listen_socket = INVALID_SOCKET;
  int port = 0;
  std::string host;
  bool tls = false;
};

std::shared_ptr<const Catalog> embedded_catalog() {
  return std::make_shared<const Catalog>(Catalog::load(embedded_schema_source()));
}

MockServer::MockServer() : MockServer(embedded_catalog()) {}

MockServer::MockServer(std::shared_ptr<const Catalog> catalog) : catalog_(std::move(catalog)) {}

MockServer::~MockServer() {
  stop();
}

namespace {

void configure(httplib::Server& server, const MockOptions& o, const MockContext& ctx) {
  size_t threads = std::max<size_t>(o.threads, 4);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000000);
  server.set_keep_alive_timeout(o.keep_alive_timeout_s);
  server.set_read_timeout(o.read_timeout_s, 0);
  server.set_write_timeout(5, 0);
  server.set_payload_max_length(o.max_body);
  auto handler = [&ctx](const httplib::Request& req, httplib::Response& res) {
    handle_request(ctx, req, req.body, res);
  };
  server.Get(".*", handler).Put(".*", handler);
  server.Patch(".*", handler).Delete(".*", handler).Options(".*", handler);
  server.Post(".*", [&ctx](const httplib::Request& req, httplib::Response& res,
                           const httplib::ContentReader& read) {
    std::string body;
    if (!read_post_body(req, read, body)) return;  // httplib has set the status (413, 400)
    handle_request(ctx, req, body, res);
  });
  httplib::Server::HandlerWithResponse on_error = [&ctx](const httplib::Request& req,
                                                         httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    fill_library_error(ctx, req, res);
    return httplib::Server::HandlerResponse::Handled;
  };
  server.set_error_handler(std::move(on_error));
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::cerr << "conform mock: internal error on " << req.method << " " << req.path << ": "
                  << what << "\n";
        res.status = 500;
        res.set_content(R"({"error":"internal_error","message":"a bug in conform mock"})",
                        "application/json");
      });
}

/// Throws std::invalid_argument naming the flag when `path` cannot be opened for reading.
void require_readable(const std::string& flag, const std::string& path) {
  if (!std::ifstream(path))
    throw std::invalid_argument(flag + " " + path + ": cannot read the file");
}

/// A plain server, or an SSLServer for --tls-cert/--tls-key (and --tls-client-ca for mTLS).
std::unique_ptr<httplib::Server> make_server(const MockOptions& o) {
  if (o.tls_cert.empty() && o.tls_key.empty()) {
    if (!o.tls_client_ca.empty())
      throw std::invalid_argument("--tls-client-ca needs --tls-cert and --tls-key");
    return std::make_unique<httplib::Server>();
  }
  if (o.tls_cert.empty() || o.tls_key.empty())
    throw std::invalid_argument("--tls-cert and --tls-key go together");
  require_readable("--tls-cert", o.tls_cert);
  require_readable("--tls-key", o.tls_key);
  if (!o.tls_client_ca.empty()) require_readable("--tls-client-ca", o.tls_client_ca);
  auto server = std::make_unique<httplib::SSLServer>(
      o.tls_cert.c_str(), o.tls_key.c_str(),
      o.tls_client_ca.empty() ? nullptr : o.tls_client_ca.c_str());
  if (!server->is_valid()) {
    throw std::invalid_argument(
        "--tls-cert " + o.tls_cert + " / --tls-key " + o.tls_key +
        ": not a PEM certificate and its matching unencrypted key" +
        (o.tls_client_ca.empty() ? "" : " (or --tls-client-ca is not a PEM CA bundle)"));
  }
  return server;
}

int bind(httplib::Server& server, const MockOptions& o, socket_t& listen_socket) {
  server.set_socket_options(
      [&listen_socket](socket_t sock) { listen_socket_options(sock, listen_socket); });
  int port = o.port == 0 ? server.bind_to_any_port(o.host)
                         : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  // Calling listen() again on a listening socket only changes its backlog.
  if (port > 0) ::listen(listen_socket, kListenBacklog);
  return port;
}

}  // namespace

int MockServer::start(const MockOptions& options) {
  if (state_) throw std::runtime_error("the mock is already running");
  auto state = std::make_unique<State>();
  state->context.catalog = catalog_;
  state->context.apis = mock_apis(*catalog_);
  state->context.prefix = normalized_prefix(options.prefix);
  state->context.faults = FaultSet::from_names(options.faults);
  state->context.variants = VariantSet::from_names(options.variants);
  state->outbox = std::make_unique<Outbox>(options.outbox_file, options.outbox_keep);
  state->context.outbox = state->outbox.get();
  state->context.max_body = options.max_body;
  state->context.max_depth = options.max_depth;
  state->context.slow_delay = options.slow_delay;
  state->server = make_server(options);
  state->tls = !options.tls_cert.empty();
  configure(*state->server, options, state->context);
  int port = bind(*state->server, options, state->listen_socket);
  if (port <= 0) {
    throw std::runtime_error("cannot listen on " + options.host + ":" +
                             std::to_string(options.port) +
                             " (is the port in use, or the host not an address of this machine?)");
  }
  state->port = port;
  state->host = options.host;
  httplib::Server* server = state->server.get();
  state->listener = std::thread([server] { server->listen_after_bind(); });
  for (int i = 0; i < 2000 && !server->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  state_ = std::move(state);
  if (!state_->server->is_running()) {
    stop();
    throw std::runtime_error("the mock did not start listening within 2 s");
  }
  return port;
}

void MockServer::stop() {
  if (!state_) return;
  state_->server->stop();
  if (state_->listener.joinable()) state_->listener.join();
  state_.reset();
}

bool MockServer::running() const {
  return state_ && state_->server->is_running();
}

int MockServer::port() const {
  return state_ ? state_->port : 0;
}

std::string MockServer::url() const {
  if (!state_) return "";
  return (state_->tls ? "https://" : "http://") + url_host(state_->host) + ":" +
         std::to_string(state_->port) + state_->context.prefix;
}

nlohmann::json MockServer::outbox() const {
  return state_ ? state_->outbox->snapshot()
                : nlohmann::json{{"count", 0}, {"kept", 0}, {"messages", nlohmann::json::array()}};
}

size_t MockServer::outbox_count() const {
  return state_ ? state_->outbox->count() : 0;
}

}  // namespace conform
