/**
 * Conversations: the engine (a pure function from state and input to new state and reply), the
 * values it speaks in, and the per-member state store port with its Caffeine implementation.
 * Replies are plain markdown and choices; fronts decide how to show them.
 */
package app.offramp.core.conversation;
