package org.danerelay.dane.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * Sends a query to the configured resolvers in turn until one gives a usable answer (NOERROR or
 * NXDOMAIN): a timeout is retried once at the same resolver, an error rcode (SERVFAIL, REFUSED...)
 * moves on to the next one, and the number of tries is bounded. When all fail, the result fails
 * with an {@link UpstreamFailureException}, never with an error rcode that a validator could
 * mistake for its own verdict.
 *
 * <p>Each try is a dnsjava {@link SimpleResolver}, which retries over TCP by itself when a UDP
 * answer comes back truncated (TC) unless truncation is ignored; here it never is.
 */
final class FailoverResolver implements Resolver {

  /** RFC 9715 / DNS flag day 2020: the EDNS buffer size that avoids IP fragmentation. */
  static final int EDNS_PAYLOAD = 1232;

  private static final int MAX_TRIES = 6;

  private final List<SimpleResolver> resolvers = new ArrayList<>();
  private final int maxTries;
  private volatile Duration timeout;

  /** The resolver that answered last: asked first next time, so a dead one costs time once. */
  private volatile int preferred;

  FailoverResolver(List<InetSocketAddress> addresses, Duration timeout) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no resolvers configured");
    }
    for (InetSocketAddress address : addresses) {
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("resolver must be an IP address: " + address);
      }
      SimpleResolver resolver = new SimpleResolver(address);
      resolver.setIgnoreTruncation(false);
      resolvers.add(resolver);
    }
    this.maxTries = Math.min(MAX_TRIES, 2 * addresses.size());
    setTimeout(timeout);
  }

  /**
   * The longest a {@link #sendAsync} can take: every try timing out, UDP then TCP, each late by up
   * to the second dnsjava's I/O loop may take to notice a timeout.
   */
  Duration worstCase() {
    return timeout.plusSeconds(1).multipliedBy(2L * maxTries);
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query) {
    return attempt(query, 0, 0, false, new ArrayList<>());
  }

  private int resolverAt(int step) {
    return (preferred + step) % resolvers.size();
  }

  private CompletionStage<Message> attempt(
      Message query, int step, int tries, boolean isRetry, List<String> problems) {
    if (step >= resolvers.size() || tries >= maxTries) {
      return CompletableFuture.failedFuture(
          new UpstreamFailureException("no usable answer: " + String.join("; ", problems)));
    }
    int index = resolverAt(step);
    SimpleResolver resolver = resolvers.get(index);
    return resolver
        .sendAsync(query)
        .handle(
            (response, error) -> {
              if (error == null) {
                int rcode = response.getRcode();
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                  preferred = index;
                  return CompletableFuture.completedFuture(response);
                }
                problems.add(where(resolver) + " answered " + Rcode.string(rcode));
                return attempt(query, step + 1, tries + 1, false, problems);
              }
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              problems.add(where(resolver) + ": " + cause);
              // a lost datagram is worth one more try at the same resolver
              return isRetry
                  ? attempt(query, step + 1, tries + 1, false, problems)
                  : attempt(query, step, tries + 1, true, problems);
            })
        .thenCompose(stage -> stage);
  }

  private static String where(SimpleResolver resolver) {
    InetSocketAddress a = resolver.getAddress();
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  @Override
  public void setPort(int port) {
    throw new UnsupportedOperationException("resolvers carry their own ports");
  }

  @Override
  public void setTCP(boolean flag) {
    resolvers.forEach(r -> r.setTCP(flag));
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    // never: a truncated DNSSEC answer is retried over TCP (RFC 7672 2.1)
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    int payload = payloadSize == 0 ? EDNS_PAYLOAD : payloadSize;
    resolvers.forEach(r -> r.setEDNS(version, payload, flags, options));
  }

  @Override
  public void setTSIGKey(TSIG key) {
    resolvers.forEach(r -> r.setTSIGKey(key));
  }

  @Override
  public void setTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    resolvers.forEach(r -> r.setTimeout(timeout));
  }

  @Override
  public Duration getTimeout() {
    return timeout;
  }
}
