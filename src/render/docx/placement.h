// What the template's placement tags put in the document: statutory tables as Word tables,
// native charts of the format's <charts>, and narrative paragraphs (sections of report.xml,
// agencies' highlights) with their placeholders resolved. The names come from ReportNames.
#pragma once

#include <string>
#include <vector>

#include "template/docx/docx_template.h"
#include "template/report_names.h"

namespace nianbao {

/// Places one document's tables, charts and narrative. Holds `names`, which must outlive it;
/// the engine renders with the same names as its Context.
class DocumentPlacer : public tmpl::Placer {
 public:
  explicit DocumentPlacer(ReportNames& names) : names_(names) {}

  bool knows_table(const std::string& id) const override;
  bool knows_section(const std::string& id) const override;
  std::string table_xml(const std::string& id) override;
  /// A section of report.xml reads the region's figures, a highlight its own agency's; {{body}}
  /// outside a highlight loop, or a placeholder that does not resolve, is an error naming it.
  bool paragraphs(const tmpl::Tag& tag, tmpl::Context& ctx, std::vector<tmpl::PlacedParagraph>& out,
                  std::string& error) override;
  bool knows_chart(const std::string& id) const override;
  /// The chart's paragraph; "" when there is nothing to draw (no agency with a value, or a
  /// comparison with last year when last year's figures were not given).
  std::string chart_xml(const std::string& id) override;

  /// The chart parts placed so far ({{chart id}}): zip member name, relationship id, XML.
  struct ChartPart {
    std::string name, rel_id, xml;
  };
  const std::vector<ChartPart>& chart_parts() const { return charts_; }

 private:
  ReportNames& names_;
  std::vector<ChartPart> charts_;
};

}  // namespace nianbao
