package org.danerelay.server.smtp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.danerelay.server.config.Cidr;
import org.danerelay.server.smtp.wire.ClientServerSocket;
import org.danerelay.server.smtp.wire.ErrorLimits;
import org.danerelay.server.smtp.wire.SessionTimeouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * The SMTP listeners: one SubEthaSMTP server per configured address, with this relay's commands in
 * place of those that do not meet its rules.
 */
public final class InboundServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboundServer.class);

  /** One address to listen on, and whether STARTTLS is required there before MAIL. */
  public record Listener(InetSocketAddress address, boolean tlsRequired) {}

  /** The limits that apply to sessions as a whole, across every listener. */
  public record SessionLimits(
      int maxSessions, int maxPerClient, SessionTimeouts timeouts, ErrorLimits errors) {}

  private final List<SMTPServer> servers = new ArrayList<>();
  private final ScheduledExecutorService timer;
  private final ExecutorService cutters;
  private final AtomicReference<InboundRules> rules;

  private InboundServer(
      ScheduledExecutorService timer, ExecutorService cutters, InboundRules rules) {
    this.timer = timer;
    this.cutters = cutters;
    this.rules = new AtomicReference<>(rules);
  }

  /**
   * Binds every listener; throws with the failing address when one cannot be bound.
   *
   * @param rules the first rules; {@link #replaceRules} swaps them for later transactions
   * @param tls asked for a server socket at each STARTTLS
   */
  public static InboundServer start(
      List<Listener> listeners,
      InboundRules rules,
      SessionLimits limits,
      SSLSocketCreator tls,
      Optional<AuthenticationHandlerFactory> auth,
      List<Cidr> proxies,
      Clock clock) {
    InboundServer inbound =
        new InboundServer(
            Executors.newSingleThreadScheduledExecutor(daemon("smtpd-session-watch")),
            Executors.newCachedThreadPool(daemon("smtpd-cutter")),
            rules);
    SessionGuard guard =
        new SessionGuard(
            limits.maxSessions(),
            limits.maxPerClient(),
            client -> inbound.rules.get().policy().isRelayClient(client),
            inbound.timer,
            inbound.cutters);
    try {
      for (Listener listener : listeners) {
        SMTPServer server =
            build(listener, inbound.rules::get, limits, guard, tls, auth, proxies, clock);
        try {
          server.start();
        } catch (RuntimeException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          throw new IllegalStateException(
              "cannot listen on " + describe(listener.address()) + ": " + cause.getMessage(), e);
        }
        inbound.servers.add(server);
        log.info(
            "listening on {}{}",
            describe(
                new InetSocketAddress(listener.address().getAddress(), server.getPortAllocated())),
            listener.tlsRequired() ? " (STARTTLS required)" : "");
      }
    } catch (RuntimeException e) {
      inbound.close();
      throw e;
    }
    return inbound;
  }

  /**
   * Applies {@code next} to every transaction that starts from now on (at MAIL); one in progress
   * finishes under the rules it started with.
   */
  public void replaceRules(InboundRules next) {
    rules.set(Objects.requireNonNull(next, "next"));
  }

  /** Whether every listener still listens: none has been stopped. */
  public boolean listening() {
    return servers.stream().allMatch(SMTPServer::isRunning);
  }

  /** The ports actually bound, in listener order (port 0 in the configuration picks one). */
  public List<Integer> ports() {
    return servers.stream().map(SMTPServer::getPortAllocated).toList();
  }

  @Override
  public void close() {
    servers.forEach(SMTPServer::stop);
    servers.clear();
    timer.shutdownNow();
    cutters.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static SMTPServer build(
      Listener listener,
      Supplier<InboundRules> rules,
      SessionLimits limits,
      SessionGuard guard,
      SSLSocketCreator tls,
      Optional<AuthenticationHandlerFactory> auth,
      List<Cidr> proxies,
      Clock clock) {
    boolean tlsRequired = listener.tlsRequired();
    // Fixed for the listener's life: the banner name and whether AUTH is offered need a restart.
    ListenerSettings settings = rules.get().settingsFor(tlsRequired);
    Supplier<ListenerSettings> current = () -> rules.get().settingsFor(tlsRequired);
    SMTPServer.Builder builder =
        SMTPServer.port(listener.address().getPort())
            .bindAddress(listener.address().getAddress())
            .hostName(settings.hostname())
            .softwareName("DaneRelay")
            .serverThreadName("smtpd-" + describe(listener.address()))
            .messageHandlerFactory(
                context -> {
                  // One snapshot per transaction: a reload never changes one half-way.
                  InboundRules now = rules.get();
                  return new InboundTransaction(
                      context, now.settingsFor(tlsRequired), now.policy(), now.ingest(), clock);
                })
            .enableTLS(true)
            .startTlsSocketFactory(tls)
            .insertReceivedHeaders(false)
            .serverSocketFactory(() -> new ClientServerSocket(limits.timeouts(), limits.errors()))
            .maxConnections(aboveGuard(limits.maxSessions()))
            .connectionTimeoutMs(backstop(limits.timeouts()))
            .sessionHandler(guard);
    auth.ifPresent(builder::authenticationHandlerFactory);
    if (!proxies.isEmpty()) {
      builder.proxyHandler(new ProxyHeader(proxies));
    }
    SMTPServer server = builder.build();
    replaceCommands(server.getCommandHandler(), settings, current, auth.isPresent());
    return server;
  }

  /**
   * SubEthaSMTP applies its own limit before asking the guard, and answers with a bare {@code 421}
   * that has no RFC 3463 code; set above the guard's, it leaves the refusal to the guard's {@code
   * 421 4.7.0}. SubEthaSMTP still stops accepting at its limit plus 10, which bounds the threads.
   */
  private static int aboveGuard(int maxSessions) {
    return (int) Math.min(maxSessions + 10L, Integer.MAX_VALUE - 10L);
  }

  /**
   * The socket read timeout, which the watch should always beat: it only ends sessions the watch
   * somehow missed, with SubEthaSMTP's bare {@code 421}.
   */
  private static int backstop(SessionTimeouts timeouts) {
    Duration longest = timeouts.command().plusMinutes(1);
    // An int of milliseconds: past 24.8 days it would wrap negative and stop the listener.
    return (int) Math.min(longest.toMillis(), Integer.MAX_VALUE);
  }

  private static void replaceCommands(
      CommandHandler commands,
      ListenerSettings settings,
      Supplier<ListenerSettings> current,
      boolean authConfigured) {
    boolean authOffered = authConfigured && settings.authOffered();
    commands.addCommand(new EhloCommand(current, authOffered));
    commands.addCommand(new HeloCommand(settings));
    commands.addCommand(new StartTlsCommand());
    commands.addCommand(new MailCommand(settings.tlsRequired()));
    commands.addCommand(new RcptCommand(() -> current.get().maxRecipients()));
    commands.addCommand(new DataCommand());
    commands.addCommand(new FixedReplyCommand("BDAT", "502 5.5.1 BDAT is not offered here"));
    commands.addCommand(new AuthCommand(authOffered));
    for (String verb : List.copyOf(commands.getVerbs())) {
      commands.addCommand(new ExactVerbCommand(commands.getCommand(verb)));
    }
  }

  private static String describe(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
