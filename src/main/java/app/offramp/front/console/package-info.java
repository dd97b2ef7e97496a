/**
 * The console front: a line-based chat on standard input and output, for trying the bot without
 * Discord and for driving whole conversations in tests.
 */
package app.offramp.front.console;
