package app.offramp.core.intent;

import java.util.List;

/**
 * Every sentence the engine says that is not an intent's own content, by key: the key in
 * {@code messages/en.yaml} and the placeholders its text must have. The enum is the contract
 * between code and file: {@link Messages} refuses a file that lacks a key, has one the code does
 * not know, or a text whose placeholders differ.
 */
public enum Text {
  BUTTON_BACK("button.back"),
  BUTTON_NEXT("button.next"),
  BUTTON_ALL("button.all"),
  BUTTON_STOP("button.stop"),
  BUTTON_DONE("button.done"),
  BUTTON_DIDNT_WORK("button.didnt_work"),
  BUTTON_STAFF("button.staff"),
  BUTTON_HELPED("button.helped"),
  BUTTON_NOT_HELPED("button.not_helped"),
  BUTTON_BACK_TO_STEP("button.back_to_step", "step"),
  BUTTON_BACK_TO_QUESTION("button.back_to_question"),
  BUTTON_AGAIN("button.again"),
  STATE_CHANGED("state.changed"),
  STEP_HEADING("step.heading", "step", "total"),
  STEP_ALL_HEADING("step.all_heading"),
  STEP_STILL_ON("step.still_on", "step", "total"),
  STEP_ALREADY_ON("step.already_on", "step", "total"),
  STEP_LAST("step.last"),
  STEP_FIRST("step.first"),
  STEP_MORE("step.more", "step", "total"),
  STEP_STOPPED("step.stopped", "step", "total"),
  STEP_DONE_NO_OUTRO("step.done_no_outro"),
  STEP_BEFORE_YOU_GO("step.before_you_go"),
  STEP_SWITCHED("step.switched", "value"),
  STEP_SAME_VALUE("step.same_value", "value"),
  STEP_RESTART("step.restart"),
  STEP_TROUBLE("step.trouble", "step", "total"),
  STEP_ENDED("step.ended"),
  STEP_KEPT("step.kept"),
  PLACE_PICK("place.pick"),
  PLACE_STEP("place.step", "step", "total"),
  SLOT_AGAIN("slot.again"),
  SLOT_STILL("slot.still", "options"),
  SLOT_OR("slot.or"),
  BACK_TO_IT("back_to_it"),
  SOURCE("source", "section", "date"),
  MENU("menu"),
  NOT_SURE("not_sure"),
  DID_YOU_MEAN("did_you_mean"),
  REPEAT("repeat", "title"),
  FOLLOW_UP("follow_up", "summary"),
  OTHER_SERVICE("other_service", "service", "other"),
  ENGLISH_ONLY("english_only"),
  UNCLEAR_OTHER_LANGUAGE("unclear_other_language"),
  FEEDBACK_HELPED("feedback.helped"),
  FEEDBACK_NOT_HELPED("feedback.not_helped"),
  NOTHING_IN_PROGRESS("nothing_in_progress", "service"),
  NO_SUCH_OPTION("no_such_option", "number", "count"),
  OPTION_GONE("option_gone"),
  TOPIC_GONE("topic_gone"),
  UNKNOWN_TOPIC("unknown_topic"),
  DIDNT_GET("didnt_get"),
  BLANK("blank", "service"),
  ERROR("error"),
  EXPIRED("expired"),
  CANNOT_RESUME("cannot_resume"),
  STAFF_CALLED("staff.called"),
  STAFF_ALREADY("staff.already", "time", "ago"),
  STAFF_JUST_NOW("staff.just_now"),
  STAFF_MINUTES_AGO("staff.minutes_ago", "minutes"),
  STAFF_UNSEEN("staff.unseen"),
  NOTICE_FLOOD("notice.flood"),
  NOTICE_STALE("notice.stale"),
  NOTICE_UNKNOWN_BUTTON("notice.unknown_button"),
  NOTICE_NOT_YOURS("notice.not_yours"),
  NOTICE_LEFT_TO_STAFF("notice.left_to_staff"),
  NOTICE_COMMAND_GONE("notice.command_gone"),
  ADMIN_RELOAD_REFUSED("admin.reload_refused"),
  ADMIN_STATS_REFUSED("admin.stats_refused"),
  ADMIN_RELOAD_FAILED("admin.reload_failed", "summary", "problem"),
  ADMIN_RELOAD_DISCORD_REFUSED("admin.reload_discord_refused", "error"),
  ADMIN_RELOADED("admin.reloaded", "summary", "commands"),
  ADMIN_STATS_OFF("admin.stats_off"),
  ADMIN_STATS("admin.stats", "questions", "rate", "answered", "unanswered", "ambiguous", "started", "finished",
      "didnt", "helpful", "not_helpful", "staff"),
  ADMIN_STATS_RATE("admin.stats_rate", "percent"),
  ADMIN_STATS_NOTHING_ASKED("admin.stats_nothing_asked"),
  ADMIN_STATS_UNREADABLE("admin.stats_unreadable", "reason"),
  ADMIN_STATS_OPENING("admin.stats_opening"),
  COMMAND_ASK("command.ask"),
  COMMAND_LANGUAGE("command.language"),
  COMMAND_LANGUAGE_OPTION("command.language.option"),
  LANGUAGE_NAME("language.name"),
  LANGUAGE_SWITCHED("language.switched"),
  COMMAND_ASK_QUESTION("command.ask.question"),
  COMMAND_OFFRAMP("command.offramp"),
  COMMAND_OFFRAMP_RELOAD("command.offramp.reload"),
  COMMAND_OFFRAMP_STATS("command.offramp.stats"),
  COMMAND_OFFRAMP_TICKETS("command.offramp.tickets"),
  CONSOLE_BANNER("console.banner", "service"),
  CONSOLE_HELP("console.help"),
  CONSOLE_RESET("console.reset"),
  CONSOLE_BYE("console.bye"),
  CONSOLE_LEFT_TO_STAFF("console.left_to_staff"),
  TICKET_PING("ticket.ping", "role", "member"),
  TICKET_NO_ROLE_PING("ticket.no_role_ping", "member"),
  TICKET_CARD_TITLE("ticket.card.title", "topic"),
  TICKET_CARD_MEMBER("ticket.card.member"),
  TICKET_CARD_TOPIC("ticket.card.topic"),
  TICKET_CARD_PLATFORM("ticket.card.platform"),
  TICKET_CARD_STEP("ticket.card.step"),
  TICKET_CARD_STEP_VALUE("ticket.card.step_value", "step", "total"),
  TICKET_CARD_TROUBLE("ticket.card.trouble"),
  TICKET_CARD_LANGUAGE("ticket.card.language"),
  TICKET_CARD_STARTED("ticket.card.started"),
  TICKET_CARD_MESSAGES("ticket.card.messages"),
  TICKET_CARD_PLACE("ticket.card.place"),
  TICKET_CARD_NONE("ticket.card.none"),
  TICKET_CARD_NO_TOPIC("ticket.card.no_topic"),
  TICKET_CARD_CLAIMED("ticket.card.claimed", "staff"),
  TICKET_PLACE_THREAD("ticket.place.thread"),
  TICKET_PLACE_DM("ticket.place.dm"),
  TICKET_BUTTON_CLAIM("ticket.button.claim"),
  TICKET_BUTTON_CLOSE("ticket.button.close"),
  TICKET_BUTTON_RATE("ticket.button.rate"),
  TICKET_CLAIMED("ticket.claimed", "staff"),
  TICKET_ALREADY_CLAIMED("ticket.already_claimed", "staff"),
  TICKET_STAFF_ONLY("ticket.staff_only"),
  TICKET_CLOSE_REFUSED("ticket.close_refused"),
  TICKET_GONE("ticket.gone"),
  TICKET_CLOSED("ticket.closed", "who"),
  TICKET_RATE_PROMPT("ticket.rate_prompt", "member"),
  TICKET_RATE_NOT_YOURS("ticket.rate_not_yours"),
  TICKET_RATED("ticket.rated"),
  TICKET_RATED_ALREADY("ticket.rated_already"),
  TICKET_MODAL_TITLE("ticket.modal.title"),
  TICKET_MODAL_RATING("ticket.modal.rating"),
  TICKET_MODAL_OPTION("ticket.modal.option", "rating"),
  TICKET_MODAL_COMMENT("ticket.modal.comment"),
  TICKET_FIRST_RESPONSE("ticket.first_response"),
  TICKET_IDLE_CLOSED("ticket.idle_closed", "idle"),
  TICKET_THREAD_NAME("ticket.thread_name", "topic", "member"),
  TICKET_DM_OPENED("ticket.dm_opened", "link"),
  TICKET_DM_OPEN_ALREADY("ticket.dm_open_already", "link"),
  TICKET_DM_FAILED("ticket.dm_failed"),
  TICKET_TRANSCRIPT("ticket.transcript", "thread", "topic", "who"),
  TICKET_LIST_HEADER("ticket.list.header", "count"),
  TICKET_LIST_LINE("ticket.list.line", "link", "topic", "age", "claimed"),
  TICKET_LIST_UNCLAIMED("ticket.list.unclaimed"),
  TICKET_LIST_NONE("ticket.list.none"),
  TICKET_LIST_REFUSED("ticket.list.refused"),
  REPEAT_NUDGE("repeat_nudge"),
  REPEAT_NUDGE_SMALL_TALK("repeat_nudge.small_talk"),
  SMALL_TALK_GREETING("small_talk.greeting", "service"),
  SMALL_TALK_GREETING_IN_PLACE("small_talk.greeting_in_place"),
  SMALL_TALK_THANKS("small_talk.thanks"),
  SMALL_TALK_BYE("small_talk.bye"),
  SMALL_TALK_NEVER_MIND("small_talk.never_mind"),
  SMALL_TALK_ACKNOWLEDGE("small_talk.acknowledge"),
  SMALL_TALK_ACKNOWLEDGE_IDLE("small_talk.acknowledge_idle");

  private final String key;
  private final List<String> placeholders;

  Text(String key, String... placeholders) {
    this.key = key;
    this.placeholders = List.of(placeholders);
  }

  public String key() {
    return key;
  }

  public List<String> placeholders() {
    return placeholders;
  }

  private static final java.util.Map<String, Text> BY_KEY = java.util.Arrays.stream(values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(Text::key, t -> t));

  /** The text of a key, as a front names it. */
  public static java.util.Optional<Text> byKey(String key) {
    return java.util.Optional.ofNullable(BY_KEY.get(key));
  }
}
