package org.danerelay.server.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.danerelay.server.access.AddressRejection;
import org.danerelay.server.access.Mailbox;
import org.danerelay.server.access.PathParser;
import org.danerelay.server.config.ConfigException;

/**
 * The {@code local.recipients} file: the addresses of {@code local.domains} that exist, one a line,
 * {@code @domain} for every address of a domain, {@code #} comments.
 *
 * <p>Addresses are compared without regard to case, as Postfix's lookup tables do: refusing {@code
 * Alice@} because the file says {@code alice@} would lose real mail, while RFC 5321 2.4 only says a
 * server must not rely on case being ignored elsewhere. Each line is checked with the same parser
 * as {@code RCPT TO}, so a line that could never match is an error at start-up, not a silent
 * refusal.
 */
public final class RecipientListFile implements RecipientLookup {

  private final Path file;
  private final Set<String> addresses;
  private final Set<String> domains;

  private RecipientListFile(Path file, Set<String> addresses, Set<String> domains) {
    this.file = file;
    this.addresses = Set.copyOf(addresses);
    this.domains = Set.copyOf(domains);
  }

  /**
   * Reads and checks the whole file.
   *
   * @param localDomains {@code local.domains}, lower case: every line must belong to one of them
   * @throws ConfigException {@code file:line: reason} for the first bad line
   */
  public static RecipientListFile load(Path file, Set<String> localDomains) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    Set<String> addresses = new HashSet<>();
    Set<String> domains = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      Mailbox mailbox = parse(line, where);
      if (!localDomains.contains(mailbox.domain())) {
        throw new ConfigException(
            where + mailbox.domain() + " is not in local.domains, so this line could never match");
      }
      if (line.startsWith("@")) {
        domains.add(mailbox.domain());
      } else {
        addresses.add(lower(mailbox.address()));
      }
    }
    return new RecipientListFile(file, addresses, domains);
  }

  @Override
  public RecipientVerdict lookUp(Mailbox recipient) {
    if (domains.contains(recipient.domain()) || addresses.contains(lower(recipient.address()))) {
      return new RecipientVerdict.Exists();
    }
    return new RecipientVerdict.Unknown("not listed in " + file);
  }

  /** How many addresses and whole domains the file lists. */
  public String size() {
    return addresses.size() + " addresses and " + domains.size() + " whole domains";
  }

  private static Mailbox parse(String line, String where) {
    if (line.chars().anyMatch(c -> c == '<' || c == '>' || Character.isWhitespace(c))) {
      throw new ConfigException(
          where + "expected one address or @domain, got '" + LogText.escape(line) + "'");
    }
    // '@domain' is checked as the domain of a mailbox with a harmless local part.
    String path = line.startsWith("@") ? "<postmaster" + line + ">" : "<" + line + ">";
    try {
      return PathParser.parseRcptTo(path, false).mailbox();
    } catch (AddressRejection e) {
      String reason = e.replyText().replaceFirst("^[0-9.]+ ", "");
      throw new ConfigException(
          where + "not an address: '" + LogText.escape(line) + "' (" + reason + ")");
    }
  }

  private static String lower(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
