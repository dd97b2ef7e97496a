/** Conversation stores: adapters behind the core's {@link app.offramp.core.conversation.ConversationStore} port. */
package app.offramp.adapter.store;
