// nianbao-parse-floor DIR [THREADS]: the floor for a run over DIR — read every .xml file and parse
// it with pugixml, nothing else, on THREADS threads (default: all cores). Prints seconds and MB.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <pugixml.hpp>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "用法：nianbao-parse-floor 目录 [线程数]\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> files;
  for (auto& e : fs::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : std::thread::hardware_concurrency();
  std::atomic<std::size_t> next{0}, bytes{0}, elements{0};
  auto work = [&]() {
    std::string buf;
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      std::FILE* f = std::fopen(files[i].c_str(), "rb");
      if (!f) continue;
      std::fseek(f, 0, SEEK_END);
      long size = std::ftell(f);
      std::fseek(f, 0, SEEK_SET);
      buf.resize(static_cast<std::size_t>(size));
      std::size_t got = std::fread(buf.data(), 1, buf.size(), f);
      std::fclose(f);
      pugi::xml_document doc;
      if (doc.load_buffer_inplace(buf.data(), got)) elements += 1;
      bytes += got;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%.3f %.1f %zu\n", secs, bytes / 1e6, files.size());
  return 0;
}
