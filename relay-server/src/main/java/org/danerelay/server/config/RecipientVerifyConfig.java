package org.danerelay.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How recipients of {@code local.domains} are checked at {@code RCPT TO}: by the {@code
 * local.recipients} file when one is set, otherwise by asking {@code local.forward} (a callout).
 *
 * @param recipients {@code local.recipients}, absolute; empty means callouts decide
 * @param timeout {@code local.verify.timeout}: the whole callout, connect to the RCPT reply
 * @param positiveRefresh {@code local.verify.positive-refresh}: an existing address is asked again
 *     after this long
 * @param positiveExpire {@code local.verify.positive-expire}: until then a remembered existing
 *     address still counts when local.forward cannot answer
 * @param negativeExpire {@code local.verify.negative-expire}: how long a refused address stays
 *     refused without asking
 * @param cacheSize {@code local.verify.cache-size}: addresses remembered, per kind of answer
 */
public record RecipientVerifyConfig(
    Optional<Path> recipients,
    Duration timeout,
    Duration positiveRefresh,
    Duration positiveExpire,
    Duration negativeExpire,
    int cacheSize) {

  public RecipientVerifyConfig {
    recipients.ifPresent(
        path -> {
          if (!path.isAbsolute()) {
            throw new IllegalArgumentException("recipients must be an absolute path: " + path);
          }
        });
    if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (positiveRefresh.isNegative()
        || positiveExpire.compareTo(positiveRefresh) < 0
        || negativeExpire.isNegative()) {
      throw new IllegalArgumentException("cache times must be 0 or more, refresh <= expire");
    }
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be positive");
    }
  }
}
