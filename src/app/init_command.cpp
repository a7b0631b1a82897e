#include "app/init_command.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>

#include "app/setup.h"
#include "app/templates_dir.h"
#include "format/format.h"
#include "render/form_writer.h"
#include "render/outputs.h"
#include "text/escape.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

// "--" may not appear inside an XML comment; labels never hold it, but be safe.
std::string comment_text(std::string s) {
  for (std::size_t p; (p = s.find("--")) != std::string::npos;) s.replace(p, 2, "－－");
  return s;
}

std::string blank_submission(const Format& f, const ReportFile& r, const Agency& a) {
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

/// The file an agency's hand-out is written to: the code alone for XML (as before), code and name
/// for a form, so that a clerk sees whose form it is; both made safe for every file system.
std::string handout_name(const Agency& a, bool form) {
  return form ? safe_file_name(a.code + "-" + a.name) + ".xlsx" : safe_file_name(a.code) + ".xml";
}

/// A message naming every two roster agencies whose hand-outs would share a file, or "".
std::string name_collisions(const std::vector<Agency>& roster, const std::vector<std::string>& names) {
  std::string out;
  for (auto [earlier, later] : file_name_clashes(names)) {
    const Agency &a = roster[earlier], &b = roster[later];
    out += "  单位 " + a.code + "（" + a.name + "）与 " + b.code + "（" + b.name + "）的下发文件都会是 " + names[later] + "\n";
  }
  return out;
}

/// A folder of our own inside the target folder (mkdtemp: mode 0700, a fresh name), where each
/// hand-out is written whole before it is moved into place; removed with what is left in it.
class Staging {
 public:
  explicit Staging(const fs::path& dir) {
    std::string pattern = (dir / ".nianbao-init-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("无法在 " + dir.string() + " 中建立临时目录：" + std::strerror(errno));
    path_ = pattern;
  }
  ~Staging() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Moves `from` to `to` unless anything is at `to` (a file, a folder, a symbolic link even if it
/// points nowhere): nothing is replaced and no link is followed. Returns false when `to` exists;
/// throws std::runtime_error naming `to` on any other failure.
bool move_without_replacing(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno == EINVAL || errno == ENOSYS) {  // a file system without RENAME_NOREPLACE: link(2) never replaces either
    if (::link(from.c_str(), to.c_str()) == 0) {
      ::unlink(from.c_str());
      return true;
    }
    if (errno == EEXIST) return false;
  }
  throw std::runtime_error("无法写入 " + to.string() + "：" + std::strerror(errno));
}

/// Writes each roster agency's hand-out to <output>/names[i], keeping whatever is already there.
int write_handouts(const Options& o, const Format& format, const ReportFile& report, const std::vector<std::string>& names,
                   bool form) {
  std::error_code ec, is_dir_ec;
  fs::create_directories(o.output, ec);
  if (ec || !fs::is_directory(o.output, is_dir_ec)) {
    std::cerr << "无法创建目录 " << o.output << "：" << (ec ? ec.message() : "已有同名的文件") << "，未生成任何文件。\n";
    return 2;
  }
  Staging staging(o.output);
  FormOptions options{date_to_time(output_date(report)), ""};
  std::size_t written = 0, kept = 0;
  for (std::size_t i = 0; i < report.roster.size(); ++i) {
    const Agency& a = report.roster[i];
    const fs::path out = fs::path(o.output) / names[i], temp = staging.path() / names[i];
    // Never overwrite a file an agency may already have filled in, nor write through a link.
    if (fs::symlink_status(out, ec).type() != fs::file_type::not_found) {
      if (fs::is_symlink(fs::symlink_status(out, ec))) std::cerr << "未写入 " << out.string() << "：那里是一个符号链接。\n";
      ++kept;
      continue;
    }
    try {
      if (form) {
        options.shown_path = out.string();
        write_form(format, report, a, temp.string(), options);
      } else {
        errno = 0;
        std::ofstream f(temp, std::ios::binary);
        f << blank_submission(format, report, a);
        f.close();  // what is still buffered is written here, and may fail here
        if (!f) throw std::runtime_error("无法写入 " + out.string() + "：" + (errno ? std::strerror(errno) : "写入失败"));
      }
      if (move_without_replacing(temp, out)) ++written;
      else ++kept;
    } catch (const std::runtime_error& e) {
      std::cerr << e.what() << "\n";
      if (written) std::cerr << "已为 " << written << " 个单位生成下发文件，其余未生成。\n";
      return 2;
    }
  }
  std::cout << "已为 " << written << " 个单位生成" << (form ? "报送表（.xlsx）" : "空白报送文件（.xml）") << "，放在 "
            << o.output << "。";
  if (kept) std::cout << "另有 " << kept << " 个已存在的文件未覆盖。";
  std::cout << "\n";
  return 0;
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
  const bool form = o.form != "xml";
  try {
    format = load_format(find_templates_dir(o.templates_dir), report->format);
    if (form) form_names(format);  // a format Excel cannot name fails before any file is written
  } catch (const FormatError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::vector<std::string> names;
  for (const auto& a : report->roster) names.push_back(handout_name(a, form));
  if (std::string clashes = name_collisions(report->roster, names); !clashes.empty()) {
    std::cerr << "下列单位的下发文件重名，未生成任何文件；请修改 " << path << " 中的单位代码或名称：\n" << clashes;
    return 2;
  }
  return write_handouts(o, format, *report, names, form);
}

}  // namespace nianbao
