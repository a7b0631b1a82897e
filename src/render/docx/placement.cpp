#include "render/docx/placement.h"

#include <algorithm>
#include <optional>

#include "render/docx/docx_chart.h"
#include "render/docx/docx_tables.h"
#include "template/narrative.h"

namespace nianbao {

namespace {

const std::vector<std::int64_t>& zeros(const Format& f) {
  thread_local std::vector<std::int64_t> z;
  if (static_cast<int>(z.size()) != f.cell_count()) z.assign(f.cell_count(), 0);
  return z;
}

// The figures a table or chart shows: those of the names' root, zeros in a checking context.
FigureView shown_figures(const ReportNames& names) {
  const FigureView values = names.root_figures();
  return values.empty() ? FigureView(zeros(names.format())) : values;
}

}  // namespace

bool DocumentPlacer::knows_table(const std::string& id) const { return names_.format().find_table(id) >= 0; }

bool DocumentPlacer::knows_section(const std::string& id) const { return names_.format().find_section(id) != nullptr; }

std::string DocumentPlacer::table_xml(const std::string& id) {
  const Format& format = names_.format();
  return docx_table_xml(format, format.find_table(id), shown_figures(names_));
}

bool DocumentPlacer::paragraphs(const tmpl::Tag& tag, tmpl::Context& ctx, std::vector<tmpl::PlacedParagraph>& out,
                                std::string& error) {
  out.clear();
  const std::vector<Paragraph>* source = nullptr;
  if (tag.kind == tmpl::TagKind::kSection) {
    if (const ReportFile* report = names_.report())
      if (const NarrativeSection* s = report->find_section(tag.arg)) source = &s->paragraphs;
  } else {
    if (!names_.in_highlight()) {
      error = "{{body}} 只能用在 {{#each highlights}} 或某单位的 {{#each highlights}} 中";
      return false;
    }
    if (const NarrativeSection* highlight = names_.current_highlight()) source = &highlight->paragraphs;
  }
  if (!source || names_.checking()) return true;
  // Report sections read the region's figures; a highlight reads its own agency's.
  std::optional<ReportNames::AtRoot> at_root;
  if (tag.kind == tmpl::TagKind::kSection) at_root.emplace(names_);
  for (const auto& p : *source) {
    std::string text, reason;
    if (!tmpl::render_text(p.text, ctx, text, reason)) {
      error = p.where.file + ":" + std::to_string(p.where.line) + ": " + reason;
      return false;
    }
    out.push_back({text, tmpl::looks_like_subheading(text)});
  }
  return true;
}

bool DocumentPlacer::knows_chart(const std::string& id) const {
  for (const auto& c : names_.format().charts)
    if (c.id == id) return true;
  return false;
}

std::string DocumentPlacer::chart_xml(const std::string& id) {
  const Format& format = names_.format();
  const MergedReport* merged = names_.merged();
  const ReportFile* report = names_.report();
  const ChartDef* chart = nullptr;
  for (const auto& c : format.charts)
    if (c.id == id) chart = &c;
  if (!chart) return "";
  const FigureView values = shown_figures(names_);
  std::vector<std::string> categories;
  std::vector<ChartSeriesData> series;
  if (chart->rank_cell >= 0) {
    // The agencies with the largest value, ties in roster order; agencies with nothing are left out.
    if (!merged) return "";
    std::vector<const Submission*> ranked(merged->agencies.begin(), merged->agencies.end());
    const int cell = chart->rank_cell;
    std::stable_sort(ranked.begin(), ranked.end(), [cell](const Submission* a, const Submission* b) {
      return a->values[cell] > b->values[cell];
    });
    ChartSeriesData s;
    for (const Submission* sub : ranked) {
      if (static_cast<int>(categories.size()) >= chart->top || sub->values[cell] <= 0) break;
      categories.push_back(sub->agency.name);
      s.values.push_back(to_double(sub->values[cell], format.cells[cell].type));
    }
    if (categories.empty()) return "";
    series.push_back(std::move(s));
  } else {
    // A comparison with last year is drawn only when last year's figures were given.
    if (chart->previous && !(merged && merged->has_previous && !names_.own_submission())) return "";
    ChartSeriesData now{chart->previous ? std::to_string(report ? report->year : 0) + "年" : "", {}};
    ChartSeriesData before{report ? std::to_string(report->year - 1) + "年" : "上年", {}};
    for (const FigureDef& p : chart->points) {
      categories.push_back(p.label);
      now.values.push_back(to_double(p.value(values), p.type));
      if (chart->previous) before.values.push_back(to_double(p.value(merged->previous), p.type));
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
