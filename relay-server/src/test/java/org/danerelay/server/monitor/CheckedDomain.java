package org.danerelay.server.monitor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestLoopback;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.server.cli.DaneRelayCommand;
import org.xbill.DNS.Type;

/**
 * The signed mail domain {@code example.test} on loopback, as {@code dane check} meets it: a
 * validating view for the recursive lookups, two authoritative name servers on port 53 of their own
 * addresses (the second may serve older data), and the SMTP servers the MX records name. Runs the
 * command through picocli, as a user would.
 */
public final class CheckedDomain implements AutoCloseable {

  public static final String DOMAIN = "example.test";

  /** The addresses of ns1.example.test and ns2.example.test. */
  public final InetAddress ns1 = TestLoopback.randomAddress();

  public final InetAddress ns2 = TestLoopback.randomAddress();

  private final Path folder;
  private final List<AutoCloseable> running = new ArrayList<>();
  private SignedZoneServer recursive;
  private Path anchors;

  private String out = "";
  private String err = "";

  public CheckedDomain(Path folder) throws Exception {
    this.folder = folder;
    Files.writeString(folder.resolve("relay.conf"), "data.dir = " + folder.resolve("data") + "\n");
  }

  /** The zone with its two name servers; add MX, A and TLSA records to it. */
  public TestZones.Builder zone() {
    return TestZones.builder()
        .signedRoot()
        .zone(DOMAIN, ZoneKind.SIGNED)
        .record(DOMAIN, Type.NS, "ns1.example.test.")
        .record(DOMAIN, Type.NS, "ns2.example.test.")
        .a("ns1.example.test", ns1.getHostAddress())
        .a("ns2.example.test", ns2.getHostAddress());
  }

  /** Serves {@code published} to resolvers and on ns1, and {@code onNs2} on ns2. */
  public void serve(TestZones published, TestZones onNs2) throws Exception {
    recursive = started(published.serve());
    started(published.serveAt(ns1, 53));
    started(onNs2.serveAt(ns2, 53));
    anchors = published.writeTrustAnchor(folder.resolve("anchors.txt"));
  }

  /** Serves the same data everywhere. */
  public void serve(TestZones published) throws Exception {
    serve(published, published);
  }

  /** Keeps {@code peer} running until {@link #close()}. */
  public StarttlsPeer peer(StarttlsPeer peer) {
    return started(peer);
  }

  /** Runs {@code danerelay dane check DOMAIN} with the test DNS and {@code extra} arguments. */
  public int check(String... extra) {
    StringWriter output = new StringWriter();
    StringWriter errors = new StringWriter();
    var cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(output, true));
    cli.setErr(new PrintWriter(errors, true));
    List<String> args =
        new ArrayList<>(
            List.of(
                "dane",
                "check",
                DOMAIN,
                "--config",
                folder.resolve("relay.conf").toString(),
                "--set",
                "dns.resolvers=127.0.0.1:" + recursive.port(),
                "--set",
                "dns.dnssec=validate",
                "--set",
                "dns.trust-anchors=" + anchors,
                "--set",
                "dns.timeout=2s",
                "--set",
                "smtpd.hostname=checker.test",
                "--timeout",
                "10"));
    args.addAll(List.of(extra));
    int code = cli.execute(args.toArray(String[]::new));
    out = output.toString();
    err = errors.toString();
    return code;
  }

  /** Standard output of the last {@link #check}. */
  public String out() {
    return out;
  }

  /** Standard error of the last {@link #check}. */
  public String err() {
    return err;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable each : running) {
      each.close();
    }
  }

  private <T extends AutoCloseable> T started(T server) {
    running.add(server);
    return server;
  }
}
