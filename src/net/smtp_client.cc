#include "net/smtp_client.h"

#include <curl/curl.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace debrief::net {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t index = 0;
  for (; index + 2 < bytes.size(); index += 3) {
    uint32_t chunk = (static_cast<unsigned char>(bytes[index]) << 16) |
                     (static_cast<unsigned char>(bytes[index + 1]) << 8) |
                     static_cast<unsigned char>(bytes[index + 2]);
    for (int shift : {18, 12, 6, 0}) out += kBase64[(chunk >> shift) & 63];
  }
  size_t left = bytes.size() - index;
  if (left > 0) {
    uint32_t chunk = static_cast<unsigned char>(bytes[index]) << 16;
    if (left == 2) chunk |= static_cast<unsigned char>(bytes[index + 1]) << 8;
    out += kBase64[(chunk >> 18) & 63];
    out += kBase64[(chunk >> 12) & 63];
    out += left == 2 ? kBase64[(chunk >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// A header value on one line: a line break in a name or title must not start a new header.
std::string OneLine(std::string_view value) {
  std::string line(value);
  std::replace_if(
      line.begin(), line.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return line;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// RFC 2047: a subject that is not ASCII travels as UTF-8 in base64 words.
std::string EncodedSubject(std::string_view subject) {
  std::string line = OneLine(subject);
  if (IsAscii(line)) return line;
  return "=?UTF-8?B?" + Base64(line) + "?=";
}

// "debrief <debrief@example.com>" -> "debrief@example.com".
std::string Address(std::string_view mailbox) {
  size_t open = mailbox.rfind('<');
  size_t close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return std::string(mailbox.substr(open + 1, close - open - 1));
  }
  return std::string(mailbox);
}

// "Thu, 03 Dec 2026 14:00:00 +0000".
std::string MailDate(core::Timestamp now) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::seconds>(now - day));
  std::chrono::weekday weekday(day);
  char text[64];
  std::snprintf(text, sizeof(text), "%s, %02u %s %d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

struct Upload {
  std::string_view data;
  size_t sent = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t room = size * count;
  size_t length = std::min(room, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, length);
  upload->sent += length;
  return length;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

std::string FormatEmail(const SmtpSettings& settings, const EmailMessage& message,
                        core::Timestamp now, std::string_view message_id) {
  std::string out;
  out += "From: " + OneLine(settings.from) + "\r\n";
  out += "To: " + OneLine(message.to) + "\r\n";
  out += "Subject: " + EncodedSubject(message.subject) + "\r\n";
  out += "Date: " + MailDate(now) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + "@debrief>\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  // Notification e-mails are sent by a machine: out-of-office replies should not answer them.
  out += "Auto-Submitted: auto-generated\r\n\r\n";
  std::string body = Base64(message.text);
  for (size_t at = 0; at < body.size(); at += 76) out += body.substr(at, 76) + "\r\n";
  return out;
}

core::Result<void> SendEmail(const SmtpSettings& settings, const EmailMessage& message,
                             core::Timestamp now) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  unsigned char random[12];
  RAND_bytes(random, sizeof(random));
  std::string id;
  for (unsigned char byte : random) {
    id += "0123456789abcdef"[byte >> 4];
    id += "0123456789abcdef"[byte & 15];
  }
  std::string wire = FormatEmail(settings, message, now, id);

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return core::Error::Unavailable("cannot start an SMTP client");
  std::string from = Address(settings.from);
  std::string to = Address(message.to);
  std::unique_ptr<curl_slist, ListDeleter> recipients(curl_slist_append(nullptr, to.c_str()));
  Upload upload{wire};
  char error[CURL_ERROR_SIZE] = {0};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_USE_SSL,
                   settings.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                        : static_cast<long>(CURLUSESSL_NONE));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    return core::Error::Unavailable("the mail server did not take the message: " +
                                    std::string(error[0] ? error : curl_easy_strerror(code)));
  }
  return core::Ok();
}

}  // namespace debrief::net
