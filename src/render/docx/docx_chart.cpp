#include "render/docx/docx_chart.h"

#include <cstdio>

#include "text/escape.h"

namespace nianbao {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// Text properties in a CJK font, so titles and labels show Chinese in every office suite.
std::string text_props(int size_hundredths, bool bold) {
  return "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"" + std::to_string(size_hundredths) + "\" b=\"" +
         (bold ? "1" : "0") + "\"><a:latin typeface=\"宋体\"/><a:ea typeface=\"宋体\"/></a:defRPr></a:pPr>"
         "<a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>";
}

std::string str_lit(const std::vector<std::string>& items) {
  std::string x = "<c:strLit><c:ptCount val=\"" + std::to_string(items.size()) + "\"/>";
  for (std::size_t i = 0; i < items.size(); ++i)
    x += "<c:pt idx=\"" + std::to_string(i) + "\"><c:v>" + xml_escape(items[i]) + "</c:v></c:pt>";
  return x + "</c:strLit>";
}

std::string num_lit(const std::vector<double>& values) {
  std::string x = "<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"" + std::to_string(values.size()) + "\"/>";
  for (std::size_t i = 0; i < values.size(); ++i)
    x += "<c:pt idx=\"" + std::to_string(i) + "\"><c:v>" + num(values[i]) + "</c:v></c:pt>";
  return x + "</c:numLit>";
}

}  // namespace

std::string docx_chart_part(ChartType type, const std::string& title, const std::vector<std::string>& categories,
                            const std::vector<ChartSeriesData>& series) {
  static const char* kColors[] = {"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"};
  const bool pie = type == ChartType::kPie;
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/><c:chart>";
  x += "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"><a:latin typeface=\"宋体\"/>"
       "<a:ea typeface=\"宋体\"/></a:defRPr></a:pPr><a:r><a:rPr lang=\"zh-CN\" sz=\"1200\" b=\"1\"><a:latin typeface=\"宋体\"/>"
       "<a:ea typeface=\"宋体\"/></a:rPr><a:t>" +
       xml_escape(title) + "</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>";
  x += "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>";
  if (pie) {
    x += "<c:pieChart><c:varyColors val=\"1\"/>";
  } else {
    x += std::string("<c:barChart><c:barDir val=\"") + (type == ChartType::kBar ? "bar" : "col") +
         "\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>";
  }
  for (std::size_t s = 0; s < series.size(); ++s) {
    const ChartSeriesData& d = series[s];
    x += "<c:ser><c:idx val=\"" + std::to_string(s) + "\"/><c:order val=\"" + std::to_string(s) + "\"/>";
    if (!d.name.empty()) x += "<c:tx><c:v>" + xml_escape(d.name) + "</c:v></c:tx>";
    if (pie) {
      for (std::size_t i = 0; i < categories.size(); ++i)
        x += "<c:dPt><c:idx val=\"" + std::to_string(i) + "\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"" +
             kColors[i % 6] + "\"/></a:solidFill></c:spPr></c:dPt>";
    } else {
      x += std::string("<c:spPr><a:solidFill><a:srgbClr val=\"") + kColors[s % 6] + "\"/></a:solidFill></c:spPr>";
      x += "<c:invertIfNegative val=\"0\"/>";
    }
    x += "<c:dLbls>" + text_props(900, false) + "<c:showLegendKey val=\"0\"/><c:showVal val=\"" + (pie ? "0" : "1") +
         "\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"" + (pie ? "1" : "0") +
         "\"/><c:showBubbleSize val=\"0\"/></c:dLbls>";
    x += "<c:cat>" + str_lit(categories) + "</c:cat><c:val>" + num_lit(d.values) + "</c:val></c:ser>";
  }
  if (pie) {
    x += "<c:firstSliceAng val=\"0\"/></c:pieChart>";
  } else {
    x += "<c:gapWidth val=\"80\"/><c:axId val=\"50010001\"/><c:axId val=\"50010002\"/></c:barChart>";
    // A ranking drawn as bars reads top down: the category axis runs from the top.
    const bool reversed = type == ChartType::kBar;
    x += std::string("<c:catAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"") + (reversed ? "maxMin" : "minMax") +
         "\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"" + (type == ChartType::kBar ? "l" : "b") +
         "\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/>"
         "<c:tickLblPos val=\"nextTo\"/>" +
         text_props(900, false) + "<c:crossAx val=\"50010002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/>"
                                  "<c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>";
    x += std::string("<c:valAx><c:axId val=\"50010002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
                     "<c:delete val=\"0\"/><c:axPos val=\"") + (type == ChartType::kBar ? "b" : "l") +
         "\"/><c:majorGridlines/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>"
         "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>" +
         text_props(900, false) + "<c:crossAx val=\"50010001\"/><c:crosses val=\"" + (reversed ? "max" : "autoZero") +
         "\"/><c:crossBetween val=\"between\"/></c:valAx>";
  }
  x += "</c:plotArea>";
  if (pie || series.size() > 1) x += "<c:legend><c:legendPos val=\"" + std::string(pie ? "r" : "b") + "\"/><c:overlay val=\"0\"/>" + text_props(900, false) + "</c:legend>";
  x += "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>" + text_props(1000, false) + "</c:chartSpace>";
  return x;
}

std::string docx_chart_paragraph(const std::string& rel_id, int number, const std::string& title) {
  // 15 cm × 9 cm: fits the 15.6 cm text block of an official document.
  return "<w:p><w:pPr><w:spacing w:before=\"120\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>"
         "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
         "<wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" distT=\"0\" "
         "distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"5400000\" cy=\"3240000\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" "
         "b=\"0\"/><wp:docPr id=\"" + std::to_string(10000 + number) + "\" name=\"图表 " + std::to_string(number) +
         "\" descr=\"" + xml_escape(title) + "\"/><wp:cNvGraphicFramePr/>"
         "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
         "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"" + rel_id +
         "\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

}  // namespace nianbao
