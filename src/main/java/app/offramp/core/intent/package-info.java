/**
 * What the bot knows: the intent model (records), loading it from {@code intents/*.yaml} with
 * errors that name file, line and column, and the rules every intent must keep (ids, follow-ups,
 * Discord's size limits once rendered). Nothing here knows about Discord's API or JDA.
 */
package app.offramp.core.intent;
