#include "app/new_command.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "app/init_command.h"
#include "app/setup.h"
#include "app/templates_dir.h"
#include "format/format.h"
#include "input/readers.h"
#include "input/roster_file.h"
#include "input/xml_file.h"
#include "template/docx/docx_template.h"
#include "template/narrative.h"
#include "template/report_names.h"
#include "text/escape.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

struct Region {
  std::string code, name;
};

// "360981:丰城市" (a full-width colon too) -> code and name; false when either is missing.
bool parse_region(const std::string& text, Region& out) {
  std::size_t at = text.find(':'), len = 1;
  if (std::size_t wide = text.find("："); wide != std::string::npos && wide < at) at = wide, len = 3;
  if (at == std::string::npos) return false;
  out.code = text.substr(0, at);
  out.name = text.substr(at + len);
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; };
  return !blank(out.code) && !blank(out.name);
}

// The format's sections as templates/<format>/new-report.xml writes them; a section it does not
// write (or a format without the file) gets one sentence asking for the text.
std::vector<SkeletonSection> skeleton_for(const Format& format, Diagnostics& diags) {
  std::vector<SkeletonSection> given;
  const std::string path = format.dir + "/new-report.xml";
  if (fs::exists(path)) {
    auto xml = load_xml_file(path, path, diags);
    if (!xml) return {};
    given = read_report_skeleton(*xml, diags);
    for (const auto& s : given)
      if (!format.find_section(s.id)) diags.error("E507", SourceLocation{path, 0, 0}, "格式 " + format.id + " 没有章节 " + s.id + "。");
  }
  std::vector<SkeletonSection> out;
  for (const auto& def : format.sections) {
    auto it = std::find_if(given.begin(), given.end(), [&](const SkeletonSection& s) { return s.id == def.id; });
    out.push_back(it != given.end() ? *it : SkeletonSection{def.id, def.heading, {"（请在此填写「" + def.heading + "」的内容。）"}});
  }
  return out;
}

std::string report_xml(const Options& o, const Region& region, const std::vector<Agency>& roster,
                       const std::vector<SkeletonSection>& sections) {
  const std::string title = region.name + std::to_string(o.year) + "年政府信息公开工作年度报告";
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<!-- " + comment_text(title) + " · 报告文件，由 nianbao new 生成。\n"
       "     请修改：编制单位（compiler）、联系人和电话（contact）、各章节的文字。文字中的 {{…}} 是汇总的数据，生成报告时自动填入；\n"
       "     名单（roster）来自 " + comment_text(fs::path(o.roster).filename().string()) +
       "，kind：department 部门，township 乡镇、街道，government 本级政府。\n"
       "     改好后运行 nianbao init 为名单上的每个单位生成填报表。 -->\n";
  x += "<report format=\"" + xml_escape(o.format) + "\" year=\"" + std::to_string(o.year) + "\">\n";
  x += "  <title>" + xml_escape(title) + "</title>\n";
  x += "  <compiler>" + xml_escape(region.name) + "人民政府办公室</compiler>\n";
  x += "  <region code=\"" + xml_escape(region.code) + "\">" + xml_escape(region.name) + "</region>\n";
  x += "  <contact name=\"（请填写联系人）\" phone=\"（请填写联系电话）\"/>\n";
  x += "  <roster>\n";
  for (const Agency& a : roster)
    x += "    <agency code=\"" + xml_escape(a.code) + "\" name=\"" + xml_escape(a.name) + "\" kind=\"" + agency_kind_id(a.kind) + "\"/>\n";
  x += "  </roster>\n";
  for (const SkeletonSection& s : sections) {
    x += "  <!-- " + comment_text(s.hint) + " -->\n";
    x += "  <section id=\"" + xml_escape(s.id) + "\">\n";
    for (const auto& p : s.paragraphs) x += "    <p>" + xml_escape(p) + "</p>\n";
    x += "  </section>\n";
  }
  return x + "</report>\n";
}

// What `build` checks of a report file before anything else (setup.h), on the file as written:
// a roster value the program cannot take back is found here, not at the office's first run.
bool passes_setup(const std::string& path, const std::string& display, const Format& format, Diagnostics& diags) {
  auto report = read_report_file(path, display, true, diags);
  if (!report) return false;
  check_report_sections(*report, format, diags);
  ReportNames names(format, &*report, nullptr);
  for (const auto& sec : report->sections)
    for (const auto& p : sec.paragraphs) tmpl::check_narrative(p.text, names, "E505", p.where, diags);
  return !diags.has_errors();
}

void print(const Diagnostics& d) {
  for (const auto& x : d.items()) std::cerr << format_diagnostic(x) << "\n";
}

// Writes `text` to a new file of our own in `dir` and returns its path. Throws std::runtime_error.
fs::path write_temp(const fs::path& dir, const std::string& text) {
  std::string pattern = (dir / ".report.xml-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("无法在 " + dir.string() + " 中写入：" + std::strerror(errno));
  ::close(fd);
  errno = 0;
  std::ofstream f(pattern, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) {
    ::unlink(pattern.c_str());
    throw std::runtime_error("无法写入 " + pattern + "：" + (errno ? std::strerror(errno) : "写入失败"));
  }
  return pattern;
}

}  // namespace

int run_new(const Options& o) {
  Region region;
  if (!parse_region(o.region, region)) {
    std::cerr << "选项 --region 应写作 行政区划代码:地区名称，例如 --region 360981:丰城市。\n";
    return 2;
  }
  if (o.year < 1990 || o.year > 2100) {
    std::cerr << "选项 --year 应为四位年份，例如 --year 2025。\n";
    return 2;
  }
  const fs::path target = fs::path(o.output) / "report.xml";
  std::error_code ec;
  if (fs::symlink_status(target, ec).type() != fs::file_type::not_found) {
    std::cerr << "已有 " << target.string() << "，未覆盖，什么也没有写；要重新生成，请先把它移走或改名。\n";
    return 2;
  }
  Format format;
  Diagnostics d;
  std::vector<SkeletonSection> sections;
  try {
    format = load_format(find_templates_dir(o.templates_dir), o.format);
  } catch (const FormatError& e) {
    std::cerr << "无法使用格式 " << o.format << "：" << e.what() << "\n";
    return 2;
  }
  sections = skeleton_for(format, d);
  if (d.has_errors()) {
    print(d);
    return 2;
  }
  auto roster = read_roster_file(o.roster, o.roster, d);
  if (!roster) {
    print(d);
    std::cerr << "名单 " << o.roster << " 有误，未写入 " << target.string() << "（退出状态 2）；请改正后重新运行。\n";
    return 2;
  }
  fs::create_directories(o.output, ec);
  if (ec || !fs::is_directory(o.output)) {
    std::cerr << "无法创建目录 " << o.output << "：" << (ec ? ec.message() : "已有同名的文件") << "，什么也没有写。\n";
    return 2;
  }
  try {
    const fs::path temp = write_temp(o.output, report_xml(o, region, *roster, sections));
    Diagnostics check;
    if (!passes_setup(temp.string(), target.string(), format, check)) {
      ::unlink(temp.c_str());
      print(check);
      std::cerr << "生成的报告文件无法通过校验，未写入 " << target.string() << "（退出状态 2）。\n";
      return 2;
    }
    if (!move_without_replacing(temp, target)) {
      ::unlink(temp.c_str());
      std::cerr << "已有 " << target.string() << "，未覆盖，什么也没有写；要重新生成，请先把它移走或改名。\n";
      return 2;
    }
  } catch (const std::runtime_error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::size_t kinds[3] = {0, 0, 0};
  for (const Agency& a : *roster) ++kinds[static_cast<int>(a.kind)];
  std::cout << "已写入 " << target.string() << "：" << region.name << o.year << "年政府信息公开工作年度报告，格式 " << format.id
            << "，名单 " << roster->size() << " 个单位（部门 " << kinds[0] << " 个，乡镇、街道 " << kinds[1] << " 个，本级政府 "
            << kinds[2] << " 个）。\n下一步：修改其中的编制单位、联系人和各章节的文字，再运行 nianbao init --inputs " << o.output
            << " --output 下发，为每个单位生成填报表。\n";
  return 0;
}

}  // namespace nianbao
