#pragma once
/// The sections of the HTML report (used by html_render.cpp; split to keep files short).
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace conform::html {

/// The CSS class of a status: "st-pass", "st-fail", ..., "st-notrun".
std::string status_class(const std::string& status);
/// A status as text with a symbol, e.g. "✗ FAIL"; colour is never the only signal.
std::string status_label(const std::string& status);
/// A coloured badge: <span class="badge st-…">✗ FAIL</span>.
std::string badge(const std::string& status);

/// Per-API pass rates as stacked bars, each with its rate as text in a column as wide as the text.
void write_chart(std::ostream& out, const nlohmann::json& report);
/// The requirement × (outcome, check) matrix, grouped by API.
void write_matrix(std::ostream& out, const nlohmann::json& report);
/// The requirement × target matrix (only when the report holds several targets).
void write_target_matrix(std::ostream& out, const nlohmann::json& report);
/// Expandable details of every failing or noteworthy case, worst first; with `open_first`, the
/// first one is open when it fails the gate.
void write_failures(std::ostream& out, const nlohmann::json& report, bool open_first);

/// The page's stylesheet.
const char* stylesheet();
/// The page's script: filters and copy buttons.
const char* script();

}  // namespace conform::html
