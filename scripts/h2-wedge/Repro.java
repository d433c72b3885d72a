import java.sql.*;
import java.util.*;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reproduces H2 2.5.252 rows that stay locked for ever after a SIGKILL ("wedged" rows).
 *
 *   java -cp h2.jar:classes Repro work  DIR [key=value ...]   relay-like load until killed (or `seconds`)
 *   java -cp h2.jar:classes Repro check DIR                   reopens DIR; exit 10 if rows are wedged
 *
 * The load imitates the DaneRelay queue: one thread inserts batches of rows per transaction, claimer
 * threads take due rows with SELECT ... FOR UPDATE SKIP LOCKED + an UPDATE per row in one transaction,
 * then finish each claimed row with a DELETE in its own transaction. H2 locks every row that matches the
 * WHERE of a FOR UPDATE before applying ORDER BY / FETCH FIRST, so with a backlog each claim transaction
 * holds thousands of row locks, and its commit walks thousands of undo-log records. A store (MVStore
 * commit) by another thread in the middle of that walk, followed by SIGKILL before the next store, leaves
 * an undo log with the "committed" marker on disk; H2 2.5.252 then never replays it on open.
 */
public class Repro {
    // Options (key=value on the command line); defaults are the relay-like pattern.
    static int inserters = 1, claimers = 4, batch = 500, claim = 100, backlog = 20000, prefill = 0;
    static boolean forUpdate = true, deletes = true;
    static String writeDelay = "0", extraUrl = "";
    static long seconds = 60;   // the load stops by itself after this long, even if nobody kills it

    public static void main(String[] args) throws Exception {
        String mode = args[0], dir = args[1];
        for (int i = 2; i < args.length; i++) set(args[i]);
        String url = "jdbc:h2:file:" + dir + "/db;WRITE_DELAY=" + writeDelay + extraUrl;
        if (mode.equals("work")) work(url);
        else System.exit(check(url));
    }

    static void set(String kv) {
        String k = kv.substring(0, kv.indexOf('=')), v = kv.substring(kv.indexOf('=') + 1);
        switch (k) {
            case "inserters" -> inserters = Integer.parseInt(v);
            case "claimers" -> claimers = Integer.parseInt(v);
            case "batch" -> batch = Integer.parseInt(v);
            case "claim" -> claim = Integer.parseInt(v);
            case "backlog" -> backlog = Integer.parseInt(v);
            case "prefill" -> prefill = Integer.parseInt(v);   // rows to create before the load starts
            case "forUpdate" -> forUpdate = Boolean.parseBoolean(v);
            case "deletes" -> deletes = Boolean.parseBoolean(v);
            case "writeDelay" -> writeDelay = v;
            case "url" -> extraUrl = v;   // e.g. url=;LOCK_TIMEOUT=3000
            case "seconds" -> seconds = Long.parseLong(v);
            default -> throw new IllegalArgumentException("unknown option " + k);
        }
    }

    static Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    // ---- load: runs until the process is killed -------------------------------------------------
    static void work(String url) throws Exception {
        try (Connection c = open(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS item (id BIGINT PRIMARY KEY, state VARCHAR(16) NOT NULL,"
                + " due TIMESTAMP NOT NULL, lease TIMESTAMP, attempts INT DEFAULT 0 NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS item_due ON item (state, due)");
        }
        AtomicLong nextId = new AtomicLong(maxId(url) + 1);
        if (nextId.get() == 1 && prefill > 0) {   // a backlog to start from, even without inserters
            try (Connection c = open(url)) {
                c.setAutoCommit(false);
                for (int n = 0; n < prefill; n += batch) { insert(c, nextId); c.commit(); }
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < inserters; i++) threads.add(new Thread(() -> loop(url, c -> insert(c, nextId))));
        for (int i = 0; i < claimers; i++) threads.add(new Thread(() -> loop(url, Repro::claimAndFinish)));
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();   // normally the driver kills us long before this returns
    }

    interface Step { void run(Connection c) throws SQLException; }

    /** Runs one step after another on its own connection; errors (e.g. lock timeouts) are retried. */
    static void loop(String url, Step step) {
        long end = System.currentTimeMillis() + seconds * 1000;
        try (Connection c = open(url)) {
            c.setAutoCommit(false);
            while (System.currentTimeMillis() < end) {
                try { step.run(c); c.commit(); }
                catch (SQLException e) { try { c.rollback(); } catch (SQLException ignored) { } }
            }
        } catch (SQLException e) {
            e.printStackTrace();
        }
    }

    static long maxId(String url) throws SQLException {
        try (Connection c = open(url); ResultSet r = c.createStatement().executeQuery("SELECT COALESCE(MAX(id), 0) FROM item")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** One transaction: a batch of new due rows (like IndexWriter: up to 500 messages per transaction). */
    static void insert(Connection c, AtomicLong nextId) throws SQLException {
        if (count(c, "SELECT COUNT(*) FROM item") > backlog) { sleep(5); return; }   // keep the file bounded
        try (PreparedStatement p = c.prepareStatement("INSERT INTO item (id, state, due) VALUES (?, 'QUEUED', ?)")) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (int i = 0; i < batch; i++) {
                p.setLong(1, nextId.getAndIncrement());
                p.setTimestamp(2, now);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Like RecipientClaims.claimDue, then one transaction per claimed row like AttemptLog/MessageFinisher. */
    static void claimAndFinish(Connection c) throws SQLException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<Long> ids = new ArrayList<>();
        String select = "SELECT id FROM item WHERE state = 'QUEUED' AND due <= ? AND (lease IS NULL OR lease <= ?)"
            + " ORDER BY due, id FETCH FIRST " + claim + " ROWS ONLY" + (forUpdate ? " FOR UPDATE SKIP LOCKED" : "");
        try (PreparedStatement p = c.prepareStatement(select)) {
            p.setTimestamp(1, now);
            p.setTimestamp(2, now);
            try (ResultSet r = p.executeQuery()) { while (r.next()) ids.add(r.getLong(1)); }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE item SET lease = ? WHERE id = ? AND (lease IS NULL OR lease <= ?)")) {
            for (long id : ids) {
                p.setTimestamp(1, new Timestamp(now.getTime() + 60_000));
                p.setLong(2, id);
                p.setTimestamp(3, now);
                p.executeUpdate();
            }
        }
        c.commit();   // the claim transaction ends here
        for (long id : ids) {   // "deliver": one small transaction per row
            try (PreparedStatement p = c.prepareStatement("UPDATE item SET attempts = attempts + 1 WHERE id = ?")) {
                p.setLong(1, id);
                p.executeUpdate();
            }
            if (deletes) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM item WHERE id = ?")) {
                    p.setLong(1, id);
                    p.executeUpdate();
                }
            } else {
                try (PreparedStatement p = c.prepareStatement("UPDATE item SET lease = NULL, due = ? WHERE id = ?")) {
                    p.setTimestamp(1, now);
                    p.setLong(2, id);
                    p.executeUpdate();
                }
            }
            c.commit();
        }
    }

    // ---- check: bounded in time, never waits for a lock ---------------------------------------
    static int check(String url) throws Exception {
        try (Connection c = open(url)) {
            c.setAutoCommit(false);
            long rows = count(c, "SELECT COUNT(*) FROM item");
            // SKIP LOCKED never waits; at start-up nobody holds locks, so every skipped row is wedged.
            long lockable = count(c, "SELECT COUNT(*) FROM (SELECT id FROM item FOR UPDATE SKIP LOCKED) t");
            // Raw size of the primary map: also counts uncommitted inserts that no SELECT can see.
            long raw = count(c, "SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'ITEM'");
            c.rollback();
            System.out.println("rows=" + rows + " lockable=" + lockable + " raw=" + raw
                + " leftover=" + leftoverTransactions(c));
            return rows == lockable && raw == rows ? 0 : 10;
        }
    }

    /** H2 internals, for diagnosis only: transactions the store still holds right after opening. */
    static String leftoverTransactions(Connection c) {
        try {
            Object session = c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
            var store = ((org.h2.engine.SessionLocal) session).getDatabase().getStore().getTransactionStore();
            return store.getOpenTransactions().toString();
        } catch (Exception e) {
            return "?";
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }
}
