package app.offramp.front.discord;

import app.offramp.core.conversation.Reply;
import java.util.function.Consumer;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The one way a reply goes out with its staff call: the reply first, then, when the reply calls
 * staff in a server, the card for staff ({@link Tickets}). A member asking for a person in a DM
 * gets a ticket when tickets are set up (else the engine's reply, which says how to reach staff).
 * A reply the core leaves to staff is not sent at all.
 */
final class Replies {
  private final Tickets tickets;

  Replies(Tickets tickets) {
    this.tickets = tickets;
  }

  /** Sends {@code reply} through {@code send} in {@code channel}, then the staff call if one is due. */
  void send(Reply reply, long member, String memberName, MessageChannel channel, Consumer<MessageCreateData> send) {
    if (reply.kind() == Reply.Kind.LEFT_TO_STAFF) {
      return; // staff were called: the humans have the floor
    }
    if (!channel.getType().isGuild() && asksForPersonInDm(reply)
        && tickets.callFromDm(reply, member, memberName, channel, send)) {
      return;
    }
    send.accept(MessageRenderer.create(reply, member));
    staffCall(reply, member, memberName, channel);
  }

  /** Only the staff call, for replies that went out another way (an edit, an interaction reply). */
  void staffCall(Reply reply, long member, String memberName, MessageChannel channel) {
    if (reply.callStaff() && channel.getType().isGuild()) {
      tickets.callInGuild(reply, member, memberName, channel);
    }
  }

  /** A DM's answer to Talk to staff: it carries the hand-off but calls nobody (nobody sees a DM). */
  static boolean asksForPersonInDm(Reply reply) {
    return reply.handoff().isPresent() && !reply.callStaff();
  }

  Tickets tickets() {
    return tickets;
  }
}
