package app.offramp.front.discord;

import app.offramp.core.conversation.Handoff;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.in.Conversations;
import app.offramp.core.port.out.TicketEvent;
import app.offramp.core.port.out.TicketObserver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickets on Discord: the card with a staff call, a private thread for a call from a DM, Claim and
 * Close, the member's rating, the transcript, the first-response notice and the idle close. The
 * rules are {@link TicketDesk}'s; this does the talking. Every request is queued (never blocks
 * JDA's threads); a refused one is logged and the member is never told something untrue.
 */
final class Tickets {
  private static final Logger LOG = LoggerFactory.getLogger(Tickets.class);
  /** The card reads this many of the latest messages of the thread or DM. */
  static final int HISTORY = 50;
  /** A transcript holds at most this many messages (the thread keeps them all). */
  static final int TRANSCRIPT_MAX = 1000;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final Conversations words;
  private final DiscordOptions options;
  private final StaffPings pings;
  private final TicketObserver observer;
  private final Clock clock;
  private final TicketDesk desk;
  /** The ticket threads and DMs this process opened or saw, to speak in them later (sweeps, closes). */
  private final Map<Long, ThreadChannel> threads = new ConcurrentHashMap<>();
  private final Map<Long, MessageChannel> dms = new ConcurrentHashMap<>();
  private volatile ShardManager shards;
  /** The tickets' language: the server's ({@code discord.locale}); staff and the member share a ticket. */
  private final String language;

  Tickets(Conversations words, DiscordOptions options, StaffPings pings, TicketObserver observer, Clock clock) {
    this.words = words;
    this.options = options;
    this.pings = pings;
    this.observer = observer;
    this.clock = clock;
    this.desk = new TicketDesk(options.tickets().firstResponse(), options.tickets().idleClose());
    this.language = options.locale().length() >= 2 ? options.locale().substring(0, 2).toLowerCase(java.util.Locale.ROOT)
        : "en";
  }

  void connected(ShardManager shards) {
    this.shards = shards;
  }

  TicketDesk desk() {
    return desk;
  }

  /** Staff = the staff role, or Manage Threads where the ticket is. */
  boolean isStaff(Member member, GuildChannel where) {
    if (member == null) {
      return false;
    }
    if (options.staffRoleId().isPresent()
        && member.getUnsortedRoles().stream().anyMatch(r -> r.getIdLong() == options.staffRoleId().get())) {
      return true;
    }
    try {
      return where != null ? member.hasPermission(where, Permission.MANAGE_THREADS)
          : member.hasPermission(Permission.MANAGE_THREADS);
    } catch (RuntimeException unknown) {
      return false; // permissions not known (an uncached channel): not staff
    }
  }

  // ---------------------------------------------------------------- staff calls

  /**
   * A staff call in a server: the card in the channel; a ticket when it is a thread (with Claim and
   * Close). The role is pinged at most once per member per {@code discord.staff.cooldown}.
   */
  void callInGuild(Reply reply, long memberId, String memberName, MessageChannel channel) {
    Handoff handoff = reply.handoff().orElse(new Handoff("", "", "", Optional.empty(), Optional.empty(), 0));
    boolean ping = pings.mayPing(memberId);
    if (!(channel instanceof ThreadChannel thread)) {
      // A slash command in a plain channel: the card, but nothing to claim or close there.
      memberMessages(channel, memberId, handoff.startedAt(), Optional.empty(), messages -> channel.sendMessage(
          TicketCard.create(words, language, facts(memberId, memberName, handoff, false, messages), options.staffRoleId(), ping, 0))
          .queue(ok -> { }, failed("post the staff card in channel " + channel.getId())));
      return;
    }
    Ticket ticket = Ticket.open(thread.getIdLong(), memberId, memberName, handoff.topicId(), handoff.topic(), 0, now());
    if (!desk.open(ticket)) {
      return; // the thread already has an open ticket
    }
    threads.put(thread.getIdLong(), thread);
    event(TicketEvent.Kind.OPENED, ticket, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
    // A thread the bot opened on a member's question carries that message's id: it is the first of theirs.
    Optional<ThreadChannel> starterOf = options.supportChannelIds().contains(thread.getParentChannel().getIdLong())
        ? Optional.of(thread) : Optional.empty();
    memberMessages(thread, memberId, handoff.startedAt(), starterOf, messages -> thread.sendMessage(
        TicketCard.create(words, language, facts(memberId, memberName, handoff, false, messages), options.staffRoleId(), ping,
            thread.getIdLong())).queue(ok -> { }, failed("post the staff card in thread " + thread.getId())));
  }

  /** Whether a staff call from a DM opens a ticket here (a channel is set for them). */
  boolean fromDmsOn() {
    return options.tickets().channelId().isPresent();
  }

  /**
   * A member asked for a person in a DM. Returns false when no ticket can be opened (none set up,
   * no channel, no permission): the engine's reply, which says how to reach staff, goes out as it
   * is. Otherwise the ticket is opened (or the open one pointed to) and the member told in the DM,
   * with {@code reply}'s choices; if Discord refuses, the engine's reply goes out after all.
   */
  boolean callFromDm(Reply reply, long memberId, String memberName, MessageChannel dm, Consumer<MessageCreateData> say) {
    if (!fromDmsOn() || shards == null) {
      return false;
    }
    Optional<Ticket> open = desk.openFromDm(memberId);
    if (open.isPresent()) {
      say.accept(MessageRenderer.create(withText(reply, words.textIn(language, "ticket.dm_open_already", "link",
          link(open.get().threadId()))), memberId));
      return true;
    }
    TextChannel channel = shards.getTextChannelById(options.tickets().channelId().get());
    if (channel == null || !TicketChecks.mayOpenTickets(channel)) {
      LOG.warn("a staff call from a DM could not open a ticket: discord.tickets.channel-id {} is {}",
          options.tickets().channelId().get(), channel == null ? "not a text channel the bot can see"
              : "missing a permission the bot needs (see the start-up log)");
      return false;
    }
    Handoff handoff = reply.handoff().orElse(new Handoff("", "", "", Optional.empty(), Optional.empty(), 0));
    String topic = handoff.topic().isEmpty() ? words.textIn(language, "ticket.card.no_topic") : handoff.topic();
    String name = Texts.cut(words.textIn(language, "ticket.thread_name", "topic", topic, "member", memberName),
        DiscordLimits.THREAD_NAME);
    channel.createThreadChannel(name, true).setInvitable(false).queue(thread -> {
      Ticket ticket = Ticket.open(thread.getIdLong(), memberId, memberName, handoff.topicId(), handoff.topic(),
          dm.getIdLong(), now());
      desk.open(ticket);
      threads.put(thread.getIdLong(), thread);
      dms.put(thread.getIdLong(), dm);
      event(TicketEvent.Kind.OPENED, ticket, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
      thread.addThreadMemberById(memberId).queue(ok -> { }, failed("add the member to ticket " + thread.getId()));
      boolean ping = pings.mayPing(memberId);
      memberMessages(dm, memberId, handoff.startedAt(), Optional.empty(), messages -> thread.sendMessage(
          TicketCard.create(words, language, facts(memberId, memberName, handoff, true, messages), options.staffRoleId(), ping,
              thread.getIdLong())).queue(ok -> { }, failed("post the staff card in ticket " + thread.getId())));
      say.accept(MessageRenderer.create(withText(reply, words.textIn(language, "ticket.dm_opened", "link",
          link(thread.getIdLong()))), memberId));
    }, error -> {
      LOG.warn("Discord refused a private ticket thread in channel {}: {}", channel.getId(), error.toString());
      say.accept(MessageRenderer.create(reply, memberId)); // the engine's reply: it says how to reach staff
    });
    return true;
  }

  private TicketCard.Facts facts(long memberId, String memberName, Handoff handoff, boolean fromDm, List<String> messages) {
    Optional<String> language = messages.isEmpty() ? Optional.empty()
        : Optional.of(words.language(String.join(" ", messages)));
    return new TicketCard.Facts(memberId, memberName, handoff, fromDm, messages, language);
  }

  /**
   * The member's own messages in this conversation, oldest first, read from Discord (the bot keeps
   * no text): the latest {@link #HISTORY} of the channel, since the conversation started, and the
   * thread's starter message (the question it was opened on) when there is one. Never fails: what
   * cannot be read is left out, and {@code then} runs with what could.
   */
  private void memberMessages(MessageChannel channel, long memberId, long startedAt, Optional<ThreadChannel> starterOf,
      Consumer<List<String>> then) {
    java.util.function.BiConsumer<Optional<Message>, List<Message>> withHistory = (starter, history) -> {
      List<String> texts = new ArrayList<>();
      // The question the thread was opened on started the conversation, whenever it was written.
      starter.filter(m -> m.getAuthor().getIdLong() == memberId && !m.getContentDisplay().isBlank())
          .ifPresent(m -> texts.add(m.getContentDisplay()));
      List<Message> oldestFirst = new ArrayList<>(history);
      java.util.Collections.reverse(oldestFirst);
      for (Message m : oldestFirst) {
        boolean since = startedAt == 0 || m.getTimeCreated().toInstant().toEpochMilli() >= startedAt - 5000; // a first question can wait seconds for the matcher
        if (m.getAuthor().getIdLong() == memberId && since && !m.getContentDisplay().isBlank()) {
          texts.add(m.getContentDisplay());
        }
      }
      then.accept(texts);
    };
    channel.getHistory().retrievePast(HISTORY).queue(history -> {
      if (starterOf.isEmpty()) {
        withHistory.accept(Optional.empty(), history);
        return;
      }
      starterOf.get().retrieveParentMessage().queue(starter -> withHistory.accept(Optional.of(starter), history),
          noStarter -> withHistory.accept(Optional.empty(), history));
    }, error -> {
      LOG.warn("could not read the messages of channel {} for the staff card: {}", channel.getId(), error.toString());
      then.accept(List.of());
    });
  }

  // ---------------------------------------------------------------- messages in tickets

  /**
   * A message in a ticket's thread: staff's first one is counted, anyone's keeps the ticket from
   * going idle. True when the bot must say nothing (the ticket is open and staff have the floor).
   */
  boolean onMessage(MessageReceivedEvent event) {
    long threadId = event.getChannel().getIdLong();
    Optional<Ticket> before = desk.get(threadId);
    if (before.isEmpty()) {
      return false;
    }
    if (event.getChannel() instanceof ThreadChannel thread) {
      threads.putIfAbsent(threadId, thread);
    }
    boolean staff = isStaff(event.getMember(), event.getGuildChannel());
    TicketDesk.Speaker speaker = desk.message(threadId, event.getAuthor().getIdLong(), staff, now());
    if (speaker == TicketDesk.Speaker.STAFF_FIRST_TIME) {
      Ticket t = desk.get(threadId).orElseThrow();
      event(TicketEvent.Kind.FIRST_RESPONSE, t, Optional.of(event.getAuthor().getId()), Optional.of(since(t)),
          OptionalInt.empty(), Optional.empty());
    }
    return desk.botStaysQuiet(threadId);
  }

  /** The member a ticket thread is for, if it is one: their messages there are their conversation. */
  Optional<Long> memberOf(long threadId) {
    return desk.get(threadId).map(Ticket::memberId);
  }

  // ---------------------------------------------------------------- buttons and the rating

  /** True when {@code event} was a ticket's button (Claim, Close, Rate), handled here. */
  boolean button(ButtonInteractionEvent event) {
    String id = event.getComponentId();
    if (id.startsWith(TicketCard.CLAIM)) {
      claim(event, parse(id.substring(TicketCard.CLAIM.length())));
    } else if (id.startsWith(TicketCard.CLOSE)) {
      close(event, parse(id.substring(TicketCard.CLOSE.length())));
    } else if (id.startsWith(TicketCard.RATE)) {
      rate(event, parse(id.substring(TicketCard.RATE.length())));
    } else {
      return false;
    }
    return true;
  }

  private static long parse(String id) {
    try {
      return Long.parseUnsignedLong(id);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void claim(ButtonInteractionEvent event, long threadId) {
    String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getUser().getName();
    TicketDesk.Outcome outcome = desk.claim(threadId, name, isStaff(event.getMember(), event.getGuildChannel()));
    switch (outcome.verdict()) {
      case DONE -> {
        event.reply(OfframpListener.plain(words.textIn(language, "ticket.claimed", "staff", name))).queue();
        Ticket t = outcome.ticket().orElseThrow();
        event(TicketEvent.Kind.CLAIMED, t, Optional.of(event.getUser().getId()), Optional.of(since(t)),
            OptionalInt.empty(), Optional.empty());
      }
      case ALREADY -> ephemeral(event, words.textIn(language, "ticket.already_claimed", "staff",
          outcome.ticket().flatMap(Ticket::claimedBy).orElse("")));
      case NOT_ALLOWED -> ephemeral(event, words.textIn(language, "ticket.staff_only"));
      default -> ephemeral(event, words.textIn(language, "ticket.gone"));
    }
  }

  private void close(ButtonInteractionEvent event, long threadId) {
    boolean staff = isStaff(event.getMember(), event.getGuildChannel());
    TicketDesk.Outcome outcome = desk.close(threadId, event.getUser().getIdLong(), staff);
    switch (outcome.verdict()) {
      case DONE -> {
        String who = event.getMember() != null ? event.getMember().getEffectiveName() : event.getUser().getName();
        Ticket t = outcome.ticket().orElseThrow();
        event.reply(OfframpListener.plain(words.textIn(language, "ticket.closed", "who", who))).queue(
            ok -> afterClose(t, who, staff ? "staff" : "member", staff ? Optional.of(event.getUser().getId())
                : Optional.empty()),
            error -> afterClose(t, who, staff ? "staff" : "member", Optional.empty()));
      }
      case NOT_ALLOWED -> ephemeral(event, words.textIn(language, "ticket.close_refused"));
      default -> ephemeral(event, words.textIn(language, "ticket.gone"));
    }
  }

  /** Closes the tickets nobody wrote in for {@code discord.tickets.idle-close}, with a notice. */
  private void closeIdle(long threadId) {
    ThreadChannel thread = threads.get(threadId);
    desk.closeIdle(threadId).ifPresent(t -> {
      String idle = Durations.words(desk.idleClose());
      if (thread == null) {
        event(TicketEvent.Kind.CLOSED, t, Optional.empty(), Optional.of(since(t)), OptionalInt.empty(),
            Optional.of("idle"));
        return;
      }
      thread.sendMessage(OfframpListener.plain(words.textIn(language, "ticket.idle_closed", "idle", idle))).queue(
          ok -> afterClose(t, "Offramp", "idle", Optional.empty()),
          error -> afterClose(t, "Offramp", "idle", Optional.empty()));
    });
  }

  /**
   * After a close was announced: the member is asked once to rate (in the thread, or in their DM for
   * a ticket from one; not after an idle close), the transcript goes to the log channel, and the
   * thread is archived and locked.
   */
  private void afterClose(Ticket t, String who, String closedBy, Optional<String> staffId) {
    event(TicketEvent.Kind.CLOSED, t, staffId, Optional.of(since(t)), OptionalInt.empty(), Optional.of(closedBy));
    MessageCreateData prompt = new MessageCreateBuilder()
        .setContent(words.textIn(language, "ticket.rate_prompt", "member", t.memberName()))
        .setComponents(ActionRow.of(Button.primary(TicketCard.RATE + Long.toUnsignedString(t.threadId()),
            Texts.cut(words.textIn(language, "ticket.button.rate"), DiscordLimits.BUTTON_LABEL))))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
    ThreadChannel thread = threads.get(t.threadId());
    // An idle close asks nothing: nobody may have helped, and the member has moved on.
    MessageChannel askIn = closedBy.equals("idle") ? null
        : t.fromDm() && dms.containsKey(t.threadId()) ? dms.get(t.threadId()) : thread;
    Runnable archive = () -> {
      if (thread != null) {
        thread.getManager().setArchived(true).setLocked(true).queue(ok -> { },
            failed("archive and lock ticket " + thread.getId()));
      }
    };
    Runnable transcript = () -> {
      if (thread == null) {
        return;
      }
      transcript(thread, t, who, archive);
    };
    if (askIn != null) {
      askIn.sendMessage(prompt).queue(ok -> transcript.run(), error -> transcript.run());
    } else {
      transcript.run();
    }
  }

  /** The thread's messages as text, members by name, to the log channel; then {@code then}. */
  private void transcript(ThreadChannel thread, Ticket t, String who, Runnable then) {
    Optional<Long> logId = options.tickets().logChannelId();
    TextChannel log = logId.isPresent() && shards != null ? shards.getTextChannelById(logId.get()) : null;
    if (log == null) {
      then.run();
      return;
    }
    thread.getIterableHistory().takeAsync(TRANSCRIPT_MAX).whenComplete((messages, error) -> {
      then.run();
      if (error != null) {
        LOG.warn("could not read ticket {} for its transcript: {}", thread.getId(), error.toString());
        return;
      }
      StringBuilder text = new StringBuilder();
      text.append(thread.getName()).append('\n');
      List<Message> oldestFirst = new ArrayList<>(messages);
      java.util.Collections.reverse(oldestFirst);
      for (Message m : oldestFirst) {
        text.append('[').append(STAMP.format(m.getTimeCreated().toInstant())).append("] ")
            .append(m.getMember() != null ? m.getMember().getEffectiveName() : m.getAuthor().getEffectiveName())
            .append(": ").append(m.getContentDisplay());
        m.getEmbeds().forEach(e -> text.append(" [").append(e.getTitle() == null ? "embed" : e.getTitle()).append(']'));
        text.append('\n');
      }
      String topic = t.topic().isEmpty() ? words.textIn(language, "ticket.card.no_topic") : t.topic();
      MessageCreateData post = new MessageCreateBuilder()
          .setContent(Texts.cut(words.textIn(language, "ticket.transcript", "thread", thread.getName(), "topic", topic, "who", who),
              DiscordLimits.MESSAGE))
          .addFiles(FileUpload.fromData(text.toString().getBytes(StandardCharsets.UTF_8),
              "ticket-" + thread.getId() + ".txt"))
          .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
      log.sendMessage(post).queue(ok -> { }, failed("post the transcript of ticket " + thread.getId()));
    });
  }

  private void rate(ButtonInteractionEvent event, long threadId) {
    Optional<Ticket> t = desk.get(threadId);
    if (t.isEmpty()) {
      ephemeral(event, words.textIn(language, "ticket.gone"));
      return;
    }
    if (t.get().memberId() != event.getUser().getIdLong()) {
      ephemeral(event, words.textIn(language, "ticket.rate_not_yours"));
      return;
    }
    if (t.get().rated()) {
      ephemeral(event, words.textIn(language, "ticket.rated_already"));
      return;
    }
    StringSelectMenu.Builder stars = StringSelectMenu.create("rating").setRequiredRange(1, 1);
    for (int i = 1; i <= 5; i++) {
      stars.addOption(words.textIn(language, "ticket.modal.option", "rating", i), Integer.toString(i));
    }
    event.replyModal(Modal.create(TicketCard.RATING_MODAL + Long.toUnsignedString(threadId),
            Texts.cut(words.textIn(language, "ticket.modal.title"), Modal.MAX_TITLE_LENGTH))
        .addComponents(Label.of(Texts.cut(words.textIn(language, "ticket.modal.rating"), Label.LABEL_MAX_LENGTH), stars.build()),
            Label.of(Texts.cut(words.textIn(language, "ticket.modal.comment"), Label.LABEL_MAX_LENGTH),
                TextInput.create("comment", TextInputStyle.PARAGRAPH).setRequired(false).setMaxLength(1000).build()))
        .build()).queue();
  }

  /** True when {@code event} was the rating modal, handled here. */
  boolean modal(ModalInteractionEvent event) {
    if (!event.getModalId().startsWith(TicketCard.RATING_MODAL)) {
      return false;
    }
    long threadId = parse(event.getModalId().substring(TicketCard.RATING_MODAL.length()));
    ModalMapping stars = event.getValue("rating");
    int rating = 0;
    if (stars != null && !stars.getAsStringList().isEmpty()) {
      try {
        rating = Integer.parseInt(stars.getAsStringList().get(0));
      } catch (NumberFormatException forged) {
        rating = 0;
      }
    }
    if (rating < 1 || rating > 5) {
      ephemeral(event, words.textIn(language, "ticket.gone"));
      return true;
    }
    TicketDesk.Verdict verdict = desk.rate(threadId, event.getUser().getIdLong());
    switch (verdict) {
      case DONE -> {
        Ticket t = desk.get(threadId).orElseThrow();
        event.reply(OfframpListener.plain(words.textIn(language, "ticket.rated"))).setEphemeral(true).queue();
        event(TicketEvent.Kind.RATED, t, Optional.empty(), Optional.empty(), OptionalInt.of(rating), Optional.empty());
        ModalMapping comment = event.getValue("comment");
        postRating(t, rating, comment == null ? "" : comment.getAsString());
      }
      case ALREADY -> ephemeral(event, words.textIn(language, "ticket.rated_already"));
      case NOT_ALLOWED -> ephemeral(event, words.textIn(language, "ticket.rate_not_yours"));
      default -> ephemeral(event, words.textIn(language, "ticket.gone"));
    }
    return true;
  }

  /** The rating and its comment go to the log channel for staff; the bot's database keeps the number only. */
  private void postRating(Ticket t, int rating, String comment) {
    Optional<Long> logId = options.tickets().logChannelId();
    TextChannel log = logId.isPresent() && shards != null ? shards.getTextChannelById(logId.get()) : null;
    if (log == null) {
      return;
    }
    String line = "<#" + Long.toUnsignedString(t.threadId()) + "> · " + "★".repeat(rating) + "☆".repeat(5 - rating)
        + (comment.isBlank() ? "" : "\n> " + net.dv8tion.jda.api.utils.MarkdownSanitizer.escape(
            comment.strip().replaceAll("\\s+", " ")));
    log.sendMessage(OfframpListener.plain(Texts.cut(line, DiscordLimits.MESSAGE))).queue(ok -> { },
        failed("post a rating"));
  }

  // ---------------------------------------------------------------- /offramp tickets

  /** Staff only, ephemeral: the open tickets with their age, topic and who claimed them. */
  void list(SlashCommandInteractionEvent event) {
    Member member = event.getMember();
    boolean allowed = isStaff(member, null) || member != null && member.hasPermission(Permission.MANAGE_SERVER);
    if (!allowed) {
      event.reply(OfframpListener.plain(words.textIn(language, "ticket.list.refused"))).setEphemeral(true).queue();
      return;
    }
    List<Ticket> open = desk.open();
    StringBuilder text = new StringBuilder();
    if (open.isEmpty()) {
      text.append(words.textIn(language, "ticket.list.none"));
    } else {
      text.append(words.textIn(language, "ticket.list.header", "count", open.size()));
      Instant now = now();
      for (Ticket t : open) {
        String line = "\n" + words.textIn(language, "ticket.list.line", "link", "<#" + Long.toUnsignedString(t.threadId()) + ">",
            "topic", t.topic().isEmpty() ? words.textIn(language, "ticket.card.no_topic") : t.topic(),
            "age", Durations.words(Duration.between(t.opened(), now)),
            "claimed", t.claimedBy().map(s -> words.textIn(language, "ticket.card.claimed", "staff", s))
                .orElse(words.textIn(language, "ticket.list.unclaimed")));
        if (text.length() + line.length() > DiscordLimits.MESSAGE - 2) {
          text.append("\n…");
          break;
        }
        text.append(line);
      }
    }
    event.reply(OfframpListener.plain(text.toString())).setEphemeral(true).queue();
  }

  // ---------------------------------------------------------------- the clock

  /**
   * Run every few seconds: a member who waited {@code first-response} for staff is told once that
   * they are busy and the bot answers again; a ticket quiet for {@code idle-close} is closed.
   */
  void sweep() {
    Instant now = now();
    for (Ticket t : desk.releaseOverdue(now)) {
      if (!t.fromDm()) {
        words.release(OfframpListener.key(t.memberId(), t.threadId()));
      }
      // Told where the bot talks with them: the support thread, or the DM a ticket was opened from.
      MessageChannel tell = t.fromDm() && dms.containsKey(t.threadId()) ? dms.get(t.threadId()) : threads.get(t.threadId());
      if (tell != null) {
        tell.sendMessage(OfframpListener.plain(words.textIn(language, "ticket.first_response"))).queue(ok -> { },
            failed("tell the member staff are busy (ticket " + Long.toUnsignedString(t.threadId()) + ")"));
      }
    }
    desk.idle(now).forEach(this::closeIdle);
    desk.forgetOld(now);
  }

  // ---------------------------------------------------------------- helpers

  private Instant now() {
    return clock.instant();
  }

  private Duration since(Ticket t) {
    return Duration.between(t.opened(), now());
  }

  private void event(TicketEvent.Kind kind, Ticket t, Optional<String> staffId, Optional<Duration> since,
      OptionalInt rating, Optional<String> closedBy) {
    try {
      observer.ticket(new TicketEvent(now(), kind, Long.toUnsignedString(t.threadId()), t.place(), t.topicId(),
          Long.toUnsignedString(t.memberId()), staffId, since, rating, closedBy));
    } catch (RuntimeException e) {
      LOG.warn("ticket observer failed: {}", e.toString());
    }
  }

  /** A link that opens the thread from a DM (a channel mention there may not resolve). */
  private String link(long threadId) {
    ThreadChannel thread = threads.get(threadId);
    return thread != null ? thread.getJumpUrl() : "<#" + Long.toUnsignedString(threadId) + ">";
  }

  private static Reply withText(Reply reply, String text) {
    return new Reply(text, Optional.empty(), reply.choices(), Optional.empty(), false, reply.intentId(),
        reply.confidence(), Reply.Kind.NOTICE);
  }

  private static void ephemeral(net.dv8tion.jda.api.interactions.callbacks.IReplyCallback event, String text) {
    event.reply(OfframpListener.plain(text)).setEphemeral(true).queue();
  }

  private static Consumer<Throwable> failed(String what) {
    return error -> LOG.warn("could not {}: {}", what, error.toString());
  }
}
