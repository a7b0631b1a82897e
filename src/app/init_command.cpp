#include "app/init_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/setup.h"
#include "app/templates_dir.h"
#include "format/format.h"
#include "render/outputs.h"
#include "template/docx/docx_template.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

// "--" may not appear inside an XML comment; labels never hold it, but be safe.
std::string comment_text(std::string s) {
  for (std::size_t p; (p = s.find("--")) != std::string::npos;) s.replace(p, 2, "－－");
  return s;
}

std::string blank_submission(const Format& f, const ReportFile& r, const Agency& a) {
  using tmpl::xml_escape;
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<!-- " + comment_text(r.title) + " · 报送文件（" + comment_text(a.name) + "）\n"
       "     请在各单元格填入本单位 " + std::to_string(r.year) + " 年的数据：件数为不小于 0 的整数，金额最多 4 位小数；\n"
       "     没有数据的保留 0。合计（总计）由程序计算，不必填写。请勿修改 id、单位代码和表的结构。 -->\n";
  x += "<submission format=\"" + xml_escape(f.id) + "\" year=\"" + std::to_string(r.year) + "\">\n";
  x += "  <agency code=\"" + xml_escape(a.code) + "\" name=\"" + xml_escape(a.name) + "\" kind=\"" + agency_kind_id(a.kind) +
       "\"/>\n";
  x += "  <contact name=\"\" phone=\"\"/>\n";
  for (int t = 0; t < static_cast<int>(f.tables.size()); ++t) {
    const TableDef& table = f.tables[t];
    x += "\n  <!-- " + comment_text(table.title) + " -->\n";
    x += "  <table id=\"" + table.id + "\">\n";
    for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
      const RowDef& row = table.rows[r];
      std::string cols, labels;
      for (int c : row.columns) {
        int cell = table.cell_index[r][c];
        if (f.cells[cell].computed()) continue;
        cols += " " + table.columns[c].id + "=\"0\"";
        if (table.columns.size() > 1) labels += (labels.empty() ? "" : "，") + table.columns[c].id + "：" + table.columns[c].label;
      }
      std::string unit = !row.unit.empty() ? "（单位：" + row.unit + "）" : "";
      x += "    <!-- " + comment_text(f.row_full_label(t, r)) + unit;
      if (cols.empty()) {
        x += "：由程序计算，不必填写 -->\n";
        continue;
      }
      if (!labels.empty() && (r == 0 || row.columns != table.rows[r - 1].columns)) x += "；" + comment_text(labels);
      x += " -->\n    <row id=\"" + row.id + "\"" + cols + "/>\n";
    }
    x += "  </table>\n";
  }
  x += "\n  <!-- 本单位重点工作的文字（可选，可写多段；title 为小标题）。文字中可用 {{表.行.列}} 引用本单位的数据，例如：\n"
       "  <section id=\"highlights\" title=\"推进重点领域信息公开\">\n"
       "    <p>全年共新收政府信息公开申请{{requests.new.total}}件。</p>\n"
       "  </section>\n  -->\n";
  return x + "</submission>\n";
}

}  // namespace

int run_init(const Options& o) {
  std::string path = (fs::path(o.inputs) / "report.xml").string();
  Diagnostics d;
  std::optional<ReportFile> report = read_report_file(path, path, false, d);
  if (!report) {
    std::cerr << "无法读取 " << path << "，未生成任何文件：\n";
    for (const auto& x : d.items()) std::cerr << format_diagnostic(x) << "\n";
    return 2;
  }
  Format format;
  try {
    format = load_format(find_templates_dir(o.templates_dir), report->format);
  } catch (const FormatError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::error_code ec, is_dir_ec;
  fs::create_directories(o.output, ec);
  if (ec || !fs::is_directory(o.output, is_dir_ec)) {
    std::cerr << "无法创建目录 " << o.output << "：" << (ec ? ec.message() : "已有同名的文件") << "，未生成任何文件。\n";
    return 2;
  }
  std::size_t written = 0, kept = 0;
  for (const auto& a : report->roster) {
    fs::path out = fs::path(o.output) / (safe_file_name(a.code) + ".xml");
    if (fs::exists(out)) {  // never overwrite a file an agency may already have filled in
      ++kept;
      continue;
    }
    std::ofstream f(out, std::ios::binary);
    f << blank_submission(format, *report, a);
    f.close();  // what is still buffered is written here, and may fail here
    if (!f) {
      std::cerr << "无法写入 " << out.string() << "\n";
      return 2;
    }
    ++written;
  }
  std::cout << "已为 " << written << " 个单位生成空白报送文件，放在 " << o.output << "。";
  if (kept) std::cout << "另有 " << kept << " 个已存在的文件未覆盖。";
  std::cout << "\n";
  return 0;
}

}  // namespace nianbao
