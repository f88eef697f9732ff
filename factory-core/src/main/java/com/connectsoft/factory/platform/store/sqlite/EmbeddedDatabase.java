package com.connectsoft.factory.platform.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded database in the data directory (SQLite, WAL journal, synchronous NORMAL): one connection, used by one
 * thread at a time. It holds the documents and the event-bus outbox so both commit in one transaction. A commit is in
 * the WAL file before it returns, so it survives the process being killed; the WAL is synced at checkpoints, not at
 * every commit, so a power loss or an operating-system crash (never a killed process) may take back the last commits,
 * leaving the database consistent (SQLite's documented guarantee for WAL with NORMAL).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(EmbeddedDatabase.class.getName());
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Path file;
    private final java.util.List<Runnable> outboxListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Set (under the lock) by a transaction that wrote to the outbox; its listeners hear of it after the commit. */
    private boolean outboxWritten;

    private EmbeddedDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static EmbeddedDatabase open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("factory.db");
            // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so one that reads, then writes after
            // another process (a CLI beside `factory serve`) committed waits for it (busy_timeout) instead of failing
            // with SQLITE_BUSY_SNAPSHOT; within this process the connection is used by one thread at a time anyway
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA foreign_keys=ON");
            }
            EmbeddedDatabase db = new EmbeddedDatabase(file, c);
            db.migrate();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the embedded database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void migrate() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS documents (
                          tenant_id TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL,
                          etag TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                          PRIMARY KEY (tenant_id, collection, id))""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS outbox (
                          seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
                          tenant_id TEXT NOT NULL, event_type TEXT NOT NULL, body TEXT NOT NULL, published_at TEXT NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS bus_cursors (subscription TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS deliveries (
                          event_id TEXT NOT NULL, subscription TEXT NOT NULL, seq INTEGER NOT NULL, tenant_id TEXT NOT NULL,
                          status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL,
                          last_error TEXT, updated_at TEXT NOT NULL,
                          PRIMARY KEY (event_id, subscription))""");
                s.execute("CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at, seq)");
            }
            return null;
        });
    }

    /**
     * Runs {@code work} in one committed-or-rolled-back transaction, holding the connection exclusively. When it wrote
     * to the outbox ({@link #outboxWritten()}), the outbox listeners are told once it has committed.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        boolean published;
        T result;
        boolean outermost = !lock.isHeldByCurrentThread();
        lock.lock();
        try {
            if (outermost) {
                outboxWritten = false;
            }
            connection.setAutoCommit(false);
            try {
                result = work.run(connection);
                connection.commit();
                published = outermost && outboxWritten;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                if (outermost) {
                    outboxWritten = false;
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("embedded database error in " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        if (published) {
            for (Runnable listener : outboxListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    // the transaction has committed: a listener's fault must not make it look failed to its caller
                    LOG.log(java.util.logging.Level.WARNING, "an outbox listener failed after a commit", e);
                }
            }
        }
        return result;
    }

    /** Marks the running transaction as one that wrote to the outbox (call it inside {@link #inTransaction}). */
    public void outboxWritten() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("outboxWritten() belongs inside a transaction");
        }
        outboxWritten = true;
    }

    /** Tells {@code listener} after every commit that wrote to the outbox (the embedded bus wakes its dispatcher). */
    public void onOutboxCommit(Runnable listener) {
        outboxListeners.add(listener);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + file, e);
        } finally {
            lock.unlock();
        }
    }
}
