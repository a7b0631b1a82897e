#include "model/report.h"

namespace nianbao {

bool parse_agency_kind(const std::string& text, AgencyKind& kind) {
  if (text == "department") kind = AgencyKind::kDepartment;
  else if (text == "township") kind = AgencyKind::kTownship;
  else if (text == "government") kind = AgencyKind::kGovernment;
  else return false;
  return true;
}

const char* agency_kind_id(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kDepartment: return "department";
    case AgencyKind::kTownship: return "township";
    case AgencyKind::kGovernment: return "government";
  }
  return "department";
}

const char* agency_kind_label(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kDepartment: return "部门";
    case AgencyKind::kTownship: return "乡镇（街道）";
    case AgencyKind::kGovernment: return "本级政府";
  }
  return "部门";
}

const NarrativeSection* ReportFile::find_section(const std::string& id) const {
  for (const auto& s : sections)
    if (s.id == id) return &s;
  return nullptr;
}

int ReportFile::find_agency(const std::string& code) const {
  auto it = roster_index_.find(code);
  return it == roster_index_.end() ? -1 : it->second;
}

void ReportFile::index_roster() {
  roster_index_.clear();
  roster_index_.reserve(roster.size());
  for (int i = 0; i < static_cast<int>(roster.size()); ++i) roster_index_.emplace(roster[i].code, i);
}

}  // namespace nianbao
