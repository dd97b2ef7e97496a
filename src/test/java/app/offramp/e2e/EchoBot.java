package app.offramp.e2e;

import java.util.EnumSet;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

/**
 * The load benchmark's floor: real JDA, built as the bot builds it, that answers every DM with
 * "ok" on the gateway thread and does nothing else. What it measures under the bot's load is what
 * JDA, the emulator and the machine cost before the bot does any work; the bot's own share is the
 * difference. Started in its own JVM by {@link LoadBenchmark}; not part of the product.
 */
public final class EchoBot {
  private EchoBot() {}

  public static void main(String[] args) throws InterruptedException {
    String gateway = System.getenv("OFFRAMP_DISCORD_GATEWAY_URL");
    var shards = DefaultShardManagerBuilder.createLight(System.getenv("DISCORD_TOKEN"),
            EnumSet.of(GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT))
        .disableCache(EnumSet.allOf(CacheFlag.class))
        .setMemberCachePolicy(MemberCachePolicy.NONE)
        .setRestConfig(new RestConfig().setBaseUrl(System.getenv("OFFRAMP_DISCORD_REST_URL")))
        .setShardsTotal(1)
        .setSessionController(new SessionControllerAdapter() {
          @Override
          public String getGateway() {
            return gateway;
          }

          @Override
          public ShardedGateway getShardedGateway(JDA api) {
            return new ShardedGateway(gateway, 1, 1);
          }
        })
        .addEventListeners(new ListenerAdapter() {
          @Override
          public void onMessageReceived(MessageReceivedEvent event) {
            if (!event.getAuthor().isBot() && !event.isFromGuild()) {
              event.getChannel().sendMessage("ok").queue();
            }
          }
        })
        .build();
    for (JDA shard : shards.getShards()) {
      shard.awaitReady();
    }
  }
}
