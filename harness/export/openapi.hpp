#pragma once
/// `conform export openapi`: the contracts of a Catalog as one OpenAPI 3.0.3 document.
/// Pure: the caller reads the fixtures (for the page examples) and writes the result.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixture/fixture.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// A documented example from a vendor page: a valid fixture that carries a `source` locator.
/// Where the page shows none for an API, channel and kind, the first valid fixture stands in
/// (with an empty `source`), so tools such as Dredd have a body to send.
struct PageExample {
  std::string api;
  std::string name;  ///< the fixture's sentence, used as the example's key
  PayloadKind kind = PayloadKind::request;
  std::string channel;  ///< resolved channel key ("" for an API without channels)
  std::string source;   ///< doc locator where the page shows it; empty for a stand-in
  nlohmann::json body;
};

/// What to export.
struct OpenApiOptions {
  std::vector<std::string> api_ids;   ///< empty: every API of the catalog
  std::vector<PageExample> examples;  ///< page examples to attach to bodies
  std::string version = "1.0.0";      ///< info.version
};

/// The page examples among fixtures (`expect: valid`, a `source`, a JSON body), plus one
/// stand-in fixture for each API, channel and kind the page gives no example for.
/// Ordered so each API's default channel comes first, then by channel and name.
std::vector<PageExample> page_examples(const Catalog& catalog,
                                       const std::vector<Fixture>& fixtures);

/// The OpenAPI 3.0.3 document for the chosen APIs, members in a readable order (`openapi`,
/// `info`, `paths`, ...; each body's default-channel example first); throws ContractError on an
/// unknown id or two APIs that claim the same method and path.
nlohmann::ordered_json export_openapi(const Catalog& catalog, const OpenApiOptions& options);

/// The component name of one schema file of an API, e.g. `capillary-message.request.sms`.
std::string schema_component(const std::string& api_id, const std::string& file_name);

}  // namespace conform
