package org.danerelay.dane.authority;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.danerelay.dane.dns.Outcome;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends one non-recursive question to one name server address and reads its answer as that server's
 * own data: only an answer with the AA bit counts (RFC 1034 4.3.1), anything else is a failure of
 * that server.
 */
final class AuthoritativeQuery {

  /** RFC 9715: the EDNS buffer size that avoids IP fragmentation; TC answers go to TCP. */
  private static final int EDNS_PAYLOAD = 1232;

  private final int port;
  private final Duration timeout;

  AuthoritativeQuery(int port, Duration timeout) {
    this.port = port;
    this.timeout = timeout;
  }

  /** Starts asking; the answer is never an exception, a failure is a FAILURE answer. */
  CompletableFuture<ServerAnswer> ask(Name server, InetAddress address, Name name, int type) {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(address, port));
    resolver.setTimeout(timeout);
    resolver.setIgnoreTruncation(false);
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD); // the server's own data, not what it could look up
    query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    return resolver
        .sendAsync(query)
        .toCompletableFuture()
        .handle(
            (response, error) ->
                error == null
                    ? read(server, address, name, type, response)
                    : ServerAnswer.failed(server, address, "no answer: " + rootCause(error)));
  }

  /** Waits for {@code pending}, at most the query timeout over UDP and then TCP, and a second. */
  ServerAnswer await(CompletableFuture<ServerAnswer> pending, Name server, InetAddress address) {
    try {
      return pending.get(timeout.multipliedBy(2).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ServerAnswer.failed(server, address, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return ServerAnswer.failed(server, address, "no answer in time");
    }
  }

  private static ServerAnswer read(
      Name server, InetAddress address, Name name, int type, Message response) {
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return ServerAnswer.failed(server, address, "answered " + Rcode.string(rcode));
    }
    if (!response.getHeader().getFlag(Flags.AA)) {
      return ServerAnswer.failed(
          server, address, "answer not authoritative (no AA bit): lame delegation?");
    }
    if (rcode == Rcode.NXDOMAIN) {
      return new ServerAnswer(server, address, Outcome.NXDOMAIN, List.of(), 0, "");
    }
    List<String> rdata = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record record : response.getSection(Section.ANSWER)) {
      if (!record.getName().equals(name)) {
        continue;
      }
      if (record.getType() == type) {
        rdata.add(RrsetSurvey.normalized(record.rdataToString()));
        ttl = Math.min(ttl, record.getTTL());
      } else if (record instanceof CNAMERecord alias) {
        // The owner is an alias: its target's zone holds the records, so say so plainly.
        rdata.add("cname " + alias.getTarget().toString().toLowerCase(java.util.Locale.ROOT));
        ttl = Math.min(ttl, record.getTTL());
      }
    }
    if (rdata.isEmpty()) {
      return new ServerAnswer(server, address, Outcome.NODATA, List.of(), 0, "");
    }
    return new ServerAnswer(server, address, Outcome.RECORDS, rdata, ttl, "");
  }

  private static String rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
