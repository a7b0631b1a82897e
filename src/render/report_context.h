// What templates and narrative placeholders can name: the report's fields, the merged figures,
// the accepted agencies and their highlights, and last year's figures. Scopes nest: inside
// {{#each agencies}} a figure such as requests.new.total is that agency's own; report.… always
// reaches the region's. Also places statutory tables and narrative sections in the document.
#pragma once

#include <string>
#include <vector>

#include "format/format.h"
#include "merge/merge.h"
#include "template/docx_template.h"

namespace nianbao {

/// How the text calls the whole of a region, from its name: 丰城市 → 全市, 某某县 → 全县,
/// 某某区 → 全区, 江西省 → 全省, 某某自治州 → 全州, 某某旗 → 全旗; 本地区 when the name says nothing.
std::string region_scope(const std::string& region);

class ReportContext : public tmpl::Context, public tmpl::Placer {
 public:
  /// A context over a merged report. With `merged == nullptr` it is a checking context: every
  /// known name answers with a sample value (report may then be null too).
  ReportContext(const Format& format, const ReportFile* report, const MergedReport* merged);

  /// A context whose root is one agency's own figures (narrative of a submission, per-agency report).
  static ReportContext for_submission(const Format& format, const ReportFile* report, const Submission* sub);
  /// In a for_submission context: enters the agency's own scope, so {{name}} and {{code}} resolve.
  void enter_own_agency() { push_item(tmpl::Value::list(kAgencies, 1), 0); }

  // tmpl::Context
  bool lookup(const std::vector<std::string>& path, tmpl::Value& out) const override;
  std::optional<std::int64_t> previous(const tmpl::Value& figure) const override;
  void push_item(const tmpl::Value& list, std::size_t index) override;
  void pop_item() override;
  bool checking() const override { return merged_ == nullptr && root_sub_ == nullptr; }

  // tmpl::Placer
  bool knows_table(const std::string& id) const override;
  bool knows_section(const std::string& id) const override;
  std::string table_xml(const std::string& id) override;
  std::vector<tmpl::PlacedParagraph> paragraphs(const tmpl::Tag& tag, tmpl::Context& ctx) override;
  bool knows_chart(const std::string& id) const override;
  std::string chart_xml(const std::string& id) override;

  /// The chart parts placed so far ({{chart id}}): zip member name, relationship id, XML.
  struct ChartPart {
    std::string name, rel_id, xml;
  };
  const std::vector<ChartPart>& chart_parts() const { return charts_; }

  /// Names available at the top level, for documentation and messages.
  static std::vector<std::string> root_names();

 private:
  enum class Frame { kRoot, kAgency, kHighlight, kRosterEntry, kTopic };
  struct Scope {
    Frame kind = Frame::kRoot;
    const Submission* sub = nullptr;  // agency and highlight frames
    int section = -1;                 // highlight frames
    const Agency* agency = nullptr;   // roster-entry frames
    int topic = -1;                   // topic frames
    std::size_t index = 0, count = 0;
  };
  enum ListKind { kAgencies, kDepartments, kTownships, kHighlights, kAgencyHighlights, kMissing, kRejected, kTopics,
                  kTopicHighlights };
  /// Highlights that share a title, gathered under it (in roster order of first appearance).
  struct Topic {
    std::string title;
    std::vector<std::pair<const Submission*, int>> items;
  };

  bool lookup_in(const Scope& s, const std::vector<std::string>& path, tmpl::Value& out) const;
  bool lookup_root(const std::vector<std::string>& path, tmpl::Value& out) const;
  bool lookup_figure(const std::vector<std::string>& path, const std::vector<std::int64_t>* values,
                     tmpl::Value& out) const;
  std::size_t list_size(int kind, const Scope* agency_scope) const;
  const Scope* innermost_agency() const;

  const Format& format_;
  const ReportFile* report_;
  const MergedReport* merged_;
  const Submission* root_sub_ = nullptr;  // for_submission: the root figures are this agency's
  std::vector<Scope> stack_;
  std::vector<const Submission*> departments_, townships_;
  std::vector<std::pair<const Submission*, int>> highlights_;
  std::vector<Topic> topics_;
  void gather_topics();
  std::vector<const Agency*> missing_, rejected_;
  std::vector<ChartPart> charts_;
};

/// A statutory table as a Word table (w:tbl), laid out from the format: merged headers
/// (gridSpan / vMerge), every value shown (0, not blank), both w:tblW and every w:gridCol set
/// so Word and WPS agree on widths. `width_twips` is the width of the text block.
std::string docx_table_xml(const Format& format, int table, const std::vector<std::int64_t>& values,
                           int width_twips = 8845);

}  // namespace nianbao
