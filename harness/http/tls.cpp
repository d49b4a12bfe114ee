#include "http/tls.hpp"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace conform {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CtxPtr = std::unique_ptr<SSL_CTX, Deleter<SSL_CTX, SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, Deleter<SSL, SSL_free>>;

/// The oldest queued OpenSSL error as text ("" when none); clears the queue.
std::string openssl_error() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

/// The file's bytes through `read`; "" when it loads, else why not.
template <typename Read>
std::string load_pem(const std::string& flag, const std::string& path, const char* what,
                     Read read) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return flag + " " + path + ": cannot read the file";
  bool ok = read(file);
  std::fclose(file);
  ERR_clear_error();
  return ok ? "" : flag + " " + path + ": not a PEM " + what;
}

bool is_ip_literal(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

std::string unbracketed(const std::string& host) {
  return host.size() > 2 && host.front() == '[' ? host.substr(1, host.size() - 2) : host;
}

/// Called when the server asks for a client certificate and none is configured: notes the ask
/// in the bool that the SSL's app data points to, and sends none.
int note_certificate_request(SSL* ssl, X509**, EVP_PKEY**) {
  if (auto* asked = static_cast<bool*>(SSL_get_app_data(ssl))) *asked = true;
  return 0;
}

/// A client context with the run's CA store, verification mode and client certificate.
CtxPtr client_context(const TlsSettings& tls, std::string& error) {
  CtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return error = "cannot create a TLS context: " + openssl_error(), nullptr;
  bool loaded = tls.ca_file.empty()
                    ? SSL_CTX_set_default_verify_paths(ctx.get()) == 1
                    : SSL_CTX_load_verify_locations(ctx.get(), tls.ca_file.c_str(), nullptr) == 1;
  if (tls.verify && !loaded)
    return error = "cannot load the CA certificates: " + openssl_error(), nullptr;
  if (!tls.client_cert.empty() &&
      (SSL_CTX_use_certificate_chain_file(ctx.get(), tls.client_cert.c_str()) != 1 ||
       SSL_CTX_use_PrivateKey_file(ctx.get(), tls.client_key.c_str(), SSL_FILETYPE_PEM) != 1)) {
    return error = "cannot use the client certificate: " + openssl_error(), nullptr;
  }
  SSL_CTX_set_verify(ctx.get(), tls.verify ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_client_cert_cb(ctx.get(), note_certificate_request);
  return ctx;
}

/// Sets SNI (names only, as RFC 6066 asks) and the name or address the certificate must carry.
void expect_host(SSL* ssl, const std::string& host) {
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (is_ip_literal(host)) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
    return;
  }
  SSL_set_tlsext_host_name(ssl, host.c_str());
  X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
}

void set_socket_timeouts(int fd, double timeout_s) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_s);
  tv.tv_usec = static_cast<suseconds_t>((timeout_s - static_cast<double>(tv.tv_sec)) * 1e6);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/// In TLS 1.3 a server checks the client certificate after the client's handshake is done, and
/// says no with an alert the client reads next. Waits up to `wait_s` for one; "" when none came.
std::string refusal_after_handshake(SSL* ssl, int fd, double wait_s) {
  set_socket_timeouts(fd, wait_s);
  char byte = 0;
  ERR_clear_error();
  int read = SSL_peek(ssl, &byte, 1);
  std::string why = read <= 0 && SSL_get_error(ssl, read) == SSL_ERROR_SSL ? openssl_error() : "";
  ERR_clear_error();
  if (why.empty()) {
    SSL_shutdown(ssl);
    return "";
  }
  return "the server ended the TLS session after the handshake: " + why +
         (why.find("certificate") != std::string::npos
              ? " (it wants a client certificate it trusts: --request-cert)"
              : "");
}

}  // namespace

std::string tls_file_problem(const TlsSettings& tls) {
  if (tls.client_cert.empty() != tls.client_key.empty())
    return tls.client_cert.empty() ? "--request-cert-key needs --request-cert"
                                   : "--request-cert needs --request-cert-key";
  if (!tls.ca_file.empty()) {
    std::string problem = load_pem(
        "--tls-verify", tls.ca_file, "CA certificate bundle",
        [](FILE* f) { return X509Ptr(PEM_read_X509(f, nullptr, nullptr, nullptr)) != nullptr; });
    if (!problem.empty())
      return problem + " (--tls-verify takes true, false or the PATH of a CA bundle)";
  }
  if (tls.client_cert.empty()) return "";
  X509Ptr cert;
  KeyPtr key;
  std::string problem = load_pem("--request-cert", tls.client_cert, "certificate", [&](FILE* f) {
    cert.reset(PEM_read_X509(f, nullptr, nullptr, nullptr));
    return cert != nullptr;
  });
  if (problem.empty()) {
    problem =
        load_pem("--request-cert-key", tls.client_key, "private key (unencrypted)", [&](FILE* f) {
          key.reset(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
          return key != nullptr;
        });
  }
  if (problem.empty() && X509_check_private_key(cert.get(), key.get()) != 1) {
    problem = "--request-cert-key " + tls.client_key +
              ": the key does not belong to --request-cert " + tls.client_cert;
  }
  ERR_clear_error();
  return problem;
}

std::string verify_failure_text(long verify_result) {
  std::string reason = X509_verify_cert_error_string(verify_result);
  std::string hint;
  if (verify_result == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
      verify_result == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
      verify_result == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
      verify_result == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT) {
    hint = "; no trusted CA signed it (give its CA bundle with --tls-verify PATH)";
  } else if (verify_result == X509_V_ERR_CERT_HAS_EXPIRED) {
    hint = "; the server's certificate is out of date";
  } else if (verify_result == X509_V_ERR_HOSTNAME_MISMATCH ||
             verify_result == X509_V_ERR_IP_ADDRESS_MISMATCH) {
    hint = "; the certificate does not name the target's host";
  }
  return "the server's TLS certificate failed verification: " + reason + hint;
}

std::string tls_handshake_problem(int fd, const Target& target, const TlsSettings& tls,
                                  double timeout_s) {
  std::string error;
  CtxPtr ctx = client_context(tls, error);
  if (!ctx) return error;
  SslPtr ssl(SSL_new(ctx.get()));
  if (!ssl) return "cannot start TLS: " + openssl_error();
  SSL_set_fd(ssl.get(), fd);
  bool asked_for_certificate = false;
  SSL_set_app_data(ssl.get(), &asked_for_certificate);
  expect_host(ssl.get(), unbracketed(target.host));
  set_socket_timeouts(fd, timeout_s);
  ERR_clear_error();
  if (SSL_connect(ssl.get()) == 1) {
    // Only a server that asked for a client certificate can refuse one after the handshake.
    bool may_refuse = asked_for_certificate || !tls.client_cert.empty();
    if (may_refuse) return refusal_after_handshake(ssl.get(), fd, std::min(timeout_s, 0.25));
    SSL_shutdown(ssl.get());
    return "";
  }
  long verified = SSL_get_verify_result(ssl.get());
  if (tls.verify && verified != X509_V_OK) return verify_failure_text(verified);
  std::string why = openssl_error();
  if (why.find("wrong version number") != std::string::npos)
    why += " (the server does not speak TLS: is it http://?)";
  return "TLS handshake failed" +
         (why.empty() ? std::string(" (the server closed the connection or is not TLS)")
                      : ": " + why);
}

}  // namespace conform
