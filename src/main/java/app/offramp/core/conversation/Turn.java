package app.offramp.core.conversation;

/** The result of one input: the state to keep and the reply to send. */
public record Turn(ConversationState state, Reply reply) {}
