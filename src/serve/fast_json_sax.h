#pragma once
// A fast path in front of nlohmann::json::sax_parse for request bodies. nlohmann's lexer reads a
// byte at a time through an input adapter and copies every token into a buffer: 2.4 us of the
// 10 us a POST /v1/predict/viral cost. simdjson (libsimdjson-dev, DESIGN.md's choice where
// parsing shows up hot) parses the body into its tape, and this walk drives the handler with
// the callbacks sax_parse would make, in the same order and with the same values. On anything
// simdjson refuses (malformed text, integers beyond 64 bits, infinities), on a number with a
// fraction or an exponent, or on nesting deeper than kMaxDepth it gives up with kUnsupported,
// and the caller reruns sax_parse from the start with a fresh handler, so every error message
// stays nlohmann's.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vv::serve {

enum class FastSaxResult {
  kDone,         // the whole text was one JSON value; every callback returned true
  kStopped,      // a callback returned false (the handler holds its error)
  kUnsupported,  // refused by simdjson or outside what maps 1:1: rerun sax_parse afresh
};

namespace fast_sax_detail {

constexpr int kMaxDepth = 32;
constexpr size_t kUnknownSize = static_cast<size_t>(-1);  // what sax_parse passes

inline FastSaxResult Check(bool ok) { return ok ? FastSaxResult::kDone : FastSaxResult::kStopped; }

template <typename Sax>
FastSaxResult Walk(simdjson::dom::element e, Sax* sax, int depth, std::string* buffer);

template <typename Sax>
FastSaxResult WalkObject(simdjson::dom::object object, Sax* sax, int depth, std::string* buffer) {
  if (!sax->start_object(kUnknownSize)) return FastSaxResult::kStopped;
  for (simdjson::dom::key_value_pair field : object) {
    buffer->assign(field.key);
    if (!sax->key(*buffer)) return FastSaxResult::kStopped;
    FastSaxResult r = Walk(field.value, sax, depth + 1, buffer);
    if (r != FastSaxResult::kDone) return r;
  }
  return Check(sax->end_object());
}

template <typename Sax>
FastSaxResult WalkArray(simdjson::dom::array array, Sax* sax, int depth, std::string* buffer) {
  if (!sax->start_array(kUnknownSize)) return FastSaxResult::kStopped;
  for (simdjson::dom::element item : array) {
    FastSaxResult r = Walk(item, sax, depth + 1, buffer);
    if (r != FastSaxResult::kDone) return r;
  }
  return Check(sax->end_array());
}

// nlohmann reports "-N" as number_integer, "N" as number_unsigned and anything with a fraction or
// an exponent as number_float; simdjson's INT64 / UINT64 / DOUBLE split the same way once its
// non-negative INT64 values are passed on as unsigned. One difference is left: "-0" arrives as
// number_unsigned(0) where nlohmann says number_integer(0), the same value, which VideoSax
// treats alike (fast_sax_test.cc checks that body). A DOUBLE takes the nlohmann path: its
// number_float passes the number's text, which simdjson's tape does not keep and a handler needs
// to tell an exact integer (2.0, 1e3) from one a double rounded to it (1e-400 is 0.0). Request
// bodies hold integers, so the common body stays here. Integers beyond 64 bits, 1e400 and lone
// surrogates are parse errors for simdjson: they take the nlohmann path too.
template <typename Sax>
FastSaxResult Walk(simdjson::dom::element e, Sax* sax, int depth, std::string* buffer) {
  using Type = simdjson::dom::element_type;
  if (depth > kMaxDepth) return FastSaxResult::kUnsupported;
  switch (e.type()) {
    case Type::OBJECT: return WalkObject(e.get_object().value_unsafe(), sax, depth, buffer);
    case Type::ARRAY: return WalkArray(e.get_array().value_unsafe(), sax, depth, buffer);
    case Type::STRING:
      buffer->assign(e.get_string().value_unsafe());
      return Check(sax->string(*buffer));
    case Type::INT64: {
      const int64_t v = e.get_int64().value_unsafe();
      return Check(v < 0 ? sax->number_integer(v) : sax->number_unsigned(static_cast<uint64_t>(v)));
    }
    case Type::UINT64: return Check(sax->number_unsigned(e.get_uint64().value_unsafe()));
    case Type::DOUBLE: return FastSaxResult::kUnsupported;
    case Type::BOOL: return Check(sax->boolean(e.get_bool().value_unsafe()));
    case Type::NULL_VALUE: return Check(sax->null());
  }
  return FastSaxResult::kUnsupported;
}

}  // namespace fast_sax_detail

template <typename Sax>
FastSaxResult FastSaxParse(std::string_view text, Sax* sax) {
  // One parser per thread: simdjson's parser keeps its buffers between documents and is not
  // thread-safe; the request threads each reuse their own.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size(), /*realloc_if_needed=*/true).get(root) !=
      simdjson::SUCCESS) {
    return FastSaxResult::kUnsupported;
  }
  std::string buffer;  // the current string or key; the handler may move from it
  return fast_sax_detail::Walk(root, sax, 0, &buffer);
}

}  // namespace vv::serve
