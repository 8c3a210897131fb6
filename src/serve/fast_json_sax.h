#pragma once
// A fast path in front of nlohmann::json::sax_parse for request bodies. nlohmann's lexer reads a
// byte at a time through an input adapter and copies every token into a buffer: 2.4 us of the
// 10 us a POST /v1/predict/viral cost. This parser handles the common subset of JSON -- strings
// of well-formed UTF-8 without escapes, integers of at most 18 digits, true, false, null,
// objects and arrays -- and drives the handler with exactly the callbacks sax_parse would make,
// in the same order and with the same values. On anything else (an escape, a fraction or an
// exponent, a long number, malformed text, deep nesting) it gives up with kUnsupported, and the
// caller reruns sax_parse from the start with a fresh handler, so the answer and every error
// message stay nlohmann's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vv::serve {

enum class FastSaxResult {
  kDone,         // the whole text was one JSON value; every callback returned true
  kStopped,      // a callback returned false (the handler holds its error)
  kUnsupported,  // outside the subset or malformed: rerun sax_parse with a fresh handler
};

template <typename Sax>
class FastSaxParser {
 public:
  FastSaxParser(std::string_view text, Sax* sax)
      : p_(text.data()), end_(text.data() + text.size()), sax_(sax) {}

  FastSaxResult Run() {
    SkipSpace();
    FastSaxResult r = Value(0);
    if (r != FastSaxResult::kDone) return r;
    SkipSpace();
    return p_ == end_ ? FastSaxResult::kDone : FastSaxResult::kUnsupported;
  }

 private:
  static constexpr int kMaxDepth = 32;
  static constexpr size_t kUnknownSize = static_cast<size_t>(-1);  // what sax_parse passes

  static FastSaxResult Check(bool ok) {
    return ok ? FastSaxResult::kDone : FastSaxResult::kStopped;
  }
  void SkipSpace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  FastSaxResult Value(int depth) {
    if (p_ == end_ || depth > kMaxDepth) return FastSaxResult::kUnsupported;
    switch (*p_) {
      case '{': return Object(depth);
      case '[': return Array(depth);
      case '"': return String() ? Check(sax_->string(buffer_)) : FastSaxResult::kUnsupported;
      case 't': return Literal("true") ? Check(sax_->boolean(true)) : FastSaxResult::kUnsupported;
      case 'f':
        return Literal("false") ? Check(sax_->boolean(false)) : FastSaxResult::kUnsupported;
      case 'n': return Literal("null") ? Check(sax_->null()) : FastSaxResult::kUnsupported;
      default: return Number();
    }
  }

  FastSaxResult Object(int depth) {
    ++p_;
    if (!sax_->start_object(kUnknownSize)) return FastSaxResult::kStopped;
    SkipSpace();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return Check(sax_->end_object());
    }
    while (true) {
      if (p_ == end_ || *p_ != '"' || !String()) return FastSaxResult::kUnsupported;
      if (!sax_->key(buffer_)) return FastSaxResult::kStopped;
      SkipSpace();
      if (p_ == end_ || *p_ != ':') return FastSaxResult::kUnsupported;
      ++p_;
      SkipSpace();
      FastSaxResult r = Value(depth + 1);
      if (r != FastSaxResult::kDone) return r;
      SkipSpace();
      if (p_ == end_) return FastSaxResult::kUnsupported;
      if (*p_ == '}') {
        ++p_;
        return Check(sax_->end_object());
      }
      if (*p_ != ',') return FastSaxResult::kUnsupported;
      ++p_;
      SkipSpace();
    }
  }

  FastSaxResult Array(int depth) {
    ++p_;
    if (!sax_->start_array(kUnknownSize)) return FastSaxResult::kStopped;
    SkipSpace();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return Check(sax_->end_array());
    }
    while (true) {
      FastSaxResult r = Value(depth + 1);
      if (r != FastSaxResult::kDone) return r;
      SkipSpace();
      if (p_ == end_) return FastSaxResult::kUnsupported;
      if (*p_ == ']') {
        ++p_;
        return Check(sax_->end_array());
      }
      if (*p_ != ',') return FastSaxResult::kUnsupported;
      ++p_;
      SkipSpace();
    }
  }

  // Integers only: nlohmann reports "-N" as number_integer and "N" as number_unsigned when they
  // fit, which 18 digits always do. A leading zero before a digit is malformed.
  FastSaxResult Number() {
    const bool negative = *p_ == '-';
    const char* digits = negative ? p_ + 1 : p_;
    const char* q = digits;
    uint64_t value = 0;
    while (q != end_ && *q >= '0' && *q <= '9') {
      value = value * 10 + static_cast<uint64_t>(*q++ - '0');
    }
    const size_t n = static_cast<size_t>(q - digits);
    if (n == 0 || n > 18 || (*digits == '0' && n > 1)) return FastSaxResult::kUnsupported;
    if (q != end_ && (*q == '.' || *q == 'e' || *q == 'E')) return FastSaxResult::kUnsupported;
    p_ = q;
    if (negative) return Check(sax_->number_integer(-static_cast<int64_t>(value)));
    return Check(sax_->number_unsigned(value));
  }

  // The string at p_ (on its opening quote) into buffer_; false outside the subset.
  bool String() {
    const char* start = ++p_;
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        buffer_.assign(start, p_);
        ++p_;
        return true;
      }
      if (c == '\\' || c < 0x20) return false;
      if (c < 0x80) {
        ++p_;
      } else if (!Utf8Sequence()) {
        return false;
      }
    }
    return false;
  }

  // One well-formed UTF-8 sequence at p_ (Unicode table 3-7, which nlohmann's lexer enforces:
  // no overlong forms, no surrogates, nothing above U+10FFFF).
  bool Utf8Sequence() {
    const auto b0 = static_cast<unsigned char>(*p_);
    int extra = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      extra = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      extra = 2;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      extra = 3;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end_ - p_ <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      const auto b = static_cast<unsigned char>(p_[i]);
      if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return false;
    }
    p_ += extra + 1;
    return true;
  }

  const char* p_;
  const char* end_;
  Sax* sax_;
  std::string buffer_;  // the current string or key; the handler may move from it
};

template <typename Sax>
FastSaxResult FastSaxParse(std::string_view text, Sax* sax) {
  return FastSaxParser<Sax>(text, sax).Run();
}

}  // namespace vv::serve
