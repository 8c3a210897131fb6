#pragma once
// Who is writing: the machine's host name and "host:pid", for rows that several processes
// (collectors, server replicas) write into one shared store.
#include <string>

namespace vv {

std::string HostName();
std::string HostAndPid();  // "host:pid"

}  // namespace vv
