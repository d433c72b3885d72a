package org.danerelay.dane.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;

/**
 * Reads the {@code nameserver} lines of a resolv.conf file (resolv.conf(5)): IP literals only, port
 * 53; anything else on such a line is skipped, and no name is ever looked up.
 */
public final class ResolvConf {

  private static final int DNS_PORT = 53;

  private ResolvConf() {}

  /** The name servers listed in {@code file}, in order; empty when there are none. */
  public static List<InetSocketAddress> nameservers(Path file) throws IOException {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        InetAddress address = literal(words[1]);
        if (address != null) {
          servers.add(new InetSocketAddress(address, DNS_PORT));
        }
      }
    }
    return servers;
  }

  /** The address an IP literal names, or null when the text is not one (never a DNS lookup). */
  static InetAddress literal(String text) {
    String bare = text.contains("%") ? text.substring(0, text.indexOf('%')) : text;
    byte[] bytes = Address.toByteArray(bare, Address.IPv4);
    if (bytes == null) {
      bytes = Address.toByteArray(bare, Address.IPv6);
    }
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes); // from bytes: no lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
