// Builds .xlsx workbooks in memory for tests, fuzz seeds and the form benchmark: hand-written
// SpreadsheetML in the shapes Excel, LibreOffice and openpyxl write, zipped with the project's
// own zip writer; and a filled nianbao form laid out from a Format's table layouts, with labels,
// formulas for computed cells, data validation and sheet protection, as `nianbao init` lays
// one out. Header-only: the unit tests and tools/form_bench.cpp include it.
#pragma once

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "format/format.h"
#include "input/xlsx_refs.h"
#include "text/escape.h"
#include "zip/zip_writer.h"

namespace formtest {

/// Which program's habits the SpreadsheetML follows.
enum class Flavour {
  kExcel,        // shared strings, numbers without t, formulas with cached values, relative targets
  kLibreOffice,  // shared strings with xml:space, t="n", &apos; in names, names sorted, other rIds
  kOpenpyxl,     // inline strings, t="n", absolute targets (/xl/...), formulas with an empty <v>
  kPrefixed,     // every element prefixed (x:), parts under unusual names (xl/wb.xml, xl/ws/…)
};

struct Cell {
  std::string t;           // the t attribute ("" none)
  std::string inner;       // the XML inside <c>
  std::string text;        // a string: stored as the flavour stores strings
  bool is_text = false;
  std::string attrs;       // more attributes, e.g. " s=\"1\""
};

inline Cell number(const std::string& v) { return Cell{"", "<v>" + v + "</v>", "", false, ""}; }
inline Cell text(const std::string& s) { return Cell{"", "", s, true, ""}; }
inline Cell raw(const std::string& t, const std::string& inner) { return Cell{t, inner, "", false, ""}; }
inline Cell formula(const std::string& f, const std::string& cached) {
  return Cell{"", "<f>" + f + "</f>" + (cached.empty() ? "" : "<v>" + cached + "</v>"), "", false, ""};
}

// LibreOffice writes &apos; where the others write the apostrophe itself.
inline std::string escape(const std::string& s, bool apos = false) {
  std::string out = nianbao::xml_escape(s);
  if (!apos) return out;
  std::string with;
  for (char c : out) with += c == '\'' ? std::string("&apos;") : std::string(1, c);
  return with;
}

/// The bytes of a zip holding `members`, written by the project's zip writer.
inline std::string zip_bytes(const std::vector<std::pair<std::string, std::string>>& members) {
  char tmpl[] = "/tmp/nianbao-formtest-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd >= 0) ::close(fd);
  nianbao::write_zip(tmpl, members, 1u << 20);  // large (hostile) members at zlib's fastest level
  std::ifstream in(tmpl, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::remove(tmpl);
  return s.str();
}

struct Sheet {
  std::string name;
  std::map<std::pair<int, int>, Cell> cells;  // (row, col), 1-based
  std::string after_data;                     // mergeCells, protection, dataValidations …
};

class WorkbookBuilder {
 public:
  explicit WorkbookBuilder(Flavour f = Flavour::kExcel) : flavour(f) {}
  Flavour flavour;
  std::vector<Sheet> sheets;
  std::vector<std::pair<std::string, std::string>> names;  // name, formula (unescaped)
  std::vector<std::pair<std::string, std::string>> local_names;  // "sheet-index:name", formula
  /// Members replaced or added after the workbook's own (a hostile part, a DTD …).
  std::map<std::string, std::string> override_members;

  Sheet& sheet(const std::string& name) {
    for (auto& s : sheets)
      if (s.name == name) return s;
    sheets.push_back(Sheet{name, {}, ""});
    return sheets.back();
  }
  void set(const std::string& sheet_name, const std::string& ref, Cell c) {
    nianbao::CellRef r;
    nianbao::parse_cell_ref(ref, r);
    sheet(sheet_name).cells[{r.row, r.col}] = std::move(c);
  }
  void name(const std::string& n, const std::string& formula) { names.emplace_back(n, formula); }
  /// "'Sheet name'!$D$12" (apostrophes doubled).
  static std::string ref(const std::string& sheet_name, const std::string& cell) {
    std::string quoted;
    for (char c : sheet_name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    std::string abs = "$";
    for (char c : cell) abs += (c >= '0' && c <= '9' && abs.back() >= 'A') ? std::string("$") + c : std::string(1, c);
    return "'" + quoted + "'!" + abs;
  }

  std::string workbook_part() const { return flavour == Flavour::kPrefixed ? "xl/wb.xml" : "xl/workbook.xml"; }
  std::string sheet_part(std::size_t i) const {
    return (flavour == Flavour::kPrefixed ? "xl/ws/s" : "xl/worksheets/sheet") + std::to_string(i + 1) + ".xml";
  }

  std::vector<std::pair<std::string, std::string>> members() const {
    const bool px = flavour == Flavour::kPrefixed;
    const std::string p = px ? "x:" : "";
    const std::string ns = px ? " xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                              : " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    const std::string decl = flavour == Flavour::kOpenpyxl ? "" : "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::vector<std::string> strings;
    std::map<std::string, std::size_t> string_index;
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<std::string> sheet_xml;
    for (const auto& s : sheets) {
      std::string x = decl + "<" + p + "worksheet" + ns + " xmlns:r=\"" + rel_ns + "\"><" + p + "sheetData>";
      int row = 0;
      for (const auto& [pos, c] : s.cells) {
        if (pos.first != row) {
          if (row) x += "</" + p + "row>";
          row = pos.first;
          x += "<" + p + "row r=\"" + std::to_string(row) + "\">";
        }
        std::string t = c.t, inner = c.inner;
        if (c.is_text && flavour == Flavour::kOpenpyxl) {
          t = "inlineStr";
          inner = "<" + p + "is><" + p + "t>" + escape(c.text) + "</" + p + "t></" + p + "is>";
        } else if (c.is_text) {
          auto [it, added] = string_index.emplace(c.text, strings.size());
          if (added) strings.push_back(c.text);
          t = "s";
          inner = "<" + p + "v>" + std::to_string(it->second) + "</" + p + "v>";
        } else if (px) {
          for (const char* tag : {"v>", "f>", "f ", "is>", "t>", "r>"}) {
            for (std::size_t at = inner.find(std::string("<") + tag); at != std::string::npos; at = inner.find(std::string("<") + tag, at + 3))
              inner.insert(at + 1, "x:");
            for (std::size_t at = inner.find(std::string("</") + tag); at != std::string::npos; at = inner.find(std::string("</") + tag, at + 4))
              inner.insert(at + 2, "x:");
          }
        }
        if (t.empty() && (flavour == Flavour::kOpenpyxl || flavour == Flavour::kLibreOffice) && inner.find("<v>") != std::string::npos &&
            inner.find("<f>") == std::string::npos)
          t = "n";
        x += "<" + p + "c r=\"" + nianbao::cell_ref_text({pos.first, pos.second}) + "\"" + c.attrs + (t.empty() ? "" : " t=\"" + t + "\"");
        x += inner.empty() ? "/>" : ">" + inner + "</" + p + "c>";
      }
      if (row) x += "</" + p + "row>";
      x += "</" + p + "sheetData>" + s.after_data + "</" + p + "worksheet>";
      sheet_xml.push_back(std::move(x));
    }

    const bool lo = flavour == Flavour::kLibreOffice;
    std::string wb = decl + "<" + p + "workbook" + ns + " xmlns:r=\"" + rel_ns + "\"><" + p + "sheets>";
    for (std::size_t i = 0; i < sheets.size(); ++i)
      wb += "<" + p + "sheet name=\"" + escape(sheets[i].name, lo) + "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"rId" +
            std::to_string(i + (lo ? 2 : 1)) + "\"/>";
    wb += "</" + p + "sheets><" + p + "definedNames>";
    auto all = names;
    if (lo) std::sort(all.begin(), all.end());
    for (const auto& [n, f] : all) wb += "<" + p + "definedName name=\"" + escape(n) + "\">" + escape(f, lo) + "</" + p + "definedName>";
    for (const auto& [n, f] : local_names) {
      std::size_t colon = n.find(':');
      wb += "<" + p + "definedName name=\"" + escape(n.substr(colon + 1)) + "\" localSheetId=\"" + n.substr(0, colon) + "\">" + escape(f) +
            "</" + p + "definedName>";
    }
    wb += "</" + p + "definedNames></" + p + "workbook>";

    const bool abs = flavour == Flavour::kOpenpyxl;
    const std::string dir = abs ? "/xl/" : "";
    std::string rels = decl + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      std::string target = sheet_part(i).substr(3);
      rels += "<Relationship Id=\"rId" + std::to_string(i + (lo ? 2 : 1)) + "\" Type=\"" + rel_ns + "/worksheet\" Target=\"" + dir + target + "\"/>";
    }
    rels += "<Relationship Id=\"rIdStyles\" Type=\"" + rel_ns + "/styles\" Target=\"" + dir + "styles.xml\"/>";
    if (!strings.empty())
      rels += "<Relationship Id=\"rIdSst\" Type=\"" + rel_ns + "/sharedStrings\" Target=\"" + dir + "sharedStrings.xml\"/>";
    rels += "</Relationships>";

    const std::string ml = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    std::string types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        "<Override PartName=\"/" + workbook_part() + "\" ContentType=\"" + ml + "sheet.main+xml\"/>"
                        "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + ml + "styles+xml\"/>";
    for (std::size_t i = 0; i < sheets.size(); ++i)
      types += "<Override PartName=\"/" + sheet_part(i) + "\" ContentType=\"" + ml + "worksheet+xml\"/>";
    if (!strings.empty()) types += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" + ml + "sharedStrings+xml\"/>";
    types += "</Types>";
    std::string root_rels = decl + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                   "<Relationship Id=\"rId1\" Type=\"" + rel_ns + "/officeDocument\" Target=\"" + workbook_part() + "\"/></Relationships>";
    out.emplace_back("[Content_Types].xml", types);
    out.emplace_back("_rels/.rels", root_rels);
    out.emplace_back(workbook_part(), wb);
    const std::string wb_dir = workbook_part().substr(0, workbook_part().rfind('/') + 1);
    out.emplace_back(wb_dir + "_rels/" + workbook_part().substr(wb_dir.size()) + ".rels", rels);
    for (std::size_t i = 0; i < sheets.size(); ++i) out.emplace_back(sheet_part(i), sheet_xml[i]);
    out.emplace_back("xl/styles.xml", decl + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"0\"/>"
                                             "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/></font></fonts>"
                                             "<cellXfs count=\"2\"><xf/><xf applyProtection=\"1\"><protection locked=\"0\"/></xf></cellXfs></styleSheet>");
    if (!strings.empty()) {
      std::string sst = decl + "<" + p + "sst" + ns + " count=\"" + std::to_string(strings.size()) + "\" uniqueCount=\"" + std::to_string(strings.size()) + "\">";
      for (const auto& s : strings)
        sst += "<" + p + "si><" + p + "t" + (lo ? " xml:space=\"preserve\"" : "") + ">" + escape(s) + "</" + p + "t></" + p + "si>";
      sst += "</" + p + "sst>";
      out.emplace_back("xl/sharedStrings.xml", sst);
    }
    for (auto& [name, data] : out)
      if (auto it = override_members.find(name); it != override_members.end()) data = it->second;
    for (const auto& [name, data] : override_members) {
      bool present = false;
      for (const auto& m : out) present = present || m.first == name;
      if (!present) out.emplace_back(name, data);
    }
    return out;
  }

  std::string bytes() const { return zip_bytes(members()); }
};

/// What goes into a form: the identity, figure cells by path ("requests.new.natural"; absent
/// ones are left blank), and the contact and narrative cells by name ("contact.name").
struct FormFill {
  std::string format_id = "xxgk-2021";
  std::string year = "2025";
  std::string code = "FC001";
  std::string agency = "丰城市发展和改革委员会";
  std::map<std::string, Cell> figures;
  std::map<std::string, std::string> texts;
  bool identity_as_constants = false;  // nianbao.format / nianbao.year as constants, not cells
  /// One data validation per input cell; otherwise one per kind of cell and sheet, its sqref
  /// listing the cells, as Excel stores a rule applied to many cells.
  bool validation_per_cell = false;
  int rows_inserted = 0;  // rows a clerk inserted above each table (the names move with the cells)
};

/// Where the builder puts a figure cell: its layout position on its table's sheet, one row down
/// for a title line.
inline std::string form_cell(const nianbao::Format& f, int cell, int rows_inserted = 0) {
  const auto& c = f.cells[static_cast<std::size_t>(cell)];
  for (const auto& lc : f.tables[static_cast<std::size_t>(c.table)].layout.cells)
    if (lc.is_value && lc.cell == cell) return nianbao::cell_ref_text({lc.row + 2 + rows_inserted, lc.col + 1});
  return "";
}

/// The narrative and contact names the builder lays out on 文字, in order, and their cells.
inline std::vector<std::pair<std::string, std::string>> form_text_cells(const nianbao::Format& f) {
  std::vector<std::pair<std::string, std::string>> out = {{"contact.name", "B3"}, {"contact.phone", "B4"}};
  int row = 6;
  for (const auto& s : f.sections) out.emplace_back("text." + s.id, "B" + std::to_string(row++));
  for (int n = 1; n <= 10; ++n) {
    out.emplace_back("text.highlight." + std::to_string(n) + ".title", "B" + std::to_string(row++));
    out.emplace_back("text.highlight." + std::to_string(n) + ".body", "B" + std::to_string(row++));
  }
  return out;
}

inline std::string validation(bool money, const std::string& sqref) {
  return std::string("<dataValidation type=\"") + (money ? "decimal" : "whole") +
         "\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" "
         "errorTitle=\"输入有误\" error=\"请填写不小于 0 的数字\" promptTitle=\"填写说明\" prompt=\"没有数据填 0 或留空\" sqref=\"" + sqref +
         "\"><formula1>0</formula1></dataValidation>";
}

/// A filled form for `f`: 说明 (identity and instructions), one sheet per table in its layout,
/// 文字 (contact and narrative); every input cell named table.row.column.
inline WorkbookBuilder make_form(const nianbao::Format& f, const FormFill& fill, Flavour flavour = Flavour::kExcel) {
  WorkbookBuilder b(flavour);
  const std::string info = "说明";
  b.set(info, "A1", text(f.name + "填报表"));
  const char* labels[] = {"报表格式", "年度", "单位代码", "单位名称"};
  const std::string values[] = {fill.format_id, fill.year, fill.code, fill.agency};
  const char* ids[] = {"nianbao.format", "nianbao.year", "nianbao.agency.code", "nianbao.agency.name"};
  for (int i = 0; i < 4; ++i) {
    const std::string row = std::to_string(3 + i);
    b.set(info, "A" + row, text(labels[i]));
    if (fill.identity_as_constants && i < 2) {
      b.name(ids[i], i == 0 ? "\"" + values[i] + "\"" : values[i]);
    } else {
      b.set(info, "B" + row, i == 1 ? number(values[i]) : text(values[i]));
      b.name(ids[i], WorkbookBuilder::ref(info, "B" + row));
    }
  }
  for (int i = 0; i < 12; ++i)
    b.set(info, "A" + std::to_string(9 + i), text("填报说明第" + std::to_string(i + 1) + "条：没有数据的格子填 0 或留空；合计由程序计算，不必填写。"));
  for (std::size_t t = 0; t < f.tables.size(); ++t) {
    const auto& table = f.tables[t];
    Sheet& s = b.sheet(table.sheet);
    s.cells[{1, 1}] = text(table.title);
    for (int i = 0; i < fill.rows_inserted; ++i) s.cells[{2 + i, 1}] = text("（单位自行插入的行）");
    std::string validations, merges;
    std::string sqref[2];  // count cells, money cells
    int count = 0;
    for (auto lc : table.layout.cells) {
      lc.row += fill.rows_inserted;
      const std::string ref = nianbao::cell_ref_text({lc.row + 2, lc.col + 1});
      if (lc.rowspan > 1 || lc.colspan > 1)
        merges += "<mergeCell ref=\"" + ref + ":" + nianbao::cell_ref_text({lc.row + 1 + lc.rowspan, lc.col + lc.colspan}) + "\"/>";
      if (!lc.is_value) {
        if (!lc.text.empty()) s.cells[{lc.row + 2, lc.col + 1}] = text(lc.text);
        continue;
      }
      const auto& def = f.cells[static_cast<std::size_t>(lc.cell)];
      if (def.computed()) {
        std::string sum;
        for (int k : def.sum_of) sum += (sum.empty() ? "" : ",") + form_cell(f, k, fill.rows_inserted);
        s.cells[{lc.row + 2, lc.col + 1}] = formula("SUM(" + sum + ")", "0");
        continue;
      }
      const std::string path = f.cell_path(lc.cell);
      b.name(path, WorkbookBuilder::ref(table.sheet, ref));
      auto it = fill.figures.find(path);
      Cell c = it != fill.figures.end() ? it->second : raw("", "");
      c.attrs = " s=\"1\"";
      s.cells[{lc.row + 2, lc.col + 1}] = c;
      const bool money = def.type == nianbao::ValueType::kMoney;
      if (!fill.validation_per_cell) {
        sqref[money] += (sqref[money].empty() ? "" : " ") + ref;
        continue;
      }
      ++count;
      validations += validation(money, ref);
    }
    for (int money = 0; money < 2; ++money)
      if (!sqref[money].empty()) {
        ++count;
        validations += validation(money, sqref[money]);
      }
    s.after_data = "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\"/>" +
                   (merges.empty() ? "" : "<mergeCells>" + merges + "</mergeCells>") +
                   "<dataValidations count=\"" + std::to_string(count) + "\">" + validations + "</dataValidations>";
  }
  const std::string words = "文字";
  b.set(words, "A1", text("文字材料与联系人"));
  for (const auto& [name, cell] : form_text_cells(f)) {
    nianbao::CellRef r;
    nianbao::parse_cell_ref(cell, r);
    b.set(words, "A" + std::to_string(r.row), text(name));
    b.name(name, WorkbookBuilder::ref(words, cell));
    if (auto it = fill.texts.find(name); it != fill.texts.end()) b.set(words, cell, text(it->second));
  }
  return b;
}

}  // namespace formtest
