/**
 * The use cases behind the {@link app.offramp.core.port.in.Conversations} port: each input run
 * through the engine inside the store's atomic update, commands, reloads.
 */
package app.offramp.core.service;
