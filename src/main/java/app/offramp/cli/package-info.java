/**
 * The command line and composition root: picocli commands that load settings and intents, build
 * the core, and start a front (console or Discord). Errors reach the user as one line and an exit
 * code (1: the checked content failed, 2: bad input or settings), never as a stack trace.
 */
package app.offramp.cli;
