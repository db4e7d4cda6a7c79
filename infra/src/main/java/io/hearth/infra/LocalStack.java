package io.hearth.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The servers Hearth needs: PostgreSQL (one database per service), Redis, Kafka and SMTP.
 *
 * <p>Each address comes from the environment when given ({@code HEARTH_APP_DB_URL}, {@code HEARTH_ADMIN_DB_URL},
 * {@code HEARTH_DB_USERNAME}, {@code HEARTH_DB_PASSWORD}, {@code HEARTH_REDIS_URI},
 * {@code HEARTH_KAFKA_BOOTSTRAP_SERVERS}, {@code HEARTH_SMTP_HOST}/{@code HEARTH_SMTP_PORT}); an embedded server
 * starts only for what is not given. {@link #properties(Service)} gives each service its settings under the
 * names its {@code application.yml} reads ({@code hearth.db.url}, ...).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** The services the stack serves, each with its own database. */
    public enum Service {
        APP("hearth_app"),
        TENANT_ADMIN("hearth_admin");

        private final String database;

        Service(String database) {
            this.database = database;
        }

        public String database() {
            return database;
        }

        String envPrefix() {
            return this == APP ? "HEARTH_APP_DB_URL" : "HEARTH_ADMIN_DB_URL";
        }
    }

    private static LocalStack shared;

    private final List<AutoCloseable> started;
    private final Map<Service, String> jdbcUrls;
    private final String dbUsername;
    private final String dbPassword;
    private final String redisUri;
    private final String kafkaBootstrapServers;
    private final String smtpHost;
    private final int smtpPort;
    private final MailCatcher mailCatcher;

    private LocalStack(List<AutoCloseable> started, Map<Service, String> jdbcUrls, String dbUsername, String dbPassword,
                       String redisUri, String kafkaBootstrapServers, String smtpHost, int smtpPort, MailCatcher mailCatcher) {
        this.started = started;
        this.jdbcUrls = jdbcUrls;
        this.dbUsername = dbUsername;
        this.dbPassword = dbPassword;
        this.redisUri = redisUri;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.mailCatcher = mailCatcher;
    }

    /** Starts what the environment does not provide. The mail catcher's HTTP side listens on the given port (0: any). */
    public static LocalStack start(Map<String, String> env, int mailHttpPort) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Map<Service, String> jdbcUrls = new LinkedHashMap<>();
            String dbUsername = env.getOrDefault("HEARTH_DB_USERNAME", Postgres.USER);
            String dbPassword = env.getOrDefault("HEARTH_DB_PASSWORD", Postgres.PASSWORD);
            List<String> missingDatabases = new ArrayList<>();
            for (Service service : Service.values()) {
                String given = env.get(service.envPrefix());
                if (given != null && !given.isBlank()) {
                    jdbcUrls.put(service, given);
                } else {
                    missingDatabases.add(service.database());
                }
            }
            if (!missingDatabases.isEmpty()) {
                long t0 = System.nanoTime();
                Postgres postgres = Postgres.start(missingDatabases);
                started.add(postgres);
                dbUsername = Postgres.USER;
                dbPassword = Postgres.PASSWORD;
                for (Service service : Service.values()) {
                    jdbcUrls.putIfAbsent(service, postgres.jdbcUrl(service.database()));
                }
                LOG.info("PostgreSQL started on port {} in {} ms", postgres.port(), (System.nanoTime() - t0) / 1_000_000);
            }

            String redisUri = env.get("HEARTH_REDIS_URI");
            if (redisUri == null || redisUri.isBlank()) {
                Redis redis = Redis.start();
                started.add(redis);
                redisUri = redis.uri();
                LOG.info("Redis started at {}", redisUri);
            }

            String kafkaServers = env.get("HEARTH_KAFKA_BOOTSTRAP_SERVERS");
            if (kafkaServers == null || kafkaServers.isBlank()) {
                long t0 = System.nanoTime();
                Kafka kafka = Kafka.start();
                started.add(kafka);
                kafkaServers = kafka.bootstrapServers();
                LOG.info("Kafka started at {} in {} ms", kafkaServers, (System.nanoTime() - t0) / 1_000_000);
            }

            String smtpHost = env.get("HEARTH_SMTP_HOST");
            int smtpPort;
            MailCatcher mailCatcher = null;
            if (smtpHost == null || smtpHost.isBlank()) {
                mailCatcher = MailCatcher.start(mailHttpPort);
                started.add(mailCatcher);
                smtpHost = mailCatcher.smtpHost();
                smtpPort = mailCatcher.smtpPort();
                LOG.info("Mail catcher: SMTP {}:{}, messages at {}/messages", smtpHost, smtpPort, mailCatcher.httpUrl());
            } else {
                smtpPort = Integer.parseInt(env.getOrDefault("HEARTH_SMTP_PORT", "25"));
            }
            return new LocalStack(started, jdbcUrls, dbUsername, dbPassword, redisUri, kafkaServers, smtpHost, smtpPort, mailCatcher);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** One stack per JVM for integration tests, started on first use and stopped when the JVM exits. */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start(System.getenv(), 0);
            LocalStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        }
        return shared;
    }

    /** The settings a service reads, under the property names of its {@code application.yml}. */
    public Map<String, String> properties(Service service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hearth.db.url", jdbcUrls.get(service));
        properties.put("hearth.db.username", dbUsername);
        properties.put("hearth.db.password", dbPassword);
        properties.put("hearth.redis.uri", redisUri);
        properties.put("hearth.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.put("hearth.smtp.host", smtpHost);
        properties.put("hearth.smtp.port", Integer.toString(smtpPort));
        return properties;
    }

    /** The same settings as environment variables, for a service started as a child process. */
    public Map<String, String> environment(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        properties(service).forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    public String jdbcUrl(Service service) {
        return jdbcUrls.get(service);
    }

    public String dbUsername() {
        return dbUsername;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The embedded mail catcher, if this stack started one. */
    public MailCatcher mailCatcher() {
        if (mailCatcher == null) {
            throw new IllegalStateException("SMTP is external (HEARTH_SMTP_HOST is set): no mail catcher to read");
        }
        return mailCatcher;
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        closeAll(reversed);
        started.clear();
    }

    private static void closeAll(List<AutoCloseable> servers) {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("could not stop {} cleanly", server.getClass().getSimpleName(), e);
            }
        }
    }
}
