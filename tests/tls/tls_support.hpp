#pragma once
/// Helpers for the TLS, proxy and header tests: a throwaway PKI made with the openssl CLI at
/// test time (nothing secret is committed), `conform mock` as a child process on a free
/// loopback port (plain or HTTPS), and a JSON report's outcomes by case id. Every wait is bounded.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../mock/mock_process.hpp"
#include "support/cli_run.hpp"

namespace conform::tls_test {
namespace fs = std::filesystem;

/// A fresh directory under the system temp dir.
inline fs::path scratch_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("conform-tls-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// Runs openssl with `args` in `dir`; true on exit 0.
inline bool openssl(const fs::path& dir, const std::string& args) {
  return test::run_shell("cd " + dir.string() + " && timeout 30 openssl " + args +
                         " >/dev/null 2>&1")
             .exit_code == 0;
}

/// A CA, and certificates it signed: the server's (SAN IP:127.0.0.1, DNS:localhost), an expired
/// server certificate, and a client certificate; plus a second CA that signed none of them.
struct TestPki {
  fs::path dir;
  bool ok = false;
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

/// A P-256 key and a certificate for `cn`, signed by ca.pem, valid for `days` (0: expired a
/// second later), with `extensions` (openssl -extfile lines) when not empty.
inline bool signed_cert(const fs::path& dir, const std::string& name, const std::string& cn,
                        int days, const std::string& extensions) {
  const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
  if (!openssl(dir, "req " + ec + "-keyout " + name + ".key -out " + name + ".csr -subj /CN=" + cn))
    return false;
  std::string ext;
  if (!extensions.empty()) {
    std::ofstream(dir / (name + ".ext")) << extensions << "\n";
    ext = " -extfile " + name + ".ext";
  }
  return openssl(dir, "x509 -req -in " + name +
                          ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -out " + name +
                          ".pem -days " + std::to_string(days) + ext);
}

/// The PKI of one test binary, made once.
inline const TestPki& pki() {
  static const TestPki made = [] {
    TestPki p;
    p.dir = scratch_dir("pki");
    const std::string ca =
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 ";
    p.ok =
        openssl(p.dir, ca + "-keyout ca.key -out ca.pem -subj /CN=conform-test-ca") &&
        openssl(p.dir, ca + "-keyout other-ca.key -out other-ca.pem -subj /CN=conform-other-ca") &&
        signed_cert(p.dir, "server", "localhost", 2, "subjectAltName=IP:127.0.0.1,DNS:localhost") &&
        signed_cert(p.dir, "expired", "localhost", 0,
                    "subjectAltName=IP:127.0.0.1,DNS:localhost") &&
        signed_cert(p.dir, "client", "conform-client", 2, "");
    sleep(1);  // the certificate made with -days 0 has now expired
    return p;
  }();
  return made;
}

/// `conform mock --port 0 ARGS...` as a child process; `url` is what its first line says.
struct MockChild {
  mock_test::Child child;
  std::string url;  ///< "" when it did not say where it listens within 10 s

  explicit MockChild(std::vector<std::string> args) {
    args.insert(args.begin(), {"mock", "--port", "0"});
    child = mock_test::spawn(std::move(args));
    if (child.pid <= 0) return;
    std::string line = mock_test::read_line(child.out, std::chrono::seconds(10));
    const std::string head = "conform mock listening on ";
    if (line.rfind(head, 0) == 0) url = line.substr(head.size());
  }
  ~MockChild() {
    if (child.pid <= 0) return;
    ::kill(child.pid, SIGTERM);
    mock_test::wait_exit(child.pid, std::chrono::seconds(10));
    ::close(child.out);
  }
};

/// An HTTPS mock serving the test PKI's server certificate (extra `args` after it).
inline std::vector<std::string> tls_mock_args(const std::string& cert = "server",
                                              std::vector<std::string> args = {}) {
  std::vector<std::string> out = {"--tls-cert", pki().file(cert + ".pem"), "--tls-key",
                                  pki().file(cert + ".key")};
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

/// case id → outcome, for every case of the JSON report at `path` (empty when unreadable).
inline std::map<std::string, std::string> outcomes(const fs::path& path) {
  std::map<std::string, std::string> by_id;
  std::ifstream in(path);
  nlohmann::json report = nlohmann::json::parse(in, nullptr, false);
  if (report.is_discarded()) return by_id;
  for (const auto& entry : report["cases"])
    by_id[entry["id"].get<std::string>()] = entry["outcome"];
  return by_id;
}

/// A loopback port nothing listens on (bound, then closed).
inline int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace conform::tls_test
