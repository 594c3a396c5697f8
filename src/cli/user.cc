// `debrief user add|list|set-role|token create|list|revoke`: user administration from the shell,
// for the first admin and for scripts. Passwords and tokens are printed once and never stored in
// clear.
#include <cstdio>
#include <iostream>

#include "app/api_tokens.h"
#include "app/users.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "security/password.h"
#include "security/token.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

struct UserOptions {
  std::string database = DefaultDatabase();
  std::string email;
  std::string name;
  std::string role = "member";
  bool password_stdin = false;
  std::string token_name = "cli";
  std::optional<int> expires_in_days;
  int64_t token_id = 0;
};

core::Result<core::Role> ParseRole(const std::string& text) {
  auto role = core::ParseEnum<core::Role>(text);
  if (!role)
    return core::Error::InvalidArgument("role must be " + core::AllowedValues<core::Role>());
  return *role;
}

int AddUser(const UserOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
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
  auto created = app::AddUser(
      **store, std::nullopt,
      {.email = options.email, .name = options.name, .role = *role, .password = password});
  if (!created) return Fail(created.error());
  std::printf("created %s %s (id %lld)\n", core::ToString(created->role).data(),
              created->email.c_str(), static_cast<long long>(created->id));
  if (generated) std::printf("password (shown once): %s\n", password.c_str());
  return kExitOk;
}

int ListUsers(const UserOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
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
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  auto role = ParseRole(options.role);
  if (!role) return Fail(role.error());
  auto user = (*store)->FindUserByEmail(core::NormalizeEmail(options.email));
  if (!user) return Fail(core::Error::NotFound("no user with email " + options.email));
  // The command line acts with the database's own authority, as an admin would.
  core::Principal operator_principal{0, core::Role::kAdmin};
  app::UserChanges changes;
  changes.role = *role;
  auto updated = app::ChangeUser(**store, operator_principal, user->id, changes);
  if (!updated) return Fail(updated.error());
  std::printf("%s is now %s\n", updated->email.c_str(), core::ToString(updated->role).data());
  return kExitOk;
}

int CreateToken(const UserOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  auto user = (*store)->FindUserByEmail(core::NormalizeEmail(options.email));
  if (!user) return Fail(core::Error::NotFound("no user with email " + options.email));
  auto issued = app::IssueApiToken(**store, clock, user->id, std::nullopt,
                                   {options.token_name, options.expires_in_days});
  if (!issued) return Fail(issued.error());
  std::printf("%s\n", issued->secret.c_str());
  std::string until =
      issued->token.expires_at ? "; expires " + core::FormatRfc3339(*issued->token.expires_at) : "";
  std::fprintf(stderr,
               "API token %lld for %s%s (shown once; send as 'Authorization: Bearer ...')\n",
               static_cast<long long>(issued->token.id), user->email.c_str(), until.c_str());
  return kExitOk;
}

int ListTokens(const UserOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  auto users = (*store)->ListUsers();
  if (!users) return Fail(users.error());
  std::optional<int64_t> only;
  if (!options.email.empty()) {
    auto user = (*store)->FindUserByEmail(core::NormalizeEmail(options.email));
    if (!user) return Fail(core::Error::NotFound("no user with email " + options.email));
    only = user->id;
  }
  // The command line acts with the database's own authority, as an admin would.
  core::Principal operator_principal{0, core::Role::kAdmin};
  auto tokens = app::ListApiTokens(**store, operator_principal, only);
  if (!tokens) return Fail(tokens.error());
  std::printf("%-6s %-8s %-32s %-20s %-20s %s\n", "ID", "STATE", "USER", "LAST USED", "EXPIRES",
              "NAME");
  auto when = [](const std::optional<core::Timestamp>& at) {
    return at ? core::FormatRfc3339(*at) : std::string("-");
  };
  for (const core::ApiToken& token : *tokens) {
    std::string email = "user " + std::to_string(token.user_id);
    for (const core::User& user : *users) {
      if (user.id == token.user_id) email = user.email;
    }
    std::printf("%-6lld %-8s %-32s %-20s %-20s %s\n", static_cast<long long>(token.id),
                app::TokenState(token, clock.Now()).data(), email.c_str(),
                when(token.last_used_at).c_str(), when(token.expires_at).c_str(),
                token.name.c_str());
  }
  return kExitOk;
}

int RevokeToken(const UserOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  core::Principal operator_principal{0, core::Role::kAdmin};
  auto revoked = app::RevokeApiToken(**store, operator_principal, options.token_id);
  if (!revoked) return Fail(revoked.error());
  std::printf("API token %lld (%s) is revoked\n", static_cast<long long>(revoked->id),
              revoked->name.c_str());
  return kExitOk;
}

}  // namespace

void AddUser(CLI::App& command, Runner& run) {
  auto options = std::make_shared<UserOptions>();
  command.require_subcommand(1);
  // Lets --db follow the sub-command too: `debrief user list --db FILE`.
  command.fallthrough();
  command.add_option("--db", options->database, store::kDatabaseHelp)->capture_default_str();

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
  create->add_option("--expires-in-days", options->expires_in_days,
                     "Days until the token stops working (default: until revoked)");
  create->fallthrough();
  create->callback([options, &run]() { run = [options]() { return CreateToken(*options); }; });
  CLI::App* list_tokens = token->add_subcommand("list", "List API tokens (everyone's, or EMAIL's)");
  list_tokens->add_option("email", options->email, "Only this user's tokens");
  list_tokens->fallthrough();
  list_tokens->callback([options, &run]() { run = [options]() { return ListTokens(*options); }; });
  CLI::App* revoke =
      token->add_subcommand("revoke", "Revoke an API token: it stops working at once");
  revoke->add_option("id", options->token_id, "The token's id (see `token list`)")->required();
  revoke->fallthrough();
  revoke->callback([options, &run]() { run = [options]() { return RevokeToken(*options); }; });
}

}  // namespace debrief::cli
