package app.offramp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  /** Regression (issue 23): a driver quoting a mistyped JDBC URL put the password in report's error and /offramp stats. */
  @Test
  void passwordsTokensAndUrlCredentialsAreMaskedWhateverQuotedThem() {
    String driver = "No suitable driver found for jdbc:postgres://db/insights?user=bot&password=hunter2&ssl=true";
    assertThat(Secrets.mask(driver)).doesNotContain("hunter2").contains("password=***&ssl=true", "user=bot");
    assertThat(Secrets.mask("cannot connect to redis://:s3cret@cache:6379/0")).doesNotContain("s3cret")
        .contains("redis://***@cache:6379/0");
    assertThat(Secrets.mask("jdbc:postgresql://admin:pw123@host/db")).doesNotContain("pw123");
    assertThat(Secrets.mask("url?PWD=abc;x=1 and token=xyz")).doesNotContain("abc", "xyz");
    assertThat(Secrets.mask("nothing secret here")).isEqualTo("nothing secret here");
    assertThat(Secrets.mask(null)).isEmpty();
  }
}
