package org.danerelay.server.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.TlsRequired;
import org.danerelay.server.access.AccessDecision;
import org.danerelay.server.access.AddressRejection;
import org.danerelay.server.access.Mailbox;
import org.danerelay.server.access.PathArgument;
import org.danerelay.server.access.PathParser;
import org.danerelay.server.access.PostmasterAlias;
import org.danerelay.server.access.Refused;
import org.danerelay.server.access.RelayAccessPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction, MAIL to the end of DATA: checks sender and recipients against the access
 * policy and hands the content to the queue.
 *
 * <p>{@link #from} and {@link #recipient} receive the raw path argument after {@code FROM:} or
 * {@code TO:}, ESMTP parameters included, and refuse with the exact reply the client gets.
 */
final class InboundTransaction implements MessageHandler {

  private static final Logger log = LoggerFactory.getLogger(InboundTransaction.class);

  private final MessageContext context;
  private final ListenerSettings settings;
  private final RelayAccessPolicy policy;
  private final MessageIngest ingest;
  private final Clock clock;
  // Each recipient once: 1,000 RCPTs of one address must not make 1,000 queue rows. Domains are
  // in lower case already (Mailbox), and local parts are case-sensitive (RFC 5321 2.4).
  private final Set<String> recipients = new LinkedHashSet<>();
  private String sender;
  private MailOptions options = MailOptions.NONE;

  InboundTransaction(
      MessageContext context,
      ListenerSettings settings,
      RelayAccessPolicy policy,
      MessageIngest ingest,
      Clock clock) {
    this.context = context;
    this.settings = settings;
    this.policy = policy;
    this.ingest = ingest;
    this.clock = clock;
  }

  @Override
  public void from(String pathArgument) throws RejectException {
    PathArgument path;
    try {
      path = PathParser.parseMailFrom(pathArgument, false);
    } catch (AddressRejection rejection) {
      throw refuse("MAIL", rejection);
    }
    options =
        MailParameters.check(
            path.parameters(), settings.maxMessageSize(), SessionFacts.tls(context).isPresent());
    if (!ingest.hasRoomFor(MailParameters.declaredSize(path.parameters()))) {
      // RFC 5321 4.5.3.1.9 and RFC 1870 6: a temporary failure, the client tries again later.
      log.warn(
          "reject MAIL from [{}]: 452 4.3.1, the queue's file system is short of free space",
          SessionFacts.clientAddress(context).getHostAddress());
      throw SmtpReject.of("452 4.3.1 Insufficient system storage");
    }
    sender = path.mailbox() == null ? "" : address(path.mailbox());
  }

  @Override
  public void recipient(String pathArgument) throws RejectException {
    PathArgument path;
    try {
      path =
          PostmasterAlias.matches(pathArgument)
              ? new PathArgument(policy.postmaster().mailbox(), List.of())
              : PathParser.parseRcptTo(pathArgument, false);
    } catch (AddressRejection rejection) {
      throw refuse("RCPT", rejection);
    }
    if (!path.parameters().isEmpty()) {
      throw SmtpReject.of("555 5.5.4 RCPT TO parameters are not supported");
    }
    InetAddress client = SessionFacts.clientAddress(context);
    AccessDecision decision =
        settings
            .localRecipients()
            .check(
                policy.decideRecipient(
                    client, SessionFacts.authenticated(context), path.mailbox()));
    if (decision instanceof Refused refused) {
      log.info(
          "reject RCPT from [{}]: {}; from=<{}> to=<{}>",
          client.getHostAddress(),
          refused.smtpReply(),
          sender,
          address(path.mailbox()));
      throw SmtpReject.of(refused.smtpReply());
    }
    recipients.add(address(path.mailbox()));
  }

  @Override
  public String data(InputStream content) throws RejectException, IOException {
    InetAddress client = SessionFacts.clientAddress(context);
    Envelope envelope =
        new Envelope(
            sender,
            List.copyOf(recipients),
            client.getHostAddress(),
            SessionFacts.helo(context),
            clock.instant(),
            options.bodyType(),
            options.requireTls() ? TlsRequired.REQUIRETLS : TlsRequired.DEFAULT);
    IngestOutcome outcome = ingest.ingest(envelope, this::receivedHeader, content);
    if (outcome instanceof IngestOutcome.Refused refused) {
      log.info("reject DATA from [{}]: {}", client.getHostAddress(), refused.reply());
      throw SmtpReject.of(refused.reply());
    }
    IngestOutcome.Queued queued = (IngestOutcome.Queued) outcome;
    log.info(
        "{}: from=<{}> size={} nrcpt={} client=[{}] helo={} tls={}{} (queued)",
        queued.queueId(),
        sender,
        queued.size(),
        recipients.size(),
        client.getHostAddress(),
        SessionFacts.helo(context),
        SessionFacts.tlsDescription(context).orElse("none"),
        queued.tlsRequired() == TlsRequired.DEFAULT
            ? ""
            : " tls-required=" + queued.tlsRequired().spoolValue());
    return "2.0.0 Ok: queued as " + queued.queueId();
  }

  @Override
  public void done() {
    // Nothing is held between transactions: an unfinished spool file was removed by ingest.
  }

  private String receivedHeader(String queueId) {
    InetAddress client = SessionFacts.clientAddress(context);
    Optional<String> clientName =
        settings.resolveClientNames() ? Optional.of(client.getHostName()) : Optional.empty();
    return new ReceivedHeader(
            SessionFacts.helo(context),
            client.getHostAddress(),
            clientName,
            settings.hostname(),
            SessionFacts.protocol(context),
            SessionFacts.tlsDescription(context),
            queueId,
            recipients.size() == 1 ? Optional.of(recipients.iterator().next()) : Optional.empty(),
            ZonedDateTime.now(clock))
        .render();
  }

  private RejectException refuse(String verb, AddressRejection rejection) {
    log.info(
        "reject {} from [{}]: {}",
        verb,
        SessionFacts.clientAddress(context).getHostAddress(),
        rejection.smtpReply());
    return SmtpReject.of(rejection.smtpReply());
  }

  private static String address(Mailbox mailbox) {
    return mailbox.address();
  }
}
