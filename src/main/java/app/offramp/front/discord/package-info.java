/**
 * The Discord front on JDA: support-channel threads, DMs, slash commands and buttons, all adapting
 * the same core conversations. Every message goes out with allowed mentions empty, except the
 * staff role ping of "Talk to staff".
 */
package app.offramp.front.discord;
