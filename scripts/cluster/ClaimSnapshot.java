import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a node holds in the shared queue, read straight from PostgreSQL at one moment: the pending
 * recipients it has claimed whose lease has not run out, with the moment each lease runs out.
 *
 * <p>Why not {@code queue list}: right after a kill it must be quick. A {@code queue list} is a new
 * JVM, and on a loaded two-core machine it answered up to 7 s after the kill, when the dead node's
 * leases (8 s, renewed every 2 s) were running out and its claims no longer showed. The connection
 * is opened before the kill, so the question takes milliseconds. The driver is the relay's own
 * ({@code lib/postgresql-*.jar}), put on the harness's class path by {@code run}.
 */
final class ClaimSnapshot implements AutoCloseable {

  /** One claimed recipient: its address (lower case) and when its lease runs out (epoch ms). */
  record Claim(String address, long leaseUntil) {}

  // The relay's own notion of in flight: a pending recipient whose lease lies ahead (V1, V4).
  private static final String HELD =
      "SELECT address, (EXTRACT(EPOCH FROM lease_until) * 1000)::bigint FROM recipient"
          + " WHERE claim_node = ? AND lease_until > now() AND state IN ('QUEUED', 'DEFERRED')"
          + " ORDER BY lease_until";

  private final Connection connection;

  ClaimSnapshot(String queueUrl) throws SQLException {
    this.connection = DriverManager.getConnection(queueUrl);
  }

  /** The claims of {@code node} as they stand now. */
  List<Claim> heldBy(String node) throws SQLException {
    List<Claim> claims = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(HELD)) {
      select.setString(1, node);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          claims.add(new Claim(rows.getString(1).toLowerCase(Locale.ROOT), rows.getLong(2)));
        }
      }
    }
    return claims;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
