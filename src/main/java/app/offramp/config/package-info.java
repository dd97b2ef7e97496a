/**
 * Settings: a properties file (never committed: it may hold the token) overridden key by key by
 * environment variables, {@code OFFRAMP_} plus the key in upper snake case.
 */
package app.offramp.config;
