// libFuzzer target: any bytes as one .xlsx file, through everything the batch does with a form
// before merging: the bounded zip reader (from memory), the SpreadsheetML reader, the form reader
// against the real xxgk-2021 format, then validate_submission against a small report. Input
// that does not start with "PK" is a list of parts, name NUL content NUL …, stored in a zip with
// correct checksums: a mutation inside a compressed member only ever meets a CRC error, so this
// is how the fuzzer reaches the XML of the parts (seeds parts-*.bin).
// Besides the sanitizers it checks what callers rely on: a file that is not a form says so with
// exactly one W720 and nothing else; a file that cannot be read says why with an error; every
// finding names the file, has a code like E725 and clean UTF-8 text (summary.json and the
// workbook carry it); a submission has one value per cell; reading stops at 100 findings + E111.
#include <cstddef>
#include <cstdint>
#include <string>

#include "format/format.h"
#include "fuzz_checks.h"
#include "input/form_reader.h"
#include "validate/validator.h"

#include <zlib.h>

using namespace nianbao;

namespace {

void put(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>(v >> (8 * i) & 0xFF);
}

// A zip of the parts in `data` (name NUL content NUL …), every member stored, checksums right.
std::string stored_zip(std::string_view data) {
  std::string zip, directory;
  std::uint32_t count = 0;
  while (!data.empty() && count < 64) {
    std::size_t a = data.find('\0');
    std::string_view name = data.substr(0, a);
    data = a == std::string_view::npos ? std::string_view{} : data.substr(a + 1);
    std::size_t b = data.find('\0');
    std::string_view content = data.substr(0, b);
    data = b == std::string_view::npos ? std::string_view{} : data.substr(b + 1);
    const auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
    const auto offset = static_cast<std::uint32_t>(zip.size());
    for (std::string* h : {&zip, &directory}) {
      const bool central = h == &directory;
      put(*h, central ? 0x02014b50 : 0x04034b50, 4);
      if (central) put(*h, 20, 2);
      put(*h, 20, 2);
      put(*h, 0, 2);  // flags
      put(*h, 0, 2);  // stored
      put(*h, 0, 4);  // time, date
      put(*h, crc, 4);
      put(*h, static_cast<std::uint32_t>(content.size()), 4);
      put(*h, static_cast<std::uint32_t>(content.size()), 4);
      put(*h, static_cast<std::uint32_t>(name.size()), 2);
      put(*h, 0, 2);  // extra
      if (central) {
        put(*h, 0, 2);  // comment
        put(*h, 0, 2);  // disk
        put(*h, 0, 2);  // internal attributes
        put(*h, 0, 4);  // external attributes
        put(*h, offset, 4);
      }
      h->append(name);
    }
    zip.append(content);
    ++count;
  }
  const auto at = static_cast<std::uint32_t>(zip.size());
  zip += directory;
  put(zip, 0x06054b50, 4);
  put(zip, 0, 4);
  put(zip, count, 2);
  put(zip, count, 2);
  put(zip, static_cast<std::uint32_t>(directory.size()), 4);
  put(zip, at, 4);
  put(zip, 0, 2);
  return zip;
}

struct Fixture {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportFile report = fuzz::fengcheng_report(test::fgw_only());
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void check_finding(const Diagnostic& d) {
  fuzz::check_finding(d, "inputs/fuzz.xlsx");
  fuzz::require(d.where.line == 0 && d.where.column == 0, "a form finding has a line", d.code);
  fuzz::require_clean(d.code, {&d.where.sheet.str(), &d.where.cell.str(), &d.where.part.str()});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fx = fixture();
  Diagnostics diags;
  bool is_form = false;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.compare(0, 2, "PK") != 0) bytes = stored_zip(bytes);
  auto sub = read_form_bytes(std::move(bytes), "inputs/fuzz.xlsx", fx.format, diags, is_form);
  if (!is_form) {
    fuzz::require(!sub, "not a form, yet a submission");
    fuzz::require(diags.items().size() == 1 && diags.items()[0].code == "W720", "not a form must give exactly W720");
  } else if (!sub) {
    fuzz::require(diags.has_errors(), "an unreadable form must say why");
  } else {
    fuzz::require(static_cast<int>(sub->values.size()) == fx.format.cell_count(), "values per cell");
    // Reading stops at 100; each sheet read after that adds at most one finding of its own.
    fuzz::require_bounded(diags, kMaxFindingsPerFile + 16, "reading findings not bounded");
    for (const auto& g : sub->given) {
      SourceLocation at = sub->locate(g.offset);
      fuzz::require(at.file == "inputs/fuzz.xlsx" && !at.sheet.empty() && !at.cell.empty(), "a given value has no cell");
    }
    validate_submission(*sub, fx.format, fx.report, diags);
  }
  for (const auto& d : diags.items()) check_finding(d);
  return 0;
}
