// `debrief serve`: the composition root. Reading it top to bottom shows the whole server: the
// clock, the application (store, caches, background work), the authenticator, the router's
// services, the HTTP server, and the signals that stop it.
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <thread>
#include <vector>

#include "app/app.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "cli/text_files.h"
#include "http/access_log.h"
#include "http/authenticator.h"
#include "http/metrics.h"
#include "http/request_workers.h"
#include "http/response_cache.h"
#include "http/search_workers.h"
#include "http/server.h"
#include "server/serve_command.h"
#include "server/sign_in_options.h"

namespace debrief::server {
namespace {

using cli::Fail;
using cli::kExitOk;

// Request workers on a database that serves many connections at once, unless --db-connections
// says otherwise: one per core (at least two). Measured with PostgreSQL on the same 2-core
// machine, two answered more than four or eight, which only added switches between threads
// (bench/README.md); a database across the network hides more round trips behind more
// connections, so deployments there raise it.
size_t DefaultRequestWorkers() { return std::max(2u, std::thread::hardware_concurrency()); }
// How long a request worker's statement waits for another transaction's lock (a write to the
// same incident, normally committed within milliseconds) before giving the worker back: the
// request is then run again after a pause on the event loop (Server::RunAgainWhileBusy), so a
// long commit (a large import landing) holds no worker for long while others wait for one.
constexpr std::chrono::seconds kWorkerLockWait{1};

struct ServeOptions {
  std::string database = cli::DefaultDatabase();
  std::string listen = cli::DefaultListen();
  size_t body_limit = 1024 * 1024;
  size_t import_body_limit = 32 * 1024 * 1024;
  size_t max_connections = 10'000;
  std::string secure_cookies = "auto";
  std::string rules;  // An organisation rule pack for the language checker.
  // Database connections answering requests at once, each on a thread of its own; unset: the
  // back end's choice (DefaultRequestWorkers on PostgreSQL; SQLite answers on the event loop).
  std::optional<size_t> db_connections;
  // Threads that run library searches; 0 runs them on the event loop.
  size_t search_threads = std::max(1u, std::thread::hardware_concurrency());
  // Where people reach debrief, for the links in e-mail and chat notifications.
  std::string public_url;
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password_file;  // Else DEBRIEF_SMTP_PASSWORD; never a flag (ps would show it).
  std::string smtp_from;
  std::string smtp_starttls = "required";
  std::string smtp_ca_file;
  std::string chat_webhook_hosts;
  std::vector<std::string> webhook_internal_hosts;
  std::vector<std::string> trusted_proxies;
  SignInOptions sign_in;
};

// The notification worker's settings from the flags; the SMTP password from its file or the
// environment, never from the command line.
core::Result<app::NotificationWorker::Options> NotificationSettings(const ServeOptions& options,
                                                                    const std::string& url) {
  app::NotificationWorker::Options worker;
  worker.public_url = options.public_url.empty() ? url : options.public_url;
  worker.smtp.url = options.smtp_url;
  worker.smtp.username = options.smtp_user;
  worker.smtp.from = options.smtp_from;
  worker.smtp.require_tls = options.smtp_starttls != "off";
  worker.smtp.ca_file = options.smtp_ca_file;
  DEBRIEF_ASSIGN_OR_RETURN(
      worker.smtp.password,
      cli::ReadSecret(options.smtp_password_file, "DEBRIEF_SMTP_PASSWORD", "--smtp-password-file"));
  if (!options.smtp_url.empty() && options.smtp_from.empty()) {
    return core::Error::InvalidArgument(
        "--smtp-from is needed with --smtp-url: the address "
        "notifications come from");
  }
  worker.notifications.email_available = worker.smtp.configured();
  if (!options.chat_webhook_hosts.empty()) {
    worker.notifications.chat_hosts.clear();
    std::string_view hosts = options.chat_webhook_hosts;
    while (!hosts.empty()) {
      size_t comma = hosts.find(',');
      std::string_view host = hosts.substr(0, comma);
      while (!host.empty() && host.front() == ' ') host.remove_prefix(1);
      while (!host.empty() && host.back() == ' ') host.remove_suffix(1);
      if (!host.empty()) worker.notifications.chat_hosts.emplace_back(host);
      if (comma == std::string_view::npos) break;
      hosts.remove_prefix(comma + 1);
    }
  }
  return worker;
}

core::Result<std::pair<std::string, uint16_t>> SplitListen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return core::Error::InvalidArgument("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  uint16_t port = 0;
  const char* begin = listen.data() + colon + 1;
  const char* end = listen.data() + listen.size();
  auto [parsed_end, error] = std::from_chars(begin, end, port);
  if (error != std::errc() || parsed_end != end || begin == end) {
    return core::Error::InvalidArgument("--listen has no valid port: " + listen);
  }
  return std::make_pair(host, port);
}

// Flushes the access log every second, so lines appear promptly without a write per request.
void FlushPeriodically(boost::asio::steady_timer& timer, http::AccessLog& log) {
  timer.expires_after(std::chrono::seconds(1));
  timer.async_wait([&timer, &log](const boost::system::error_code& error) {
    log.Flush();
    if (!error) FlushPeriodically(timer, log);
  });
}

int Serve(const ServeOptions& options) {
  auto address = SplitListen(options.listen);
  if (!address) return Fail(address.error());
  bool postgres = store::IsPostgresLocation(options.database);
  size_t connections = options.db_connections.value_or(postgres ? DefaultRequestWorkers() : 0);
  if (connections > 0 && !postgres) {
    return Fail(core::Error::InvalidArgument(
        "--db-connections needs PostgreSQL: SQLite writes one at a time and answers on the event "
        "loop (leave the flag out, or give 0)"));
  }

  cli::SystemClock clock;
  http::Metrics metrics;
  app::AppOptions app_options;
  app_options.store.query_observer = [&metrics](std::string_view, std::chrono::nanoseconds took) {
    metrics.ObserveQuery(took);
  };
  // The event loop never sleeps on another connection's write lock (a worker committing a large
  // import, the checkpointer's restart): such a request is run again after a pause instead
  // (http::Server::RunAgainWhileBusy), and everyone else is answered meanwhile.
  app_options.store.lock_wait = std::chrono::milliseconds(0);
  auto rule_pack = cli::LoadRulePack(options.rules);
  if (!rule_pack) return Fail(rule_pack.error());
  app_options.rule_pack = std::move(*rule_pack);
  auto opened = app::App::Open(options.database, clock, std::move(app_options));
  if (!opened) return Fail(opened.error());
  app::App& app = **opened;

  // Reviews published before the library existed, or restored from a backup, become findable,
  // and the search index is built before the first request, not during it; a large library
  // takes seconds, so say what the wait was for.
  auto warm_start = std::chrono::steady_clock::now();
  auto library = app.PrepareLibrary();
  // The store waits for no lock (above): while another process writes (an import from the
  // command line), starting waits here, as it would in SQLite, for up to ten seconds.
  while (!library && library.error().busy() &&
         std::chrono::steady_clock::now() - warm_start < std::chrono::seconds(10)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    library = app.PrepareLibrary();
  }
  if (!library) return Fail(library.error());
  if (library->added > 0) {
    std::fprintf(stderr, "debrief added %d published review(s) to the library\n", library->added);
  }
  if (library->warmed > 0) {
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - warm_start);
    std::fprintf(stderr, "debrief indexed %zu published review(s) for search in %lld ms\n",
                 library->warmed, static_cast<long long>(took.count()));
  }

  // The events of the newest reviews are read now, not by their first reader: a hundred thousand
  // events take about 40 ms to read. A second at most; a busy database only skips it.
  auto snapshot_start = std::chrono::steady_clock::now();
  if (auto warmed = app.WarmEventSnapshots(std::chrono::seconds(1)); !warmed) {
    std::fprintf(stderr, "debrief did not read events ahead: %s\n",
                 warmed.error().message().c_str());
  } else if (warmed->events > 0) {
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - snapshot_start);
    std::fprintf(stderr,
                 "debrief read the events of %zu incident(s) ahead (%zu events) in %lld ms\n",
                 warmed->incidents, warmed->events, static_cast<long long>(took.count()));
  }

  http::Authenticator::Options sign_in;
  // "auto": Secure unless the server answers on loopback only (make run, a local trial); a
  // server others reach is behind TLS, directly or at a proxy, and its cookie must say so.
  boost::system::error_code ignored;
  auto listen_address = boost::asio::ip::make_address(address->first, ignored);
  sign_in.secure_cookie = options.secure_cookies == "on" ||
                          (options.secure_cookies == "auto" && !listen_address.is_loopback());
  if (sign_in.secure_cookie && options.secure_cookies == "auto") {
    std::fprintf(stderr,
                 "debrief: the session cookie is Secure, so browsers keep it over HTTPS only: "
                 "serve behind a TLS proxy (docs/operations.md), or pass --secure-cookies off "
                 "on a trusted network\n");
  }
  auto proxy = ConfigureProxySignIn(options.sign_in);
  if (!proxy) return Fail(proxy.error());
  sign_in.proxy = std::move(*proxy);
  auto provisioning_token = ProvisioningTokenHash(options.sign_in);
  if (!provisioning_token) return Fail(provisioning_token.error());
  sign_in.provisioning_token_hash = std::move(*provisioning_token);
  http::Authenticator authenticator(app.store(), clock, sign_in);
  // 1,024 responses or 32 MiB, whichever comes first: the timelines of a team's active reviews
  // and the library searches people repeat fit, and the server stays small.
  http::ResponseCache response_cache(1024, 32 * 1024 * 1024);
  auto search_workers = http::SearchWorkers::Start(app.store(), options.search_threads);
  if (!search_workers) return Fail(search_workers.error());
  std::string url = "http://" + options.listen.substr(0, options.listen.rfind(':')) + ":" +
                    std::to_string(address->second);
  auto notification_settings = NotificationSettings(options, url);
  if (!notification_settings) return Fail(notification_settings.error());
  auto single_sign_on = ConfigureSingleSignOn(
      options.sign_in, options.public_url.empty() ? url : options.public_url, clock);
  if (!single_sign_on) return Fail(single_sign_on.error());
  http::Services services =
      http::ServicesFor(app, authenticator, metrics, response_cache, search_workers->get());
  services.notifications = notification_settings->notifications;
  services.single_sign_on = single_sign_on->get();
  services.password_sign_in = options.sign_in.password_sign_in != "off";
  auto provisioning = ConfigureProvisioning(options.sign_in);
  if (!provisioning) return Fail(provisioning.error());
  services.provisioning = std::move(*provisioning);
  boost::asio::io_context io(1);
  http::AccessLog log(stdout);
  http::Server::Options server_options;
  server_options.host = address->first;
  server_options.port = address->second;
  server_options.body_limits.general = options.body_limit;
  server_options.body_limits.files = options.import_body_limit;
  server_options.max_connections = options.max_connections;
  server_options.trusted_proxies = options.trusted_proxies;
  std::unique_ptr<http::RequestWorkers> request_workers;
  if (connections > 0) {
    auto started =
        http::RequestWorkers::Start(services, authenticator, connections, kWorkerLockWait);
    if (!started) return Fail(started.error());
    request_workers = std::move(*started);
    server_options.request_workers = request_workers.get();
  }
  auto server = http::Server::Start(io, services, log, server_options);
  if (!server) return Fail(server.error());

  url = "http://" + options.listen.substr(0, options.listen.rfind(':')) + ":" +
        std::to_string((*server)->port());
  if (options.public_url.empty()) notification_settings->public_url = url;
  log.Event(clock.Now(), "listening", url);
  std::fprintf(stderr, "debrief is serving %s (database %s)\n", url.c_str(),
               store::DescribeLocation(options.database).c_str());

  // Webhook deliveries and notifications by e-mail and chat go out from their own threads and
  // connections.
  app::WebhookDispatcher::Options webhooks;
  webhooks.internal_hosts = options.webhook_internal_hosts;
  app.StartBackgroundWork(*notification_settings, webhooks);

  boost::asio::steady_timer flush_timer(io);
  FlushPeriodically(flush_timer, log);
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& error, int) {
    if (error) return;
    log.Event(clock.Now(), "shutting_down", "finishing requests in flight");
    (*server)->Shutdown();
    flush_timer.cancel();
  });
  io.run();
  app.StopBackgroundWork();
  log.Event(clock.Now(), "stopped", "");
  return kExitOk;
}

}  // namespace

void AddServe(CLI::App& command, std::function<int()>& run) {
  auto options = std::make_shared<ServeOptions>();
  command.add_option("--db", options->database, store::kDatabaseHelp)->capture_default_str();
  command.add_option("--listen", options->listen, "Address to listen on (env DEBRIEF_LISTEN)")
      ->capture_default_str();
  command.add_option("--body-limit", options->body_limit, "Largest request body, in bytes")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{64} * 1024 * 1024));
  command
      .add_option("--import-body-limit", options->import_body_limit,
                  "Largest timeline import sent to the API (the UI's Import dialog), in bytes")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1024} * 1024 * 1024));
  command
      .add_option("--secure-cookies", options->secure_cookies,
                  "Mark the session cookie Secure (HTTPS only): on, off, or auto (on unless "
                  "listening on loopback)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "on", "off"}));
  command
      .add_option("--max-connections", options->max_connections,
                  "Connections held at once (fewer if the open-file limit is lower); at the cap "
                  "an idle keep-alive connection makes room for a new client")
      ->capture_default_str()
      ->check(CLI::Range(size_t{16}, size_t{1'000'000}));
  command
      .add_option("--db-connections", options->db_connections,
                  "Database connections answering requests at once, each on a thread of its own "
                  "(PostgreSQL; default: one per core, at least 2). SQLite answers on the event "
                  "loop: 0 only")
      ->check(CLI::Range(size_t{0}, size_t{256}));
  command
      .add_option("--search-threads", options->search_threads,
                  "Threads that run library searches (0: on the request thread)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{0}, size_t{64}));
  command.add_option("--rules", options->rules,
                     "An organisation rule pack (.debrief.toml) for the language checker");
  command.add_option("--public-url", options->public_url,
                     "Where people reach debrief, for links in notifications (default: the "
                     "listen address)");
  command.add_option("--smtp-url", options->smtp_url,
                     "Mail server for e-mail notifications: smtp://host:587 (STARTTLS) or "
                     "smtps://host:465");
  command.add_option("--smtp-user", options->smtp_user, "User to authenticate to the mail server");
  command.add_option("--smtp-password-file", options->smtp_password_file,
                     "File holding the mail server password (else env DEBRIEF_SMTP_PASSWORD)");
  command.add_option("--smtp-from", options->smtp_from,
                     "Sender of notifications, e.g. \"debrief <debrief@example.com>\"");
  command
      .add_option("--smtp-starttls", options->smtp_starttls,
                  "required: refuse a server without STARTTLS; off: plain SMTP (a relay on "
                  "this machine only)")
      ->capture_default_str()
      ->check(CLI::IsMember({"required", "off"}));
  command.add_option("--smtp-ca-file", options->smtp_ca_file,
                     "A CA certificate to trust for the mail server, besides the system's");
  command
      .add_option("--trusted-proxies", options->trusted_proxies,
                  "Addresses of reverse proxies in front: from them, the client's address is "
                  "read from X-Forwarded-For")
      ->delimiter(',');
  command
      .add_option("--webhook-internal-hosts", options->webhook_internal_hosts,
                  "Hosts webhooks may deliver to on the internal network (comma-separated); "
                  "every other host must resolve to public addresses")
      ->delimiter(',');
  command.add_option("--chat-webhook-hosts", options->chat_webhook_hosts,
                     "Hosts people's chat webhooks may point at, comma-separated (*.x.com for "
                     "any under x.com; default: Slack's and Microsoft Teams')");
  AddSignInOptions(command, options->sign_in);
  command.callback([options, &run]() { run = [options]() { return Serve(*options); }; });
}

}  // namespace debrief::server
