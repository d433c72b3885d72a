package org.danerelay.dane.testdns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * A validating "recursive" resolver on 127.0.0.1 in front of a {@link SignedZoneServer}, as unbound
 * would be: it validates every answer from the zones' trust anchor and answers with AD when the
 * data is secure (RFC 4035 3.2.3), SERVFAIL when it is bogus (RFC 4035 5.5), and plain data when it
 * is insecure.
 */
public final class ValidatingRecursiveServer implements AutoCloseable {

  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);

  private final ValidatingResolver validator;
  private final DnsTestServer server;

  private ValidatingRecursiveServer(SignedZoneServer upstream) throws IOException {
    SimpleResolver head = new SimpleResolver(upstream.address());
    head.setTimeout(UPSTREAM_TIMEOUT);
    this.validator = new ValidatingResolver(head);
    validator.loadTrustAnchors(
        new ByteArrayInputStream(
            upstream.zones().trustAnchor().getBytes(StandardCharsets.US_ASCII)));
    this.server = new DnsTestServer("validating-recursive", this::resolve);
  }

  /** Starts a validating resolver for the zones {@code upstream} serves. */
  public static ValidatingRecursiveServer in(SignedZoneServer upstream) throws IOException {
    return new ValidatingRecursiveServer(upstream);
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** UDP answers replaced by a truncated (TC) one so far. */
  public int truncatedResponses() {
    return server.truncatedResponses();
  }

  /** Queries received over TCP so far. */
  public int tcpQueries() {
    return server.tcpQueries();
  }

  private Message resolve(Message query) {
    Message upstreamQuery = Message.newQuery(query.getQuestion());
    Message validated;
    try {
      validated =
          validator
              .sendAsync(upstreamQuery)
              .toCompletableFuture()
              .get(3 * UPSTREAM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return servfail(query);
    } catch (ExecutionException | TimeoutException e) {
      return servfail(query);
    }
    if (validated.getRcode() == Rcode.SERVFAIL) {
      return servfail(query); // bogus: unbound says SERVFAIL and keeps its reasons in its log
    }
    Message response = DnsTestServer.error(query, validated.getRcode());
    response.getHeader().setFlag(Flags.RA);
    if (validated.getHeader().getFlag(Flags.AD)) {
      response.getHeader().setFlag(Flags.AD);
    }
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record r : validated.getSection(section)) {
        response.addRecord(r, section);
      }
    }
    DnsTestServer.copyOpt(query, response);
    return response;
  }

  private static Message servfail(Message query) {
    Message response = DnsTestServer.error(query, Rcode.SERVFAIL);
    response.getHeader().setFlag(Flags.RA);
    DnsTestServer.copyOpt(query, response);
    return response;
  }

  @Override
  public void close() {
    server.close();
  }
}
