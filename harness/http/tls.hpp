#pragma once
/// TLS checks done with OpenSSL directly: the certificate and key files a run is given, the
/// handshake of the reachability probe, and the words for a failed certificate verification.
#include <string>

#include "http/target.hpp"
#include "http/transport_settings.hpp"

namespace conform {

/// Why a CA bundle, client certificate or key of `tls` cannot be used (unreadable, not PEM, a
/// key that does not match its certificate, one given without the other), naming the file and
/// the flag; "" when all of them load.
std::string tls_file_problem(const TlsSettings& tls);

/// Runs a TLS handshake on the connected socket `fd` with SNI and verification as the
/// transports do; "" when it succeeds, else one sentence naming the cause. Leaves `fd` open.
std::string tls_handshake_problem(int fd, const Target& target, const TlsSettings& tls,
                                  double timeout_s);

/// The reason an OpenSSL verification result gives (`X509_V_ERR_*`), with a hint for the
/// usual ones (an unknown issuer, an expired certificate, a self-signed one).
std::string verify_failure_text(long verify_result);

}  // namespace conform
