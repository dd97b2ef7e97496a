package app.offramp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The emulator's accepted sockets (REST and the gateway's upgraded one alike) send without Nagle's delay. */
class NoDelayServerSocketFactoryTest {
  @Test
  void acceptedSocketsHaveTcpNoDelay() throws Exception {
    try (ServerSocket server = new DiscordEmulator.NoDelayServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Socket client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
        Socket accepted = server.accept()) {
      assertThat(client.isConnected()).isTrue();
      assertThat(accepted.getTcpNoDelay()).isTrue();
    }
  }
}
