/// The HTML report's status vocabulary, stylesheet and script (inline: the page makes no requests).
#include <algorithm>
#include <cctype>

#include "report/html_parts.hpp"

namespace conform::html {

std::string status_class(const std::string& status) {
  std::string name = status == "NOT RUN" ? "notrun" : status;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return "st-" + name;
}

std::string status_label(const std::string& status) {
  static const std::pair<const char*, const char*> kSymbols[] = {
      {"PASS", "✓"},  {"FAIL", "✗"},    {"XFAIL", "≈"},   {"XPASS", "!"},   {"OBSERVED", "◦"},
      {"ERROR", "⚠"}, {"TIMEOUT", "◔"}, {"REFUSED", "⊘"}, {"NOT RUN", "–"}, {"SKIP", "⏭"}};
  for (const auto& [name, symbol] : kSymbols) {
    if (status == name)
      return std::string(symbol) + " " + (status == "NOT RUN" ? "not run" : status);
  }
  return "? " + status;
}

std::string badge(const std::string& status) {
  return "<span class=\"badge " + status_class(status) + "\">" + status_label(status) + "</span>";
}

const char* stylesheet() {
  return R"CSS(
:root{--fg:#1f2328;--muted:#656d76;--line:#d8dee4;--bg:#f6f8fa;
--pass-bg:#dff3e4;--pass:#1a7f37;--fail-bg:#ffe0e0;--fail:#b3261e;--xpass-bg:#fbe3f0;--xpass:#9a1b5d;
--xfail-bg:#e9ecf2;--xfail:#4a5568;--obs-bg:#e2eefb;--obs:#1f5b99;--err-bg:#fff1d6;--err:#8a5300;
--none-bg:#f3f4f6;--none:#8c959f}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1360px;margin:0 auto;padding:20px 24px 40px}
h1{margin:0;font-size:22px}h2{font-size:17px;margin:28px 0 10px}h4{margin:8px 0 4px;font-size:13px;color:var(--muted)}
code,pre{font:12.5px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
pre{margin:0;white-space:pre-wrap;word-break:break-word}
.muted{color:var(--muted);font-weight:normal}
header.top{background:#fff;border:1px solid var(--line);border-left:8px solid var(--pass);border-radius:8px;padding:16px 20px}
header.top.bad{border-left-color:var(--fail)}
.verdict{font-size:20px;font-weight:700;margin:6px 0}.top.ok .verdict{color:var(--pass)}.top.bad .verdict{color:var(--fail)}
.verdict span{font-size:14px;font-weight:normal;color:var(--muted);margin-left:8px}
.warning{background:var(--err-bg);color:var(--err);padding:6px 10px;border-radius:6px}
dl.runs{margin:8px 0 0;display:grid;gap:4px}dl.runs div{display:flex;flex-wrap:wrap;gap:4px 14px}
dl.runs dt{color:var(--muted)}dl.runs dt:after{content:":"}dl.runs dd{margin:0 8px 0 -10px}
.overview{display:grid;grid-template-columns:1fr 330px;gap:16px;align-items:stretch}
.cards{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:16px 0 0;align-content:start}
.card{border-radius:8px;padding:6px 12px;border:1px solid var(--line);display:flex;align-items:baseline;gap:10px}
.card b{font-size:22px}.card.total{background:#fff}.card span{font-size:12px;font-weight:600}
section.chart h2,section.matrix h2,section.cases h2{margin:14px 0 8px}
section.chart,section.matrix,section.cases,section.filters{background:#fff;border:1px solid var(--line);border-radius:8px;padding:4px 16px 14px;margin-top:16px}
section.filters{display:flex;flex-wrap:wrap;align-items:center;gap:10px 18px;padding:10px 16px;position:sticky;top:0;z-index:2}
.chip{display:inline-block;padding:2px 8px;border-radius:12px;margin:0 2px;font-size:12px;cursor:pointer}
.bars{display:grid;grid-template-columns:fit-content(16em) minmax(60px,1fr) max-content;gap:10px 12px;align-items:center;margin:4px 0 10px;font-size:13px}
.bar-row{display:contents}.bars .api{overflow-wrap:anywhere}.bars .rate{font-weight:600;white-space:nowrap;font-variant-numeric:tabular-nums}
.bars .track{display:flex;height:20px;border-radius:3px;overflow:hidden;background:var(--none-bg)}
.chart-key{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;font-size:12px}.chart-key i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.swatch.st-pass{background:#2da44e}.swatch.st-fail{background:#cf222e}.swatch.st-xpass{background:#bf3989}.swatch.st-xfail{background:#8c959f}
.swatch.st-observed{background:#54aeff}.swatch.st-error{background:#d4a72c}.swatch.st-timeout{background:#fb8f44}.swatch.st-refused{background:#8c959f}
@media (max-width:900px){.overview{grid-template-columns:1fr}}
table{border-collapse:collapse;width:100%}
#matrix th,#matrix td,#target-matrix th,#target-matrix td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}
#matrix thead th,#target-matrix thead th{position:sticky;top:52px;background:#fff;font-size:12px;color:var(--muted);z-index:1}
th.check{width:76px;font-weight:600;font-size:11px!important;hyphens:auto}
tr.differs td.req{box-shadow:inset 4px 0 0 var(--xpass)}
tr.group th{background:#eef2f6;font-size:14px;padding:7px 8px!important}
td.req{min-width:250px}td.req .summary{color:var(--fg);font-size:12.5px}
td.req.compact{color:var(--muted)}td.req.compact code,td.req.compact .summary{color:var(--muted);font-size:12px}
tr.row:has(td.compact) td{padding-top:2px!important;padding-bottom:2px!important}
.locator{color:var(--muted);font-size:11.5px}
td.cell{white-space:nowrap;font-size:11.5px;font-weight:600;text-align:center!important;padding:5px 3px!important}
.st-pass{background:var(--pass-bg);color:var(--pass)}.st-fail{background:var(--fail-bg);color:var(--fail)}
.st-xpass{background:var(--xpass-bg);color:var(--xpass)}.st-xfail{background:var(--xfail-bg);color:var(--xfail)}
.st-observed{background:var(--obs-bg);color:var(--obs)}.st-error,.st-timeout,.st-refused{background:var(--err-bg);color:var(--err)}
.st-notrun,.st-skip{background:var(--none-bg);color:var(--none);font-weight:normal!important}
.badge{display:inline-block;min-width:82px;text-align:center;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:700}
details.case{border:1px solid var(--line);border-radius:6px;margin:8px 0;background:#fff}
details.case summary{cursor:pointer;padding:8px 10px;list-style-position:inside}
details.case[open] summary{border-bottom:1px solid var(--line);background:#fafbfc}
.headline{color:var(--muted);margin-left:6px}.target{color:var(--obs)}
details .body{padding:8px 12px 12px}
table.failures th{font-size:12px;color:var(--muted);text-align:left;border-bottom:1px solid var(--line);padding:4px 6px}
table.failures td{padding:4px 6px;vertical-align:top;border-top:1px solid #eef0f2}
td.expected pre{background:var(--pass-bg);padding:3px 6px;border-radius:4px}
td.actual pre{background:var(--fail-bg);padding:3px 6px;border-radius:4px}
tr.message td{border-top:none!important;color:var(--muted);font-style:italic;padding-bottom:8px!important}
.exchange{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:8px}
.exchange pre,.curl pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px;max-height:260px;overflow:auto}
.curl{margin-top:10px;position:relative}.curl pre{padding-right:96px}
button.copy{position:absolute;right:8px;top:6px;font-size:12px;padding:3px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
.note{margin:4px 0 8px;color:var(--err)}
footer{color:var(--muted);font-size:12px;margin-top:24px}
[hidden]{display:none!important}
)CSS";
}

const char* script() {
  return R"JS(
(function () {
  'use strict';
  var apiSelect = document.getElementById('filter-api');
  var outcomeBoxes = Array.prototype.slice.call(document.querySelectorAll('.filter-outcome'));
  var counter = document.getElementById('filter-count');
  function applyFilters() {
    var api = apiSelect ? apiSelect.value : '';
    var allowed = {};
    outcomeBoxes.forEach(function (box) { allowed[box.value] = box.checked; });
    var shown = 0;
    document.querySelectorAll('tr.row, details.case').forEach(function (el) {
      var visible = (!api || el.getAttribute('data-api') === api) &&
                    allowed[el.getAttribute('data-outcome')] !== false;
      el.hidden = !visible;
      if (visible && el.tagName === 'TR' && el.closest('#matrix')) { shown += 1; }
    });
    document.querySelectorAll('tr.group').forEach(function (el) {
      el.hidden = !!api && el.getAttribute('data-api') !== api;
    });
    if (counter) { counter.textContent = shown + ' requirement rows shown'; }
  }
  function copyText(button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) { return; }
    var text = source.textContent;
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy curl'; }, 1500); };
    var fallback = function () {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var copied = false;
      try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
      if (copied) { done(); } else { button.textContent = 'Press Ctrl+C'; }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }
  if (apiSelect) { apiSelect.addEventListener('change', applyFilters); }
  outcomeBoxes.forEach(function (box) { box.addEventListener('change', applyFilters); });
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () { copyText(button); });
  });
  document.body.setAttribute('data-ready', 'true');
  applyFilters();
})();
)JS";
}

}  // namespace conform::html
