/**
 * The one inbound port between the fronts (console, Discord) and the core: the
 * {@link app.offramp.core.port.in.Conversations} use cases and the values they exchange. A front
 * needs nothing else from the core.
 */
package app.offramp.core.port.in;
