#include "render/xlsx/styles.h"

#include <cstdint>
#include <new>

namespace nianbao::xlsx {

namespace {

lxw_format* new_format(lxw_workbook* wb, uint8_t align, bool bold, bool border, bool wrap, double size) {
  lxw_format* f = workbook_add_format(wb);
  if (!f) throw std::bad_alloc();
  format_set_font_name(f, kFontName);
  format_set_font_family(f, 3);  // as Excel itself describes 宋体
  format_set_font_size(f, size);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  if (wrap) format_set_text_wrap(f);
  return f;
}

}  // namespace

Styles make_styles(const Book& book) {
  lxw_workbook* wb = book.get();
  Styles s{};
  s.title = new_format(wb, LXW_ALIGN_CENTER, true, false, true, kTitleFontSize);
  s.draft = new_format(wb, LXW_ALIGN_CENTER, true, true, true, kDraftFontSize);
  format_set_font_color(s.draft, LXW_COLOR_RED);
  format_set_bg_color(s.draft, 0xFFF2CC);
  s.header = new_format(wb, LXW_ALIGN_CENTER, false, true, true, kFontSize);
  s.label = new_format(wb, LXW_ALIGN_LEFT, false, true, true, kFontSize);
  s.caption = new_format(wb, LXW_ALIGN_LEFT, true, true, true, kFontSize);
  s.note = new_format(wb, LXW_ALIGN_CENTER, false, true, true, kFontSize);
  // General shows counts as integers and money with only the decimals it has ("18.3", "77").
  s.value = new_format(wb, LXW_ALIGN_CENTER, false, true, false, kFontSize);
  s.total = new_format(wb, LXW_ALIGN_CENTER, true, true, false, kFontSize);
  s.text = new_format(wb, LXW_ALIGN_LEFT, false, true, true, kFontSize);
  s.centred = new_format(wb, LXW_ALIGN_CENTER, false, true, true, kFontSize);
  s.heading = new_format(wb, LXW_ALIGN_LEFT, true, false, false, kFontSize);
  s.plain = new_format(wb, LXW_ALIGN_LEFT, false, false, true, kFontSize);
  s.percent = new_format(wb, LXW_ALIGN_CENTER, false, true, false, kFontSize);
  format_set_num_format(s.percent, "0.0%");
  return s;
}

}  // namespace nianbao::xlsx
