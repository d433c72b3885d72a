package org.danerelay.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueSettings;
import org.danerelay.queue.RetrySchedule;
import org.danerelay.server.admin.Monitoring;
import org.danerelay.server.auth.PasswordAuthenticator;
import org.danerelay.server.auth.UserFile;
import org.danerelay.server.config.ConfigSource;
import org.danerelay.server.config.HostPort;
import org.danerelay.server.config.LoadedConfig;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.config.TlsPolicyMap;
import org.danerelay.server.control.ControlReply;
import org.danerelay.server.control.ControlRequest;
import org.danerelay.server.control.ControlSocket;
import org.danerelay.server.delivery.DeliveryEngine;
import org.danerelay.server.outbound.DnssecStartupCheck;
import org.danerelay.server.outbound.RouteTable;
import org.danerelay.server.smtp.InboundRules;
import org.danerelay.server.smtp.InboundServer;
import org.danerelay.server.smtp.wire.SessionTimeouts;
import org.danerelay.server.tls.ListenerTls;
import org.danerelay.server.tlsrpt.TlsRpt;
import org.danerelay.server.tlsrpt.TlsRptRequest;
import org.danerelay.server.verify.LocalRecipientCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running relay: wires configuration, queue, TLS, access policy and listeners together. */
public final class Relay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Relay.class);

  private final MessageQueue queue;
  private final InboundServer inbound;
  private final ControlSocket control;
  private final ScheduledExecutorService timer;
  private final Optional<DeliveryEngine> delivery;
  private final Monitoring monitoring;
  private final ConfigReload reload;

  private Relay(
      MessageQueue queue,
      InboundServer inbound,
      ControlSocket control,
      ScheduledExecutorService timer,
      Optional<DeliveryEngine> delivery,
      Monitoring monitoring,
      ConfigReload reload) {
    this.queue = queue;
    this.inbound = inbound;
    this.control = control;
    this.timer = timer;
    this.delivery = delivery;
    this.monitoring = monitoring;
    this.reload = reload;
  }

  /**
   * Opens the queue (resuming what is in it), then starts listening; a reload reads the files
   * {@code config} names again, with the same settings.
   */
  public static Relay start(RelayConfig config, Clock clock) throws IOException {
    return start(ConfigSource.fixed(config), clock);
  }

  /**
   * Reads the configuration from {@code source}, opens the queue (resuming what is in it), then
   * starts listening; {@link #reload} reads {@code source} again.
   */
  public static Relay start(ConfigSource source, Clock clock) throws IOException {
    LoadedConfig loaded = source.load();
    RelayConfig config = loaded.config();
    DataFolder.prepare(config.dataDir());
    // A bad line in the policy map stops start-up now, not at the first delivery it would govern.
    config.tlsPolicy().mapFile().ifPresent(TlsPolicyMap::load);
    RouteTable.from(config);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Relay::daemon);
    MessageQueue queue = MessageQueue.open(queueSettings(config, clock));
    InboundServer inbound = null;
    ControlSocket control = null;
    Monitoring monitoring = Monitoring.prepare(config, queue, clock);
    Optional<DeliveryEngine> delivery = Optional.empty();
    AtomicReference<ConfigReload> reloads = new AtomicReference<>();
    AtomicReference<TlsRpt> reports = new AtomicReference<>();
    try {
      // The relay holds the H2 database open, so operators reach the queue through this socket.
      ControlRequest requests = ControlRequest.forRelay(config, queue, clock);
      control =
          ControlSocket.open(
              ControlSocket.pathIn(config.dataDir()),
              (request, requester) ->
                  answer(request, requester, requests, reloads.get(), reports.get()),
              timer);
      ListenerTls tls = new ListenerTls(ConfigReload.serverTls(loaded, config, clock));
      InboundRules rules =
          ConfigReload.inboundRules(
              config, queue, monitoring.metrics(), LocalRecipientCheck.from(config, clock));
      Optional<PasswordAuthenticator> auth = authentication(config, clock);
      inbound =
          InboundServer.start(
              listeners(config),
              rules,
              new InboundServer.SessionLimits(
                  config.maxConnections(),
                  config.maxConnectionsPerClient(),
                  new SessionTimeouts(
                      config.idleTimeout(),
                      config.stressTimeout(),
                      config.sessionTimeout(),
                      config.minDataRate()),
                  config.errorLimits()),
              tls,
              auth.map(factory -> factory),
              config.proxyProtocolFrom(),
              clock);
      DnssecStartupCheck.start(config.dns(), clock);
      if (config.delivery().hold()) {
        log.warn("delivery.hold = true: mail is accepted and queued, and nothing is delivered");
      } else {
        delivery = Optional.of(DeliveryEngine.start(config, queue, clock, monitoring.metrics()));
        delivery.get().tlsRpt().ifPresent(reports::set);
      }
      monitoring.serve(inbound::listening);
      ConfigReload reload =
          new ConfigReload(
              source,
              config,
              rules,
              new ConfigReload.Parts(tls, inbound, auth, delivery, queue, monitoring.metrics()),
              clock);
      reloads.set(reload);
      log.info(
          "DaneRelay started: {} messages in the queue (node {}, run {})",
          queue.messageCount(),
          queue.claimHolder().node(),
          queue.claimHolder().incarnation());
      return new Relay(queue, inbound, control, timer, delivery, monitoring, reload);
    } catch (IOException | RuntimeException e) {
      monitoring.close();
      if (inbound != null) {
        inbound.close();
      }
      delivery.ifPresent(DeliveryEngine::close);
      if (control != null) {
        control.close();
      }
      queue.close();
      timer.shutdownNow();
      throw e;
    }
  }

  /**
   * Reads the configuration again and applies what can change without a restart; sessions in
   * progress and queued mail are untouched. A configuration that cannot be used is refused, and the
   * running one stays in force. Logged either way.
   */
  public ReloadOutcome reload() {
    return reload.reload();
  }

  /** The SMTP ports bound, in listener order: smtpd.listen, then smtpd.submission.listen. */
  public List<Integer> smtpPorts() {
    return inbound.ports();
  }

  /** The port of the admin listener ({@code admin.listen}), unless it is off. */
  public Optional<Integer> adminPort() {
    return monitoring.adminPort();
  }

  /** The queue this relay writes to. */
  public MessageQueue queue() {
    return queue;
  }

  /** Stops accepting, then closes the queue; what was queued stays on disk for the next start. */
  @Override
  public void close() {
    monitoring.close();
    inbound.close();
    delivery.ifPresent(DeliveryEngine::close);
    control.close();
    queue.close();
    timer.shutdownNow();
    log.info("DaneRelay stopped");
  }

  /** The queue as {@code config} describes it; the queue commands open it the same way. */
  public static QueueSettings queueSettings(RelayConfig config, Clock clock) {
    return new QueueSettings(
            config.dataDir().resolve("queue"), config.queueUrl().orElse(null), clock)
        .withRetry(RetrySchedule.parse(config.delivery().retrySchedule(), new SecureRandom()))
        .withLifetime(config.delivery().lifetime())
        .withNode(config.nodeName())
        .withSharedLease(config.queueLease());
  }

  private static List<InboundServer.Listener> listeners(RelayConfig config) {
    List<InboundServer.Listener> listeners = new ArrayList<>();
    for (HostPort address : config.smtpdListen()) {
      listeners.add(new InboundServer.Listener(socket(address), false));
    }
    for (HostPort address : config.submissionListen()) {
      listeners.add(new InboundServer.Listener(socket(address), true));
    }
    return listeners;
  }

  private static InetSocketAddress socket(HostPort address) {
    return address.toSocketAddress();
  }

  /** The control socket's answer: {@code reload} here, the queue requests by the queue. */
  private static ControlReply answer(
      String request,
      String requester,
      ControlRequest requests,
      ConfigReload reload,
      TlsRpt tlsRpt) {
    if (request.strip().startsWith("tlsrpt ")) {
      return TlsRptRequest.answer(request, requester, tlsRpt);
    }
    if (!request.strip().equals("reload")) {
      return requests.answer(request, requester);
    }
    if (reload == null) {
      return new ControlReply(false, "the relay is still starting; try again in a moment");
    }
    log.info("reload asked by {} through the control socket", requester);
    ReloadOutcome outcome = reload.reload();
    return new ControlReply(outcome instanceof ReloadOutcome.Applied, outcome.describe());
  }

  private static Optional<PasswordAuthenticator> authentication(RelayConfig config, Clock clock)
      throws IOException {
    if (config.authUsers().isEmpty()) {
      return Optional.empty();
    }
    UserFile users = UserFile.load(config.authUsers().get());
    log.info(
        "SMTP AUTH: {} users from {}, offered after STARTTLS on submission{}",
        users.size(),
        config.authUsers().get(),
        config.auth().onPort25() ? " and smtpd.listen" : " only");
    return Optional.of(new PasswordAuthenticator(users, config.auth(), clock));
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "relay-timer");
    thread.setDaemon(true);
    return thread;
  }
}
