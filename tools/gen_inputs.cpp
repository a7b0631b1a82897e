// nianbao-gen N DIR: writes a valid xxgk-2021 input folder of N agencies (report.xml plus one
// submission each) with varied figures that satisfy every rule, and a short highlight each.
// Deterministic: the same N gives the same files. For benchmarks and scale tests.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const char* kColumns[] = {"natural", "business", "research", "nonprofit", "legal_service", "other_org"};
const char* kResultRows[] = {"granted", "partial", "denied_state_secret", "denied_law", "denied_safety", "denied_third_party",
                             "denied_internal", "denied_process", "denied_enforcement", "denied_query",
                             "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                             "not_processed_petition", "not_processed_duplicate", "not_processed_publication",
                             "not_processed_excessive", "not_processed_confirmation", "other_no_correction",
                             "other_no_fee", "other_misc"};
constexpr int kResults = sizeof kResultRows / sizeof kResultRows[0];

std::string code_of(long i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "A%06ld", i + 1);
  return buf;
}

std::string name_of(long i) {
  static const char* kinds[] = {"发展和改革局", "教育局", "财政局", "自然资源局", "生态环境局", "住房和城乡建设局",
                                "交通运输局", "农业农村局", "水利局", "卫生健康局", "市场监督管理局", "人民政府"};
  return "模拟" + std::to_string(i / 12 + 1) + "区" + kinds[i % 12];
}

bool is_township(long i) { return i % 12 == 11; }

// A paragraph of this agency's own: sentences of words from a vocabulary of 600 two- to
// four-character words made of characters reports use, so that, as in real reports, agencies'
// texts share words but no two are the same (the review's 内容雷同 check would otherwise rightly
// flag every one).
std::string own_words(std::mt19937_64& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  static const std::vector<std::string> words = [] {
    const std::string chars = "政务公开信息申请办理答复主动依法规范推进工作制度平台网站部门单位群众服务事项政策解读回应关切"
                              "监督考核培训领域财政预算决算重点项目建设民生保障教育医疗住房就业乡村振兴营商环境数据共享";
    std::mt19937_64 fixed(42);
    std::vector<std::string> out(600);
    for (auto& w : out)
      for (std::size_t k = 0, len = 2 + fixed() % 3; k < len; ++k) w += chars.substr(3 * (fixed() % (chars.size() / 3)), 3);
    return out;
  }();
  std::string out;
  for (int s = 0; s < 5; ++s) {
    for (std::size_t w = 0, n = 4 + pick(4); w < n; ++w) out += words[pick(words.size())];
    out += s == 4 ? "。" : "，";
  }
  return out;
}

void write_submission(const fs::path& path, long i, std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::string x;
  x.reserve(8192);
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission format=\"xxgk-2021\" year=\"2025\">\n";
  x += "  <agency code=\"" + code_of(i) + "\" name=\"" + name_of(i) + "\" kind=\"" +
       (is_township(i) ? "township" : "department") + "\"/>\n";
  x += "  <contact name=\"联系人" + std::to_string(i % 97) + "\" phone=\"0795-66" + std::to_string(10000 + i % 90000) + "\"/>\n";
  x += "  <submitted>2026-01-15T09:30:00+08:00</submitted>\n";
  x += "  <table id=\"active\">\n";
  x += "    <row id=\"rules\" issued=\"0\" repealed=\"0\" in_force=\"0\"/>\n";
  x += "    <row id=\"normative\" issued=\"" + std::to_string(pick(0, 6)) + "\" repealed=\"" + std::to_string(pick(0, 3)) +
       "\" in_force=\"" + std::to_string(pick(5, 60)) + "\"/>\n";
  x += "    <row id=\"licensing\" decisions=\"" + std::to_string(pick(0, 3000)) + "\"/>\n";
  x += "    <row id=\"penalty\" decisions=\"" + std::to_string(pick(0, 500)) + "\"/>\n";
  x += "    <row id=\"coercion\" decisions=\"" + std::to_string(pick(0, 40)) + "\"/>\n";
  x += "    <row id=\"fees\" amount=\"" + std::to_string(pick(0, 900)) + "." + std::to_string(pick(0, 99)) + "\"/>\n";
  x += "  </table>\n  <table id=\"requests\">\n";
  // Per column: new + carried_in = closed + carried_out, closed spread over the result rows.
  int n[6], in[6], out[6];
  std::vector<std::vector<int>> results(kResults, std::vector<int>(6, 0));
  for (int c = 0; c < 6; ++c) {
    n[c] = c == 0 ? pick(0, 40) : pick(0, 4);
    in[c] = pick(0, 2);
    out[c] = pick(0, std::min(2, n[c] + in[c]));
    int closed = n[c] + in[c] - out[c];
    for (int k = 0; k < closed; ++k) results[pick(0, kResults - 1)][c] += 1;
  }
  auto row = [&](const char* id, const int* v) {
    int total = 0;
    x += std::string("    <row id=\"") + id + "\"";
    for (int c = 0; c < 6; ++c) {
      x += std::string(" ") + kColumns[c] + "=\"" + std::to_string(v[c]) + "\"";
      total += v[c];
    }
    x += " total=\"" + std::to_string(total) + "\"/>\n";
  };
  row("new", n);
  row("carried_in", in);
  int closed_total[6] = {0, 0, 0, 0, 0, 0};
  for (int r = 0; r < kResults; ++r) {
    row(kResultRows[r], results[r].data());
    for (int c = 0; c < 6; ++c) closed_total[c] += results[r][c];
  }
  row("closed_total", closed_total);
  row("carried_out", out);
  x += "  </table>\n  <table id=\"appeals\">\n";
  for (const char* id : {"review", "litigation_direct", "litigation_after_review"}) {
    int a = pick(0, 1), b = pick(0, 1) * pick(0, 1), c = 0, d = pick(0, 1) * pick(0, 1);
    x += std::string("    <row id=\"") + id + "\" upheld=\"" + std::to_string(a) + "\" corrected=\"" + std::to_string(b) +
         "\" other=\"" + std::to_string(c) + "\" pending=\"" + std::to_string(d) + "\" total=\"" + std::to_string(a + b + c + d) + "\"/>\n";
  }
  int fee_refusals = 0;
  for (int c = 0; c < 6; ++c) fee_refusals += results[19][c];
  int notices = fee_refusals + pick(0, 1);
  x += "  </table>\n  <table id=\"processing_fees\">\n";
  x += "    <row id=\"fees\" notices=\"" + std::to_string(notices) + "\" notified_amount=\"" + std::to_string(notices * 100) +
       "\" collected_amount=\"" + std::to_string((notices - fee_refusals) * 100) + "\"/>\n";
  x += "  </table>\n";
  x += "  <section id=\"highlights\" title=\"推进重点领域信息公开\">\n";
  x += "    <p>本单位全年新收政府信息公开申请{{requests.new.total}}件，均在法定期限内答复；主动公开行政许可决定"
       "{{active.licensing.decisions}}件，做到应公开尽公开。</p>\n";
  x += "    <p>" + own_words(rng) + "</p>\n";
  x += "  </section>\n</submission>\n";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(x.data(), 1, x.size(), f) != x.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "无法写入 %s\n", path.c_str());
    std::exit(2);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "用法：nianbao-gen 单位数 目录\n");
    return 2;
  }
  long n = std::atol(argv[1]);
  fs::path dir = argv[2];
  fs::create_directories(dir / "submissions");
  std::string r;
  r += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"xxgk-2021\" year=\"2025\">\n";
  r += "  <title>模拟省2025年政府信息公开工作年度报告</title>\n  <compiler>模拟省人民政府办公厅</compiler>\n";
  r += "  <region code=\"990000\">模拟省</region>\n  <website>www.example.gov.cn</website>\n";
  r += "  <contact name=\"王某\" phone=\"0791-0000000\" email=\"xxgk@example.cn\"/>\n  <published>2026-03-20</published>\n";
  r += "  <roster>\n";
  for (long i = 0; i < n; ++i)
    r += "    <agency code=\"" + code_of(i) + "\" name=\"" + name_of(i) + "\" kind=\"" + (is_township(i) ? "township" : "department") +
         "\"/>\n";
  r += "  </roster>\n";
  r += "  <section id=\"overview\"><p>全年共新收政府信息公开申请{{requests.new.total}}件，予以公开{{requests.granted.total}}件。</p></section>\n";
  r += "  <section id=\"problems\"><p>公开质量仍需提高。</p></section>\n  <section id=\"other\"><p>无。</p></section>\n";
  r += "</report>\n";
  std::FILE* f = std::fopen((dir / "report.xml").c_str(), "wb");
  std::fwrite(r.data(), 1, r.size(), f);
  std::fclose(f);
  for (long i = 0; i < n; ++i) {
    std::mt19937_64 rng(static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ull + 1);
    // Spread files over sub-folders of 1,000, as an office would sort them.
    fs::path sub = dir / "submissions" / std::to_string(i / 1000);
    if (i % 1000 == 0) fs::create_directories(sub);
    write_submission(sub / (code_of(i) + ".xml"), i, rng);
  }
  return 0;
}
