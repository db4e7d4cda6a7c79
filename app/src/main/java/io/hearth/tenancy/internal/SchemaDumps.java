package io.hearth.tenancy.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * One organisation's schema as a file that can be restored under any schema name, on any cluster. The tables'
 * definitions are not in it: they come from this build's tenant migrations, run up to the version the file names
 * ({@code pg_restore} cannot rename a schema in a binary dump; this way nothing in the file names one). The file is
 * a zip: {@code manifest.json} (version, tables in the order they restore, their columns, row counts and checksums,
 * sequences) and each table's rows in PostgreSQL's binary {@code COPY} format. Everything is read in one
 * repeatable-read transaction, so the file is one consistent snapshot.
 */
public final class SchemaDumps {

    /** Flyway's own record of the schema: made by the migrations on restore, never copied. */
    private static final String HISTORY = "flyway_schema_history";

    private SchemaDumps() {
    }

    @Serdeable
    public record Manifest(int format, String schemaVersion, Instant takenAt, List<Table> tables, List<Sequence> sequences) {
        public long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    @Serdeable
    public record Table(String name, List<String> columns, long rows, String checksum) {
    }

    @Serdeable
    public record Sequence(String name, @Nullable Long lastValue) {
    }

    /** A table's row count and the checksum of its rows (order-free: the sum of a hash of each row's text). */
    public record Sum(long rows, String checksum) {
    }

    /**
     * Writes the schema to the file in one consistent snapshot. The connection must be outside any transaction; it is
     * left in autocommit.
     */
    public static Manifest dump(Connection source, String schema, String schemaVersion, Path file, JsonMapper json) {
        return dump(source, schema, schemaVersion, file, json, false);
    }

    /**
     * As {@link #dump(Connection, String, String, Path, JsonMapper)}; with {@code export}, the file also holds every
     * table as CSV (with a header) and as JSON (an array of rows) under {@code export/}, from the same snapshot: the
     * organisation's own copy of everything it owns, readable without Hearth.
     */
    public static Manifest dump(Connection source, String schema, String schemaVersion, Path file, JsonMapper json, boolean export) {
        try {
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(1);
                utc(source);
                CopyManager copy = source.unwrap(PGConnection.class).getCopyAPI();
                List<Table> tables = new ArrayList<>();
                for (String table : tablesInRestoreOrder(source, schema)) {
                    zip.putNextEntry(new ZipEntry("data/" + table + ".copy"));
                    copy.copyOut("copy " + qualified(schema, table) + " to stdout (format binary)", zip);
                    zip.closeEntry();
                    Sum sum = sum(source, schema, table);
                    tables.add(new Table(table, columns(source, schema, table), sum.rows(), sum.checksum()));
                    if (export) {
                        zip.putNextEntry(new ZipEntry("export/" + table + ".csv"));
                        copy.copyOut("copy " + qualified(schema, table) + " to stdout (format csv, header)", zip);
                        zip.closeEntry();
                        zip.putNextEntry(new ZipEntry("export/" + table + ".json"));
                        writeJson(source, schema, table, zip);
                        zip.closeEntry();
                    }
                }
                if (export) {
                    zip.putNextEntry(new ZipEntry("export/README.txt"));
                    zip.write(("Everything this organisation keeps in Hearth, taken at one moment (" + Instant.now() + "), schema version "
                            + schemaVersion + ".\nEach table twice: <table>.csv (a header row, then one row per line) and <table>.json (an array of "
                            + "rows).\nFields marked sealed (phone numbers, secrets) stay encrypted: Hearth's keys are not in the file.\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                Manifest manifest = new Manifest(1, schemaVersion, Instant.now(), tables, sequences(source, schema));
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(json.writeValueAsBytes(manifest));
                zip.closeEntry();
                source.commit();
                return manifest;
            } finally {
                source.rollback();
                source.setReadOnly(false);
                source.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not dump schema " + schema + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dump of schema " + schema, e);
        }
    }

    public static Manifest manifest(Path file, JsonMapper json) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("manifest.json");
            if (entry == null) {
                throw new IllegalArgumentException(file.getFileName() + " is not a Hearth backup: it has no manifest");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return json.readValue(in.readAllBytes(), Manifest.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup " + file.getFileName(), e);
        }
    }

    /**
     * Loads the file into a schema the tenant migrations made at the file's version: empties its tables (migrations
     * seed some), copies every table in order, sets the sequences, all in one transaction on the connection, and
     * checks the rows against the file's counts and checksums before it commits. Throws, with nothing committed,
     * when anything differs.
     */
    public static void restore(Connection target, String schema, Path file, JsonMapper json) {
        Manifest manifest = manifest(file, json);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            target.setAutoCommit(false);
            try {
                utc(target);
                Set<String> present = new LinkedHashSet<>(tablesInRestoreOrder(target, schema));
                List<String> missing = manifest.tables().stream().map(Table::name).filter(name -> !present.contains(name)).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("schema " + schema + " lacks tables the backup has: " + missing);
                }
                // The tables' own triggers (audit_log refuses any change but an insert) stay out of a load, for the
                // transaction only; foreign keys are still checked.
                try (Statement statement = target.createStatement()) {
                    for (String table : present) {
                        statement.execute("alter table " + qualified(schema, table) + " disable trigger user");
                    }
                    if (!present.isEmpty()) {
                        statement.execute("truncate " + String.join(", ", present.stream().map(table -> qualified(schema, table)).toList()));
                    }
                }
                CopyManager copy = target.unwrap(PGConnection.class).getCopyAPI();
                for (Table table : manifest.tables()) {
                    ZipEntry entry = zip.getEntry("data/" + table.name() + ".copy");
                    if (entry == null) {
                        throw new IllegalStateException("the backup lacks the rows of " + table.name());
                    }
                    String columns = String.join(", ", table.columns().stream().map(SchemaDumps::quoted).toList());
                    try (InputStream in = zip.getInputStream(entry)) {
                        copy.copyIn("copy " + qualified(schema, table.name()) + " (" + columns + ") from stdin (format binary)", in);
                    }
                }
                for (Sequence sequence : manifest.sequences()) {
                    try (PreparedStatement statement = target.prepareStatement("select setval(?::regclass, ?, ?)")) {
                        statement.setString(1, qualified(schema, sequence.name()));
                        statement.setLong(2, sequence.lastValue() == null ? 1 : sequence.lastValue());
                        statement.setBoolean(3, sequence.lastValue() != null);
                        statement.execute();
                    }
                }
                try (Statement statement = target.createStatement()) {
                    for (String table : present) {
                        statement.execute("alter table " + qualified(schema, table) + " enable trigger user");
                    }
                }
                List<String> differences = differences(manifest, sums(target, schema, manifest));
                if (!differences.isEmpty()) {
                    throw new IllegalStateException("the restored rows differ from the backup's: " + String.join("; ", differences));
                }
                target.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                target.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not restore into schema " + schema + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup " + file.getFileName(), e);
        }
    }

    /** Each table's rows and checksum in the schema, for the tables the manifest names. */
    public static Map<String, Sum> sums(Connection connection, String schema, Manifest manifest) throws SQLException {
        boolean own = connection.getAutoCommit();
        if (own) {
            connection.setAutoCommit(false);
        }
        try {
            utc(connection);
            Map<String, Sum> sums = new LinkedHashMap<>();
            for (Table table : manifest.tables()) {
                sums.put(table.name(), sum(connection, schema, table.name()));
            }
            return sums;
        } finally {
            if (own) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** What differs between the manifest's counts and checksums and these; empty when nothing does. */
    public static List<String> differences(Manifest manifest, Map<String, Sum> sums) {
        List<String> differences = new ArrayList<>();
        for (Table table : manifest.tables()) {
            Sum sum = sums.get(table.name());
            if (sum == null) {
                differences.add(table.name() + ": missing");
            } else if (sum.rows() != table.rows()) {
                differences.add(table.name() + ": " + sum.rows() + " rows, " + table.rows() + " in the backup");
            } else if (!sum.checksum().equals(table.checksum())) {
                differences.add(table.name() + ": same " + sum.rows() + " rows, different checksum");
            }
        }
        return differences;
    }

    /**
     * Refuses every write to the schema's tables from now on (SQLSTATE {@code HM001}); reads go on. It first takes a lock
     * on all of them at once that lets reads through and waits for the writes in flight: briefly (200 ms) at a time,
     * letting go and trying again, so that it never deadlocks with a writer nor holds one up for long, until
     * {@code wait} has passed.
     */
    public static void freeze(Connection connection, String schema, java.time.Duration wait) throws SQLException {
        underAllTables(connection, schema, wait, statement -> {
            for (String table : tablesInRestoreOrder(connection, schema)) {
                statement.execute("create or replace trigger hearth_frozen before insert or update or delete or truncate on "
                        + qualified(schema, table) + " for each statement execute function public.hearth_refuse_writes()");
            }
        });
    }

    private interface StatementWork {
        void run(Statement statement) throws SQLException;
    }

    /** Runs the work in a transaction that holds every table of the schema in SHARE ROW EXCLUSIVE mode (see {@link #freeze}). */
    private static void underAllTables(Connection connection, String schema, java.time.Duration wait, StatementWork work) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (true) {
            try {
                inTransaction(connection, () -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("set local lock_timeout = 200");
                        List<String> tables = tablesInRestoreOrder(connection, schema);
                        if (!tables.isEmpty()) {
                            statement.execute("lock table " + String.join(", ", tables.stream().map(table -> qualified(schema, table)).toList())
                                    + " in share row exclusive mode");
                        }
                        work.run(statement);
                    }
                });
                return;
            } catch (SQLException e) {
                boolean busy = "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!busy || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(10 + random.nextInt(40));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Lets writes to the schema's tables through again. */
    public static void thaw(Connection connection, String schema) throws SQLException {
        inTransaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                for (String table : tablesInRestoreOrder(connection, schema)) {
                    statement.execute("drop trigger if exists hearth_frozen on " + qualified(schema, table));
                }
            }
        });
    }

    /**
     * In one transaction: the schema frozen and renamed aside, and (when {@code staging} is given, on the same
     * cluster) the staging schema renamed into its place. Either all of it happens or none.
     */
    public static void putAside(Connection connection, String schema, String aside, String staging, java.time.Duration wait)
            throws SQLException {
        underAllTables(connection, schema, wait, statement -> {
            for (String table : tablesInRestoreOrder(connection, schema)) {
                statement.execute("create or replace trigger hearth_frozen before insert or update or delete or truncate on "
                        + qualified(schema, table) + " for each statement execute function public.hearth_refuse_writes()");
            }
            statement.execute("alter schema " + quoted(schema) + " rename to " + quoted(aside));
            if (staging != null) {
                statement.execute("alter schema " + quoted(staging) + " rename to " + quoted(schema));
            }
        });
    }

    public static void rename(Connection connection, String schema, String to) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter schema " + quoted(schema) + " rename to " + quoted(to));
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Drops a schema and everything in it. */
    public static void drop(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + quoted(schema) + " cascade");
        }
    }

    public static boolean exists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The schema's size on disk, tables with their indexes and TOAST. */
    public static long sizeBytes(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relkind in ('r', 'p', 'm')")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The schema's tables (but Flyway's history), each after the tables it refers to, so that rows copied in this
     * order never wait for a row they point at. A table that refers to itself is fine (COPY checks at its end).
     */
    public static List<String> tablesInRestoreOrder(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relkind in ('r', 'p') and c.relname <> ? and not c.relispartition order by c.relname")) {
            statement.setString(1, schema);
            statement.setString(2, HISTORY);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        Map<String, Set<String>> refersTo = new LinkedHashMap<>();
        tables.forEach(table -> refersTo.put(table, new LinkedHashSet<>()));
        try (PreparedStatement statement = connection.prepareStatement(
                "select c.relname, f.relname from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class f on f.oid = k.confrelid "
                        + "join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String parent = rs.getString(2);
                    if (!table.equals(parent) && refersTo.containsKey(table) && refersTo.containsKey(parent)) {
                        refersTo.get(table).add(parent);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < tables.size()) {
            boolean progressed = false;
            for (String table : tables) {
                if (!placed.contains(table) && placed.containsAll(refersTo.get(table))) {
                    ordered.add(table);
                    placed.add(table);
                    progressed = true;
                }
            }
            if (!progressed) {
                List<String> left = tables.stream().filter(table -> !placed.contains(table)).toList();
                throw new IllegalStateException("tables of " + schema + " refer to each other in a cycle: " + left);
            }
        }
        return ordered;
    }

    /** The table as a JSON array, a row per line, streamed in batches (a large table never sits in memory). */
    private static void writeJson(Connection connection, String schema, String table, OutputStream out) throws SQLException, IOException {
        out.write('[');
        boolean first = true;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery("select row_to_json(t)::text from " + qualified(schema, table) + " t")) {
                while (rs.next()) {
                    out.write((first ? "\n" : ",\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.write(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    first = false;
                }
            }
        }
        out.write("\n]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<String> columns(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static List<Sequence> sequences(Connection connection, String schema) throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select sequencename, last_value from pg_sequences where schemaname = ? order by sequencename")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    long value = rs.getLong(2);
                    sequences.add(new Sequence(name, rs.wasNull() ? null : value));
                }
            }
        }
        return sequences;
    }

    private static Sum sum(Connection connection, String schema, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::text from "
                     + qualified(schema, table) + " t")) {
            rs.next();
            return new Sum(rs.getLong(1), rs.getString(2));
        }
    }

    /** Rows print their times in UTC on both sides, whatever the server's or the JVM's zone: checksums compare (in a transaction). */
    private static void utc(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local time zone 'UTC'");
        }
    }

    static String qualified(String schema, String table) {
        return quoted(schema) + "." + quoted(table);
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
