#include "input/roster_file.h"

#include <fstream>
#include <iterator>
#include <map>

#include "input/encoding.h"
#include "input/form_values.h"
#include "input/xlsx_workbook.h"
#include "input/xml_file.h"
#include "zip/zip_reader.h"

namespace nianbao {

namespace {

/// The header is looked for in this many rows from the top (a title and notes may come first).
constexpr int kHeaderSearchRows = 50;
/// A roster sheet holds at most this many cells (a county has a hundred agencies, a province
/// some ten thousand): beyond, E704.
constexpr std::size_t kMaxRosterCells = 1'000'000;

// One row of the file: its number as the clerk sees it, and its cells by column (0-based).
struct RawRow {
  int number = 0;
  std::vector<std::string> cells;
};

// The rows of a file, and where each of their cells is, for the findings.
struct RawTable {
  std::vector<RawRow> rows;
  std::string sheet;  // a workbook's sheet; "" for a CSV
  SourceLocation at(const std::string& display, int row, int col) const {
    SourceLocation loc{display, sheet.empty() ? row : 0, 0};
    if (!sheet.empty()) {
      loc.sheet = sheet;
      loc.cell = cell_ref_text(CellRef{row, col + 1});
    }
    return loc;
  }
};

std::string cell_text(const CellValue& v) {
  switch (v.kind) {
    case CellKind::kNumber: return stored_number_decimal(v.text);
    case CellKind::kText:
    case CellKind::kBool:
    case CellKind::kError: return v.text;
    case CellKind::kBlank: return "";
  }
  return "";
}

bool kind_of(const std::string& text, AgencyKind& kind) {
  static const std::map<std::string, AgencyKind> kKinds = {
      {"部门", AgencyKind::kDepartment}, {"乡镇", AgencyKind::kTownship}, {"街道", AgencyKind::kTownship},
      {"本级政府", AgencyKind::kGovernment}};
  if (auto it = kKinds.find(text); it != kKinds.end()) {
    kind = it->second;
    return true;
  }
  return parse_agency_kind(text, kind);
}

// The agencies of a table: the header found by its titles, then one agency per row below it.
std::optional<std::vector<Agency>> agencies_of(const RawTable& t, const std::string& display, Diagnostics& diags) {
  const std::string titles[3] = {kRosterCodeTitle, kRosterNameTitle, kRosterKindTitle};
  int column[3] = {-1, -1, -1};
  std::size_t header = t.rows.size();
  for (std::size_t r = 0; r < t.rows.size() && header == t.rows.size() && t.rows[r].number <= kHeaderSearchRows; ++r) {
    int found[3] = {-1, -1, -1};
    for (std::size_t c = 0; c < t.rows[r].cells.size(); ++c)
      for (int k = 0; k < 3; ++k)
        if (found[k] < 0 && trim_wide(t.rows[r].cells[c]) == titles[k]) found[k] = static_cast<int>(c);
    if (found[0] >= 0 && found[1] >= 0 && found[2] >= 0) {
      header = r;
      std::copy(found, found + 3, column);
    }
  }
  if (header == t.rows.size()) {
    auto& d = diags.error("E520", SourceLocation{display, 0, 0},
                          "名单文件中找不到表头：前 " + std::to_string(kHeaderSearchRows) + " 行中没有一行同时写着「单位代码」「单位名称」「类型」。");
    d.expected = "表头一行，三列的标题为 单位代码、单位名称、类型（列的顺序不限），其下每行一个单位";
    return std::nullopt;
  }
  const std::size_t errors = diags.error_count();
  std::vector<Agency> out;
  std::map<std::string, int> first_row;  // code -> the row it was first given on
  for (std::size_t r = header + 1; r < t.rows.size(); ++r) {
    const RawRow& row = t.rows[r];
    std::string v[3];
    for (int k = 0; k < 3; ++k)
      if (static_cast<std::size_t>(column[k]) < row.cells.size()) v[k] = std::string(trim_wide(row.cells[column[k]]));
    if (v[0].empty() && v[1].empty() && v[2].empty()) continue;
    const std::string n = "第 " + std::to_string(row.number) + " 行";
    auto fault = [&](const char* code, int k, const std::string& message) -> Diagnostic& {
      return diags.error(code, t.at(display, row.number, column[k]), message);
    };
    Agency a;
    a.code = v[0];
    a.name = v[1];
    bool ok = true;
    if (v[0].empty()) {
      fault("E521", 0, n + "没有填单位代码。").expected = "每个单位一个代码，例如 FC001";
      ok = false;
    } else if (auto [it, added] = first_row.emplace(v[0], row.number); !added) {
      auto& d = fault("E522", 0, n + "的单位代码 " + v[0] + " 与第 " + std::to_string(it->second) + " 行重复。");
      d.found = v[0];
      d.expected = "每个单位的代码各不相同";
      ok = false;
    }
    if (v[1].empty()) {
      fault("E521", 1, n + "没有填单位名称。").expected = "单位的全称，例如 丰城市发展和改革委员会";
      ok = false;
    }
    if (!kind_of(v[2], a.kind)) {
      auto& d = fault("E523", 2, n + "的类型" + (v[2].empty() ? "没有填。" : "「" + v[2] + "」不认识。"));
      d.found = v[2].empty() ? "（空白）" : v[2];
      d.expected = "部门、乡镇、街道或本级政府";
      ok = false;
    }
    if (ok) out.push_back(std::move(a));
  }
  if (diags.error_count() > errors) return std::nullopt;
  if (out.empty()) {
    diags.error("E521", SourceLocation{display, 0, 0}, "名单文件的表头下面没有任何单位。").expected = "表头下每行一个单位";
    return std::nullopt;
  }
  return out;
}

// The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, line
// breaks), each numbered by the line it starts on.
RawTable csv_rows(std::string_view text) {
  RawTable t;
  int line = 1;
  RawRow row{1, {""}};
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        row.cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        row.cells.back() += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.cells.emplace_back();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || row.cells.size() > 1 || !row.cells[0].empty()) t.rows.push_back(std::move(row));
      row = RawRow{++line, {""}};
      any = false;
    } else {
      row.cells.back() += c;
      any = true;
    }
  }
  if (any || row.cells.size() > 1 || !row.cells[0].empty()) t.rows.push_back(std::move(row));
  return t;
}

// The first sheet of a workbook as rows.
std::optional<RawTable> sheet_rows(const std::string& fs_path, const std::string& display, Diagnostics& diags) {
  auto wb = open_workbook_file(fs_path, display, diags);
  if (!wb) return std::nullopt;
  if (wb->sheets().empty() || wb->sheets()[0].part.empty()) {
    diags.error("E520", SourceLocation{display, 0, 0}, "名单文件的第一张工作表不是表格（是图表或空的工作簿）。").expected =
        "第一张工作表中是名单：单位代码、单位名称、类型三列";
    return std::nullopt;
  }
  std::vector<SheetCell> cells;
  if (!wb->read_sheet(0, kMaxRosterCells, cells, diags)) return std::nullopt;
  RawTable t;
  t.sheet = wb->sheets()[0].name;
  for (const SheetCell& c : cells) {
    if (t.rows.empty() || t.rows.back().number != c.ref.row) t.rows.push_back(RawRow{c.ref.row, {}});
    auto& row = t.rows.back().cells;
    if (row.size() < static_cast<std::size_t>(c.ref.col)) row.resize(static_cast<std::size_t>(c.ref.col));
    row[static_cast<std::size_t>(c.ref.col - 1)] = cell_text(c.value);
  }
  return t;
}

bool is_csv(const std::string& path) {
  return path.size() > 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 || path.compare(path.size() - 4, 4, ".CSV") == 0);
}

}  // namespace

std::optional<std::vector<Agency>> read_roster_csv(std::string bytes, const std::string& display, Diagnostics& diags) {
  DecodedText text = decode_unlabelled_text(std::move(bytes));
  if (!text.ok) {
    diags.error(text.code, SourceLocation{display, text.line, text.column}, text.message);
    return std::nullopt;
  }
  return agencies_of(csv_rows(text.text), display, diags);
}

std::optional<std::vector<Agency>> read_roster_file(const std::string& fs_path, const std::string& display,
                                                    Diagnostics& diags) {
  if (!is_csv(fs_path)) {
    auto rows = sheet_rows(fs_path, display, diags);
    if (!rows) return std::nullopt;
    return agencies_of(*rows, display, diags);
  }
  std::ifstream in(fs_path, std::ios::binary);
  if (!in) {
    diags.error("E001", SourceLocation{display, 0, 0}, "无法读取名单文件。");
    return std::nullopt;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() > kMaxInputBytes) {
    diags.error("E003", SourceLocation{display, 0, 0}, "名单文件过大（超过 64 MB）。");
    return std::nullopt;
  }
  return read_roster_csv(std::move(bytes), display, diags);
}

}  // namespace nianbao
