/*
 * commands.h - subcommands implemented in their own files under programs/.
 * Each takes the arguments after its name (argv[0] is the subcommand) and
 * returns the process exit code (0 ok, 1 bad input skipped, 2 usage, 3 fatal).
 * Declared weak so the program still links while one is being written.
 */
#ifndef WN_COMMANDS_H
#define WN_COMMANDS_H

int wn_cmd_explain(int argc, char **argv) __attribute__((weak));

#endif
