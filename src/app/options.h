// What the command line asks for, independent of how it was parsed.
#pragma once

#include <string>

namespace nianbao {

enum class Command { kBuild, kValidate, kTemplateCheck, kTemplateExport, kInit, kNew };

struct Options {
  Command command = Command::kBuild;
  std::string inputs = "inputs";
  std::string output = "output";
  std::string previous;       // last year's output folder, or its merged.xml
  std::string template_path;  // a .docx or a template folder; "" = the format's shipped template
  std::string templates_dir;  // where format folders live; "" = found automatically
  std::string format;         // template commands without inputs; new: the report's format
  std::string export_path;    // template export
  int year = 0;               // new: the report's year
  std::string region;         // new: "360981:丰城市"
  std::string roster;         // new: the roster spreadsheet or CSV
  std::string form = "xlsx";  // init: the hand-out, an .xlsx form or an XML submission ("xml")
  bool strict = false;
  bool pdf = false;         // also write the document as PDF (needs LibreOffice)
  bool per_agency = false;  // also write each agency's own report under output/agencies/
  bool timings = false;
  int threads = 0;            // 0 = all cores
};

}  // namespace nianbao
