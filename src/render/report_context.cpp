#include "render/report_context.h"

#include <cstring>

#include "render/docx_chart.h"

#include <algorithm>
#include <cmath>

namespace nianbao {

using tmpl::Value;

namespace {

const std::vector<std::int64_t>& zeros(const Format& f) {
  thread_local std::vector<std::int64_t> z;
  if (static_cast<int>(z.size()) != f.cell_count()) z.assign(f.cell_count(), 0);
  return z;
}

bool single(const std::vector<std::string>& path, const char* name) { return path.size() == 1 && path[0] == name; }

}  // namespace

ReportContext::ReportContext(const Format& format, const ReportFile* report, const MergedReport* merged)
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

void ReportContext::gather_topics() {
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

ReportContext ReportContext::for_submission(const Format& format, const ReportFile* report, const Submission* sub) {
  ReportContext ctx(format, report, nullptr);
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

std::vector<std::string> ReportContext::root_names() {
  return {"title", "year", "region", "region_scope", "region_code", "compiler", "website", "published", "contact.name",
          "contact.phone", "contact.email", "format", "basis", "roster_count", "accepted_count", "missing_count",
          "rejected_count", "department_count", "township_count", "complete", "has_previous", "agencies",
          "departments", "townships", "highlights", "topics", "missing", "rejected"};
}

const ReportContext::Scope* ReportContext::innermost_agency() const {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
    if (it->kind == Frame::kAgency || it->kind == Frame::kTopic) return &*it;
  return nullptr;
}

std::size_t ReportContext::list_size(int kind, const Scope* agency_scope) const {
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

bool ReportContext::lookup_figure(const std::vector<std::string>& path, const std::vector<std::int64_t>* values,
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
  out = Value::number(values ? (*values)[cell] : 0, def.type);
  out.unit = def.unit;
  out.cell = cell;
  return true;
}

bool ReportContext::lookup_root(const std::vector<std::string>& path, Value& out) const {
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
    return lookup_figure(rest, have ? &merged_->previous : nullptr, out);
  }
  const std::vector<std::int64_t>* values = root_sub_ ? &root_sub_->values : merged_ ? &merged_->totals : nullptr;
  return lookup_figure(path, values, out);
}

bool ReportContext::lookup_in(const Scope& s, const std::vector<std::string>& path, Value& out) const {
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
    return lookup_figure(path, s.sub ? &s.sub->values : nullptr, out);
  return false;
}

bool ReportContext::lookup(const std::vector<std::string>& path, Value& out) const {
  if (!path.empty() && path[0] == "report") {
    if (path.size() == 1) return false;
    return lookup_root(std::vector<std::string>(path.begin() + 1, path.end()), out);
  }
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
    if (lookup_in(*it, path, out)) return true;
  return false;
}

std::optional<std::int64_t> ReportContext::previous(const Value& figure) const {
  // Only the region's figures have a last year (from last year's merged.xml).
  if (figure.cell < 0 || !merged_ || !merged_->has_previous || stack_.size() > 1) return std::nullopt;
  return merged_->previous[figure.cell];
}

void ReportContext::push_item(const Value& list, std::size_t index) {
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

void ReportContext::pop_item() {
  if (stack_.size() > 1) stack_.pop_back();
}

bool ReportContext::knows_table(const std::string& id) const { return format_.find_table(id) >= 0; }

bool ReportContext::knows_section(const std::string& id) const { return format_.find_section(id) != nullptr; }

std::string ReportContext::table_xml(const std::string& id) {
  const std::vector<std::int64_t>& values =
      root_sub_ ? root_sub_->values : merged_ ? merged_->totals : zeros(format_);
  return docx_table_xml(format_, format_.find_table(id), values);
}

std::vector<tmpl::PlacedParagraph> ReportContext::paragraphs(const tmpl::Tag& tag, tmpl::Context& ctx) {
  std::vector<tmpl::PlacedParagraph> out;
  const std::vector<Paragraph>* source = nullptr;
  if (tag.kind == tmpl::TagKind::kSection) {
    if (report_)
      if (const NarrativeSection* s = report_->find_section(tag.arg)) source = &s->paragraphs;
  } else {
    const Scope& top = stack_.back();
    if (top.kind != Frame::kHighlight)
      throw tmpl::RenderError("{{body}} 只能用在 {{#each highlights}} 或某单位的 {{#each highlights}} 中");
    if (top.sub) source = &top.sub->sections[top.section].paragraphs;
  }
  if (!source || checking()) return out;
  // Report sections read the region's figures; a highlight reads its own agency's.
  std::vector<Scope> saved;
  if (tag.kind == tmpl::TagKind::kSection) {
    saved.assign(stack_.begin() + 1, stack_.end());
    stack_.resize(1);
  }
  for (const auto& p : *source) {
    std::string text, error;
    if (!tmpl::render_text(p.text, ctx, text, error)) {
      stack_.insert(stack_.end(), saved.begin(), saved.end());
      throw tmpl::RenderError(p.where.file + ":" + std::to_string(p.where.line) + ": " + error);
    }
    out.push_back({text, tmpl::looks_like_subheading(text)});
  }
  stack_.insert(stack_.end(), saved.begin(), saved.end());
  return out;
}

}  // namespace nianbao

namespace nianbao {

bool ReportContext::knows_chart(const std::string& id) const {
  for (const auto& c : format_.charts)
    if (c.id == id) return true;
  return false;
}

std::string ReportContext::chart_xml(const std::string& id) {
  const ChartDef* chart = nullptr;
  for (const auto& c : format_.charts)
    if (c.id == id) chart = &c;
  if (!chart) return "";
  const std::vector<std::int64_t>& values = root_sub_ ? root_sub_->values : merged_ ? merged_->totals : zeros(format_);
  std::vector<std::string> categories;
  std::vector<ChartSeriesData> series;
  if (chart->rank_cell >= 0) {
    // The agencies with the largest value, ties in roster order; agencies with nothing are left out.
    if (!merged_) return "";
    std::vector<const Submission*> ranked(merged_->agencies.begin(), merged_->agencies.end());
    const int cell = chart->rank_cell;
    std::stable_sort(ranked.begin(), ranked.end(), [cell](const Submission* a, const Submission* b) {
      return a->values[cell] > b->values[cell];
    });
    ChartSeriesData s;
    for (const Submission* sub : ranked) {
      if (static_cast<int>(categories.size()) >= chart->top || sub->values[cell] <= 0) break;
      categories.push_back(sub->agency.name);
      s.values.push_back(to_double(sub->values[cell], format_.cells[cell].type));
    }
    if (categories.empty()) return "";
    series.push_back(std::move(s));
  } else {
    // A comparison with last year is drawn only when last year's figures were given.
    if (chart->previous && !(merged_ && merged_->has_previous && !root_sub_)) return "";
    ChartSeriesData now{chart->previous ? std::to_string(report_ ? report_->year : 0) + "年" : "", {}};
    ChartSeriesData before{report_ ? std::to_string(report_->year - 1) + "年" : "上年", {}};
    for (const FigureDef& p : chart->points) {
      categories.push_back(p.label);
      now.values.push_back(to_double(p.value(values), p.type));
      if (chart->previous) before.values.push_back(to_double(p.value(merged_->previous), p.type));
    }
    if (chart->previous) series.push_back(std::move(before));
    series.push_back(std::move(now));
  }
  ChartPart part;
  int number = static_cast<int>(charts_.size()) + 1;
  part.name = "word/charts/chart" + std::to_string(number) + ".xml";
  part.rel_id = "rIdNianbaoChart" + std::to_string(number);
  part.xml = docx_chart_part(chart->type, chart->title, categories, series);
  charts_.push_back(part);
  return docx_chart_paragraph(part.rel_id, number, chart->title);
}

}  // namespace nianbao
