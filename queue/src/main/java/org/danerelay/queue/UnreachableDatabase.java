package org.danerelay.queue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached from one that refused a statement. */
final class UnreachableDatabase {

  private UnreachableDatabase() {}

  /**
   * Whether {@code failure} says the database could not be reached: no connection within the pool's
   * wait, or SQLSTATE class 08 (connection exception), anywhere in its causes. Retrying each
   * message of a batch alone would then only wait again, once per message.
   */
  static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && unreachable(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean unreachable(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }
}
