// `debrief user add|list|set-role|token create`: user administration from the shell, for the
// first admin and for scripts. Passwords and tokens are printed once and never stored in clear.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "http/authenticator.h"
#include "security/password.h"
#include "security/token.h"
#include "store/sqlite/sqlite_store.h"

namespace debrief::cli {
namespace {

struct UserOptions {
  std::string database = DefaultDatabase();
  std::string email;
  std::string name;
  std::string role = "member";
  bool password_stdin = false;
  std::string token_name = "cli";
};

core::Result<core::Role> ParseRole(const std::string& text) {
  auto role = core::ParseEnum<core::Role>(text);
  if (!role)
    return core::Error::InvalidArgument("role must be " + core::AllowedValues<core::Role>());
  return *role;
}

int AddUser(const UserOptions& options) {
  SystemClock clock;
  auto store = store::sqlite::SqliteStore::Open(options.database, clock);
  if (!store) return Fail(store.error());
  auto role = ParseRole(options.role);
  if (!role) return Fail(role.error());
  std::string password;
  bool generated = false;
  if (options.password_stdin) {
    std::getline(std::cin, password);
  } else {
    password = security::NewToken().substr(0, 20);
    generated = true;
  }
  auto hash = security::HashPassword(password);
  if (!hash) return Fail(hash.error());
  core::User user;
  user.email = http::NormalizeEmail(options.email);
  user.name = options.name.empty() ? user.email : options.name;
  user.role = *role;
  user.password_hash = *hash;
  if (user.email.find('@') == std::string::npos) {
    return Fail(core::Error::InvalidArgument("--email must be an email address"));
  }
  auto created = (*store)->CreateUser(user, {});
  if (!created) return Fail(created.error());
  std::printf("created %s %s (id %lld)\n", core::ToString(created->role).data(),
              created->email.c_str(), static_cast<long long>(created->id));
  if (generated) std::printf("password (shown once): %s\n", password.c_str());
  return kExitOk;
}

int ListUsers(const UserOptions& options) {
  SystemClock clock;
  auto store = store::sqlite::SqliteStore::Open(options.database, clock);
  if (!store) return Fail(store.error());
  auto users = (*store)->ListUsers();
  if (!users) return Fail(users.error());
  std::printf("%-6s %-8s %-9s %-32s %s\n", "ID", "ROLE", "STATE", "EMAIL", "NAME");
  for (const core::User& user : *users) {
    std::printf("%-6lld %-8s %-9s %-32s %s\n", static_cast<long long>(user.id),
                core::ToString(user.role).data(), user.disabled ? "disabled" : "active",
                user.email.c_str(), user.name.c_str());
  }
  return kExitOk;
}

int SetRole(const UserOptions& options) {
  SystemClock clock;
  auto store = store::sqlite::SqliteStore::Open(options.database, clock);
  if (!store) return Fail(store.error());
  auto role = ParseRole(options.role);
  if (!role) return Fail(role.error());
  auto user = (*store)->FindUserByEmail(http::NormalizeEmail(options.email));
  if (!user) return Fail(core::Error::NotFound("no user with email " + options.email));
  std::string before(core::ToString(user->role));
  user->role = *role;
  std::string diff = "{\"role\":{\"from\":\"" + before + "\",\"to\":\"" +
                     std::string(core::ToString(*role)) + "\"}}";
  auto updated = (*store)->UpdateUser(*user, {std::nullopt, diff});
  if (!updated) return Fail(updated.error());
  std::printf("%s is now %s\n", updated->email.c_str(), core::ToString(updated->role).data());
  return kExitOk;
}

int CreateToken(const UserOptions& options) {
  SystemClock clock;
  auto store = store::sqlite::SqliteStore::Open(options.database, clock);
  if (!store) return Fail(store.error());
  auto user = (*store)->FindUserByEmail(http::NormalizeEmail(options.email));
  if (!user) return Fail(core::Error::NotFound("no user with email " + options.email));
  std::string secret = security::NewToken("dbr_");
  core::ApiToken token;
  token.user_id = user->id;
  token.name = options.token_name;
  token.token_hash = security::HashToken(secret);
  auto created = (*store)->CreateApiToken(token, {std::nullopt, "{}"});
  if (!created) return Fail(created.error());
  std::printf("%s\n", secret.c_str());
  std::fprintf(stderr, "API token %lld for %s (shown once; send as 'Authorization: Bearer ...')\n",
               static_cast<long long>(created->id), user->email.c_str());
  return kExitOk;
}

}  // namespace

void AddUser(CLI::App& command, Runner& run) {
  auto options = std::make_shared<UserOptions>();
  command.require_subcommand(1);
  // Lets --db follow the sub-command too: `debrief user list --db FILE`.
  command.fallthrough();
  command.add_option("--db", options->database, "SQLite database file (env DEBRIEF_DB)")
      ->capture_default_str();

  CLI::App* add = command.add_subcommand("add", "Create a user (prints a generated password)");
  add->add_option("--email", options->email, "Email address, used to sign in")->required();
  add->add_option("--name", options->name, "Display name");
  add->add_option("--role", options->role, "viewer, member or admin")->capture_default_str();
  add->add_flag("--password-stdin", options->password_stdin,
                "Read the password from the first line of standard input");
  add->fallthrough();
  add->callback([options, &run]() { run = [options]() { return AddUser(*options); }; });

  CLI::App* list = command.add_subcommand("list", "List users");
  list->fallthrough();
  list->callback([options, &run]() { run = [options]() { return ListUsers(*options); }; });

  CLI::App* set_role = command.add_subcommand("set-role", "Change a user's role");
  set_role->add_option("email", options->email, "The user's email")->required();
  set_role->add_option("role", options->role, "viewer, member or admin")->required();
  set_role->fallthrough();
  set_role->callback([options, &run]() { run = [options]() { return SetRole(*options); }; });

  CLI::App* token = command.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  token->fallthrough();
  CLI::App* create = token->add_subcommand("create", "Create an API token (printed once)");
  create->add_option("email", options->email, "The user the token acts as")->required();
  create->add_option("--name", options->token_name, "What the token is for")->capture_default_str();
  create->fallthrough();
  create->callback([options, &run]() { run = [options]() { return CreateToken(*options); }; });
}

}  // namespace debrief::cli
