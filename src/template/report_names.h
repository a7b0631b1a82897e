// What templates and narrative placeholders can name: the report's fields, the merged figures,
// the accepted agencies and their highlights, last year's figures. Scopes nest: in {{#each agencies}}
// requests.new.total is that agency's own; report.… is the region's. Placement: render/docx/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "format/format.h"
#include "model/merged_report.h"
#include "model/report.h"
#include "template/expr.h"

namespace nianbao {

/// How the text calls the whole of a region, from its name: 丰城市 → 全市, 某某县 → 全县,
/// 某某区 → 全区, 江西省 → 全省, 某某自治州 → 全州, 某某旗 → 全旗; 本地区 when the name says nothing.
std::string region_scope(const std::string& region);

/// The names of one report (or of one submission). Holds pointers to `format`, `report` and the
/// merged report, which must outlive it.
class ReportNames : public tmpl::Context {
 public:
  /// Names over a merged report. With `merged == nullptr` it is a checking context: every
  /// known name answers with a sample value (report may then be null too).
  ReportNames(const Format& format, const ReportFile* report, const MergedReport* merged);

  /// Names whose root is one agency's own figures (narrative of a submission, per-agency report).
  static ReportNames for_submission(const Format& format, const ReportFile* report, const Submission* sub);
  /// In a for_submission context: enters the agency's own scope, so {{name}} and {{code}} resolve.
  void enter_own_agency() { push_item(tmpl::Value::list(kAgencies, 1), 0); }

  // tmpl::Context
  bool lookup(const std::vector<std::string>& path, tmpl::Value& out) const override;
  std::optional<std::int64_t> previous(const tmpl::Value& figure) const override;
  void push_item(const tmpl::Value& list, std::size_t index) override;
  void pop_item() override;
  bool checking() const override { return merged_ == nullptr && root_sub_ == nullptr; }
  bool has_previous() const override { return merged_ && merged_->has_previous; }

  /// Names available at the top level, for documentation and messages.
  static std::vector<std::string> root_names();

  // What placement reads (render/docx/placement.h).
  const Format& format() const { return format_; }
  const ReportFile* report() const { return report_; }
  const MergedReport* merged() const { return merged_; }
  /// for_submission: the agency whose figures are the root ones; otherwise null.
  const Submission* own_submission() const { return root_sub_; }
  /// The figures top-level names read: the agency's own (for_submission), the region's totals,
  /// or none (an empty view) in a checking context.
  FigureView root_figures() const;
  /// Whether the innermost scope is a highlight (a pass of {{#each highlights}} or of an agency's).
  bool in_highlight() const;
  /// That highlight, when in_highlight() and not checking; otherwise null.
  const NarrativeSection* current_highlight() const;

  /// While alive, names resolve in the top-level scope only (the region's figures, as a section
  /// of report.xml reads them); the scopes entered before come back when it ends.
  class AtRoot;

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
  bool lookup_figure(const std::vector<std::string>& path, FigureView values,
                     tmpl::Value& out) const;
  std::size_t list_size(int kind, const Scope* agency_scope) const;
  const Scope* innermost_agency() const;
  void gather_topics();

  const Format& format_;
  const ReportFile* report_;
  const MergedReport* merged_;
  const Submission* root_sub_ = nullptr;  // for_submission: the root figures are this agency's
  std::vector<Scope> stack_;
  std::vector<const Submission*> departments_, townships_;
  std::vector<std::pair<const Submission*, int>> highlights_;
  std::vector<Topic> topics_;
  std::vector<const Agency*> missing_, rejected_;
};

class ReportNames::AtRoot {
 public:
  explicit AtRoot(ReportNames& names);
  ~AtRoot();
  AtRoot(const AtRoot&) = delete;
  AtRoot& operator=(const AtRoot&) = delete;

 private:
  ReportNames& names_;
  std::vector<Scope> saved_;
};

}  // namespace nianbao
