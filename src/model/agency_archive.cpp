#include "model/agency_archive.h"

namespace nianbao {

const Submission* AgencyArchive::find(const std::string& code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &agencies[it->second];
}

void AgencyArchive::index() {
  index_.clear();
  for (std::size_t i = 0; i < agencies.size(); ++i) index_.emplace(agencies[i].agency.code, i);
}

}  // namespace nianbao
