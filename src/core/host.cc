#include "core/host.h"

#include <unistd.h>

namespace vv {

std::string HostName() {
  char host[256] = {0};
  gethostname(host, sizeof(host) - 1);
  return host;
}

std::string HostAndPid() { return HostName() + ":" + std::to_string(getpid()); }

}  // namespace vv
