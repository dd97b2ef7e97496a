package app.offramp.front.discord;

import app.offramp.core.conversation.Reply;
import java.util.Optional;
import java.util.function.Consumer;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The one way a reply goes out with its staff call: the reply first, then, when the reply calls
 * staff and the member has not pinged staff within the cooldown, the ping. A reply the core leaves
 * to staff is not sent at all.
 */
final class Replies {
  private final Optional<Long> staffRoleId;
  private final StaffPings pings;

  Replies(Optional<Long> staffRoleId, StaffPings pings) {
    this.staffRoleId = staffRoleId;
    this.pings = pings;
  }

  /** Sends {@code reply} through {@code send}, then the staff call if one is due. */
  void send(Reply reply, long member, boolean inGuild, Consumer<MessageCreateData> send) {
    if (reply.kind() == Reply.Kind.LEFT_TO_STAFF) {
      return; // staff were called: the humans have the floor
    }
    send.accept(MessageRenderer.create(reply, member));
    staffCall(reply, member, inGuild, send);
  }

  /** Only the staff call, for replies that went out another way (an edit, an interaction reply). */
  void staffCall(Reply reply, long member, boolean inGuild, Consumer<MessageCreateData> send) {
    if (reply.callStaff() && (!inGuild || pings.mayPing(member))) {
      MessageRenderer.staffCall(reply, staffRoleId, member, inGuild).ifPresent(send);
    }
  }
}
