#include "template/report_names.h"

#include <algorithm>
#include <cstring>

namespace nianbao {

using tmpl::Value;

namespace {

bool single(const std::vector<std::string>& path, const char* name) { return path.size() == 1 && path[0] == name; }

}  // namespace

ReportNames::ReportNames(const Format& format, const ReportFile* report, const MergedReport* merged)
    : format_(format), report_(report), merged_(merged) {
  stack_.push_back(Scope{});
  if (!merged_) return;
  for (const Submission* s : merged_->agencies) {
    if (s->agency.kind == AgencyKind::kTownship) townships_.push_back(s);
    else departments_.push_back(s);
    for (int i = 0; i < static_cast<int>(s->sections.size()); ++i) highlights_.push_back({s, i});
  }
  for (const auto& r : merged_->roster) {
    if (r.status == RosterStatus::kMissing) missing_.push_back(r.agency);
    if (r.status == RosterStatus::kRejected) rejected_.push_back(r.agency);
  }
  gather_topics();
}

void ReportNames::gather_topics() {
  for (const auto& [sub, section] : highlights_) {
    const std::string& title = sub->sections[section].title;
    auto it = std::find_if(topics_.begin(), topics_.end(), [&](const Topic& t) { return t.title == title; });
    if (it == topics_.end()) {
      topics_.push_back(Topic{title, {}});
      it = topics_.end() - 1;
    }
    it->items.push_back({sub, section});
  }
}

ReportNames ReportNames::for_submission(const Format& format, const ReportFile* report, const Submission* sub) {
  ReportNames ctx(format, report, nullptr);
  ctx.root_sub_ = sub;
  for (int i = 0; i < static_cast<int>(sub->sections.size()); ++i) ctx.highlights_.push_back({sub, i});
  ctx.gather_topics();
  return ctx;
}

std::string region_scope(const std::string& region) {
  auto ends = [&](const char* suffix) {
    std::size_t n = std::strlen(suffix);
    return region.size() > n && region.compare(region.size() - n, n, suffix) == 0;
  };
  if (ends("街道")) return "全街道";
  if (ends("地区")) return "全地区";  // 阿里地区, 大兴安岭地区
  if (ends("自治区")) return "全区";
  for (const char* level : {"省", "市", "州", "盟", "县", "旗", "区", "镇", "乡"})
    if (ends(level)) return std::string("全") + level;
  return "本地区";
}

std::vector<std::string> ReportNames::root_names() {
  return {"title", "year", "region", "region_scope", "region_code", "compiler", "website", "published", "contact.name",
          "contact.phone", "contact.email", "format", "basis", "roster_count", "accepted_count", "missing_count",
          "rejected_count", "department_count", "township_count", "complete", "has_previous", "agencies",
          "departments", "townships", "highlights", "topics", "missing", "rejected"};
}

const ReportNames::Scope* ReportNames::innermost_agency() const {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
    if (it->kind == Frame::kAgency || it->kind == Frame::kTopic) return &*it;
  return nullptr;
}

std::size_t ReportNames::list_size(int kind, const Scope* agency_scope) const {
  if (checking()) return 1;
  switch (kind) {
    case kAgencies: return root_sub_ ? 1 : merged_->agencies.size();
    case kDepartments: return departments_.size();
    case kTownships: return townships_.size();
    case kHighlights: return highlights_.size();
    case kAgencyHighlights: return agency_scope && agency_scope->sub ? agency_scope->sub->sections.size() : 0;
    case kMissing: return missing_.size();
    case kRejected: return rejected_.size();
    case kTopics: return topics_.size();
    case kTopicHighlights: return agency_scope && agency_scope->topic >= 0 ? topics_[agency_scope->topic].items.size() : 0;
  }
  return 0;
}

bool ReportNames::lookup_figure(const std::vector<std::string>& path, FigureView values,
                                  Value& out) const {
  if (path.size() < 2 || path.size() > 3) return false;
  int t = format_.find_table(path[0]);
  if (t < 0) return false;
  const auto& table = format_.tables[t];
  int r = table.find_row(path[1]);
  if (r < 0) return false;
  int c = -1;
  if (path.size() == 3) {
    c = table.find_column(path[2]);
  } else if (table.rows[r].columns.size() == 1) {
    c = table.rows[r].columns[0];
  }
  int cell = format_.cell(t, r, c);
  if (cell < 0) return false;
  const auto& def = format_.cells[cell];
  out = Value::number(values.empty() ? 0 : values[cell], def.type);
  out.unit = def.unit;
  out.cell = cell;
  return true;
}

bool ReportNames::lookup_root(const std::vector<std::string>& path, Value& out) const {
  const ReportFile* r = report_;
  auto str = [&](const std::string& s) {
    out = Value::string(s);
    return true;
  };
  auto num = [&](std::size_t n) {
    out = Value::number(static_cast<std::int64_t>(n));
    return true;
  };
  if (path.empty()) return false;
  if (path.size() == 1) {
    const std::string& n = path[0];
    if (n == "title") return str(r ? r->title : "");
    if (n == "year") return num(r ? static_cast<std::size_t>(r->year) : 2025);
    if (n == "region") return str(r ? r->region_name : "");
    if (n == "region_scope") return str(region_scope(r ? r->region_name : ""));
    if (n == "region_code") return str(r ? r->region_code : "");
    if (n == "compiler") return str(r ? r->compiler : "");
    if (n == "website") return str(r ? r->website : "");
    if (n == "published") return str(r ? r->published : "");
    if (n == "format") return str(format_.name);
    if (n == "basis") return str(format_.basis);
    std::size_t departments = 0, townships = 0;
    if (r)
      for (const auto& a : r->roster) (a.kind == AgencyKind::kTownship ? townships : departments)++;
    if (n == "roster_count") return num(r ? r->roster.size() : 0);
    if (n == "department_count") return num(departments);
    if (n == "township_count") return num(townships);
    if (n == "accepted_count") return num(merged_ ? merged_->agencies.size() : 0);
    if (n == "missing_count") return num(merged_ ? merged_->missing_count() : 0);
    if (n == "rejected_count") return num(merged_ ? merged_->rejected_count() : 0);
    if (n == "complete") {
      out = Value::boolean(merged_ ? merged_->complete() : true);
      return true;
    }
    if (n == "has_previous") {
      out = Value::boolean(merged_ && merged_->has_previous);
      return true;
    }
    static const std::pair<const char*, int> lists[] = {{"agencies", kAgencies},   {"departments", kDepartments},
                                                        {"townships", kTownships}, {"highlights", kHighlights},
                                                        {"topics", kTopics},
                                                        {"missing", kMissing},     {"rejected", kRejected}};
    for (const auto& [name, kind] : lists)
      if (n == name) {
        out = Value::list(kind, list_size(kind, nullptr));
        return true;
      }
  }
  if (path.size() == 2 && path[0] == "contact") {
    if (path[1] == "name") return str(r ? r->contact.name : "");
    if (path[1] == "phone") return str(r ? r->contact.phone : "");
    if (path[1] == "email") return str(r ? r->contact.email : "");
    return false;
  }
  if (path[0] == "previous") {
    std::vector<std::string> rest(path.begin() + 1, path.end());
    bool have = merged_ && merged_->has_previous;
    return lookup_figure(rest, have ? FigureView(merged_->previous) : FigureView(), out);
  }
  return lookup_figure(path, root_figures(), out);
}

bool ReportNames::lookup_in(const Scope& s, const std::vector<std::string>& path, Value& out) const {
  auto str = [&](const std::string& v) {
    out = Value::string(v);
    return true;
  };
  if (s.kind == Frame::kRoot) return lookup_root(path, out);
  if (path.size() == 1) {
    const std::string& n = path[0];
    if (n == "index") { out = Value::number(static_cast<std::int64_t>(s.index + 1)); return true; }
    if (n == "first") { out = Value::boolean(s.index == 0); return true; }
    if (n == "last") { out = Value::boolean(s.index + 1 == s.count); return true; }
  }
  if (s.kind == Frame::kTopic) {
    if (single(path, "title")) return str(s.topic >= 0 ? topics_[s.topic].title : "");
    if (single(path, "highlights")) {
      out = Value::list(kTopicHighlights, checking() ? 1 : topics_[s.topic].items.size());
      return true;
    }
    if (single(path, "count")) {
      out = Value::number(static_cast<std::int64_t>(checking() ? 1 : topics_[s.topic].items.size()));
      return true;
    }
    return false;
  }
  const Agency* agency = s.kind == Frame::kRosterEntry ? s.agency : s.sub ? &s.sub->agency : nullptr;
  if (s.kind == Frame::kHighlight && path.size() == 1) {
    const NarrativeSection* sec = s.sub ? &s.sub->sections[s.section] : nullptr;
    if (path[0] == "title") return str(sec ? sec->title : "");
    if (path[0] == "agency") return str(agency ? agency->name : "");
    if (path[0] == "agency_code") return str(agency ? agency->code : "");
  }
  if (s.kind == Frame::kAgency || s.kind == Frame::kRosterEntry) {
    if (path.size() == 1) {
      const std::string& n = path[0];
      if (n == "code") return str(agency ? agency->code : "");
      if (n == "name") return str(agency ? agency->name : "");
      if (n == "kind") return str(agency ? agency_kind_id(agency->kind) : "department");
      if (n == "kind_label") return str(agency ? agency_kind_label(agency->kind) : "");
    }
  }
  if (s.kind == Frame::kAgency) {
    if (single(path, "submitted")) return str(s.sub ? s.sub->submitted : "");
    if (single(path, "highlights")) {
      out = Value::list(kAgencyHighlights, list_size(kAgencyHighlights, &s));
      return true;
    }
    if (path.size() == 2 && path[0] == "contact") {
      const Contact* c = s.sub ? &s.sub->contact : nullptr;
      if (path[1] == "name") return str(c ? c->name : "");
      if (path[1] == "phone") return str(c ? c->phone : "");
      if (path[1] == "email") return str(c ? c->email : "");
    }
  }
  if (s.kind == Frame::kAgency || s.kind == Frame::kHighlight)
    return lookup_figure(path, s.sub ? FigureView(s.sub->values) : FigureView(), out);
  return false;
}

bool ReportNames::lookup(const std::vector<std::string>& path, Value& out) const {
  if (!path.empty() && path[0] == "report") {
    if (path.size() == 1) return false;
    return lookup_root(std::vector<std::string>(path.begin() + 1, path.end()), out);
  }
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
    if (lookup_in(*it, path, out)) return true;
  return false;
}

std::optional<std::int64_t> ReportNames::previous(const Value& figure) const {
  // Only the region's figures have a last year (from last year's merged.xml).
  if (figure.cell < 0 || !merged_ || !merged_->has_previous || stack_.size() > 1) return std::nullopt;
  return merged_->previous[figure.cell];
}

void ReportNames::push_item(const Value& list, std::size_t index) {
  Scope s;
  s.index = index;
  const Scope* agency_scope = innermost_agency();
  s.count = list_size(list.list_kind, agency_scope);
  bool sample = checking();
  switch (list.list_kind) {
    case kAgencies:
      s.kind = Frame::kAgency;
      if (!sample) s.sub = root_sub_ ? root_sub_ : merged_->agencies[index];
      break;
    case kDepartments:
    case kTownships:
      s.kind = Frame::kAgency;
      if (!sample) s.sub = (list.list_kind == kDepartments ? departments_ : townships_)[index];
      break;
    case kHighlights:
      s.kind = Frame::kHighlight;
      if (!sample) {
        s.sub = highlights_[index].first;
        s.section = highlights_[index].second;
      }
      break;
    case kAgencyHighlights:
      s.kind = Frame::kHighlight;
      if (!sample && agency_scope) {
        s.sub = agency_scope->sub;
        s.section = static_cast<int>(index);
      }
      break;
    case kTopics:
      s.kind = Frame::kTopic;
      s.topic = sample ? -1 : static_cast<int>(index);
      break;
    case kTopicHighlights:
      s.kind = Frame::kHighlight;
      if (!sample && agency_scope && agency_scope->topic >= 0) {
        s.sub = topics_[agency_scope->topic].items[index].first;
        s.section = topics_[agency_scope->topic].items[index].second;
      }
      break;
    case kMissing:
    case kRejected:
      s.kind = Frame::kRosterEntry;
      if (!sample) s.agency = (list.list_kind == kMissing ? missing_ : rejected_)[index];
      break;
  }
  stack_.push_back(s);
}

void ReportNames::pop_item() {
  if (stack_.size() > 1) stack_.pop_back();
}

FigureView ReportNames::root_figures() const {
  return root_sub_ ? FigureView(root_sub_->values) : merged_ ? FigureView(merged_->totals) : FigureView();
}

bool ReportNames::in_highlight() const { return stack_.back().kind == Frame::kHighlight; }

const NarrativeSection* ReportNames::current_highlight() const {
  const Scope& top = stack_.back();
  return top.kind == Frame::kHighlight && top.sub ? &top.sub->sections[top.section] : nullptr;
}

ReportNames::AtRoot::AtRoot(ReportNames& names) : names_(names), saved_(names.stack_.begin() + 1, names.stack_.end()) {
  names_.stack_.resize(1);
}

ReportNames::AtRoot::~AtRoot() { names_.stack_.insert(names_.stack_.end(), saved_.begin(), saved_.end()); }

}  // namespace nianbao
