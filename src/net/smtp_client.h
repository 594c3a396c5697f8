// Sends e-mail through an SMTP server (the organisation's relay), with libcurl: STARTTLS on
// smtp:// (required unless turned off for a relay on loopback) or TLS from the start on smtps://,
// the server's certificate verified, AUTH when a user is given. Blocking: called from the
// notification worker, never from the event loop. The password is never written anywhere.
#pragma once

#include <chrono>
#include <string>

#include "core/result.h"
#include "core/time.h"

namespace debrief::net {

struct SmtpSettings {
  std::string url;  // "smtp://mail.example.com:587" or "smtps://mail.example.com:465".
  std::string username;
  std::string password;
  std::string from;  // "debrief <debrief@example.com>"; the envelope sender is the address.
  bool require_tls = true;
  std::string ca_file;  // A CA to trust besides the system's (an internal mail server's).
  std::chrono::milliseconds timeout{30'000};

  bool configured() const { return !url.empty() && !from.empty(); }
};

struct EmailMessage {
  std::string to;  // One address.
  std::string subject;
  std::string text;  // Plain text, UTF-8.
};

// The message as it goes over the wire: RFC 5322 headers (the subject encoded when it is not
// ASCII, line breaks in header values removed), and the text base64-encoded as UTF-8.
std::string FormatEmail(const SmtpSettings& settings, const EmailMessage& message,
                        core::Timestamp now, std::string_view message_id);

// kUnavailable (with the server's reason) when the message could not be handed over.
core::Result<void> SendEmail(const SmtpSettings& settings, const EmailMessage& message,
                             core::Timestamp now);

}  // namespace debrief::net
