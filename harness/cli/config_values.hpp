#pragma once
/// The values of a `conform.toml` setting as a flag would take them: `${NAME}` replaced from the
/// environment, and secrets refused when they are written in the file itself.
#include <functional>
#include <string>

namespace conform {

/// `text` with every `${NAME}` replaced by the environment variable NAME (`lookup`, which
/// returns nullptr for an unset one). Sets `error` (and returns "") for an unset or empty
/// variable or an unclosed `${`.
std::string substitute_environment(const std::string& text,
                                   const std::function<const char*(const char*)>& lookup,
                                   std::string& error);

/// Why the value of setting `key` holds a secret written literally, or "": an `auth` value
/// (`ID=VALUE`), a `header` whose name looks like a credential (`X-Api-Key: VALUE`), a `proxy`
/// URL's password, or any key naming a secret, token or password, whose secret part holds no
/// `${NAME}` reference.
std::string literal_secret(const std::string& key, const std::string& value);

}  // namespace conform
