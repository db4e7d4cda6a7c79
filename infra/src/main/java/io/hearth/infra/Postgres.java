package io.hearth.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A real PostgreSQL 17 server process (zonky's embedded binaries) on a free port. */
public final class Postgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres server;

    private Postgres(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the server and creates the given databases. */
    public static Postgres start(List<String> databases) {
        Postgres postgres = new Postgres(FreePorts.next(), null);
        postgres.startServer();
        postgres.createDatabases(databases);
        return postgres;
    }

    /**
     * As {@link #start(List)}, with its data in a directory of its own that outlives {@link #stop()}: the server can
     * be stopped and started again on the same port with the same data (a restart, for fault tests).
     */
    public static Postgres startRestartable(List<String> databases) {
        try {
            Postgres postgres = new Postgres(FreePorts.next(), Files.createTempDirectory("hearth-pg-"));
            postgres.startServer();
            postgres.createDatabases(databases);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make PostgreSQL's data directory", e);
        }
    }

    private void startServer() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** Stops the server (fast shutdown: open connections are cut); a restartable one keeps its data. */
    public void stop() {
        requireRestartable();
        stopServer();
    }

    /** Starts a stopped restartable server again, on its port, with its data. */
    public void startAgain() {
        requireRestartable();
        startServer();
    }

    private void requireRestartable() {
        if (dataDirectory == null) {
            throw new IllegalStateException("this PostgreSQL was not started restartable: its data goes when it stops");
        }
    }

    private void createDatabases(List<String> databases) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String database : databases) {
                if (!database.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + database);
                }
                try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create databases " + databases, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Stops the server; a restartable one's data directory goes too. */
    @Override
    public void close() {
        stopServer();
        if (dataDirectory != null) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dataDirectory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove PostgreSQL's data directory " + dataDirectory, e);
            }
        }
    }

    private void stopServer() {
        try {
            if (server == null) {
                return;
            }
            EmbeddedPostgres running = server;
            server = null;
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
        }
    }
}
