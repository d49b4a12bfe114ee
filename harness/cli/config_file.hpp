#pragma once
/// `conform.toml`: the flags of `replay` and `fuzz` written in a file, in an optional top part
/// and in profiles (`[env.NAME]`, chosen with `--env NAME`), with `${VAR}` taken from the
/// environment. CLI11 reads it through a CLI::Config subclass, so every flag of the command is
/// a key (its long name without `--`), checked by the flag's own validators, and a flag given on
/// the command line wins over the file.
#include <CLI/CLI.hpp>

namespace conform {

/// Declares `--config PATH` and `--env NAME` on `app` (a subcommand of conform's root app) and,
/// the first time, installs the TOML reader on the root, which reads ./conform.toml when no
/// --config is given and the file exists.
void add_config_flags(CLI::App& app);

}  // namespace conform
