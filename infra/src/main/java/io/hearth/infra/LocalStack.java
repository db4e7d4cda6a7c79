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
 * {@code HEARTH_CREDENTIALS_DB_URL},
 * {@code HEARTH_DB_USERNAME}, {@code HEARTH_DB_PASSWORD}, {@code HEARTH_REDIS_URI},
 * {@code HEARTH_KAFKA_BOOTSTRAP_SERVERS}, {@code HEARTH_SMTP_HOST}/{@code HEARTH_SMTP_PORT}, {@code HEARTH_SMS_BASE_URL},
 * {@code HEARTH_STRIPE_SECRET_KEY} with {@code HEARTH_STRIPE_WEBHOOK_SECRET} for Stripe in test mode);
 * an embedded server
 * starts only for what is not given. {@link #properties(Service)} gives each service its settings under the
 * names its {@code application.yml} reads ({@code hearth.db.url}, ...).
 */
public final class LocalStack implements AutoCloseable {

    /** The secret reports about sent mail are signed with in the local run and the tests (app: hearth.mail.feedback-secret). */
    public static final String MAIL_FEEDBACK_SECRET = "local-mail-feedback-secret";

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** The services the stack serves. */
    public enum Service {
        APP,
        TENANT_ADMIN
    }

    /** The databases: each service its own, and app's credentials apart from everything else it keeps. */
    public enum Database {
        APP("hearth_app", "HEARTH_APP_DB_URL"),
        CREDENTIALS("hearth_credentials", "HEARTH_CREDENTIALS_DB_URL"),
        TENANT_ADMIN("hearth_admin", "HEARTH_ADMIN_DB_URL");

        private final String name;
        private final String envName;

        Database(String name, String envName) {
            this.name = name;
            this.envName = envName;
        }

        public String databaseName() {
            return name;
        }
    }

    private static LocalStack shared;
    /** The port app serves on in this test JVM ({@code -Dhearth.test.app-port}), or null for app's own (8080). */
    private static final Integer TEST_APP_PORT = Integer.getInteger("hearth.test.app-port");

    private final List<AutoCloseable> started;
    private final Map<Database, String> jdbcUrls;
    private final String dbUsername;
    private final String dbPassword;
    private final String redisUri;
    private final String kafkaBootstrapServers;
    private final String smtpHost;
    private final int smtpPort;
    private final MailCatcher mailCatcher;
    private final String smsBaseUrl;
    private final SmsCatcher smsCatcher;
    private final StripeStandIn stripe;
    private final PushCatcher pushCatcher;
    private final String[] vapidKeys;

    private LocalStack(List<AutoCloseable> started, Map<Database, String> jdbcUrls, String dbUsername, String dbPassword,
                       String redisUri, String kafkaBootstrapServers, String smtpHost, int smtpPort, MailCatcher mailCatcher,
                       String smsBaseUrl, SmsCatcher smsCatcher, StripeStandIn stripe, PushCatcher pushCatcher, String[] vapidKeys) {
        this.started = started;
        this.jdbcUrls = jdbcUrls;
        this.dbUsername = dbUsername;
        this.dbPassword = dbPassword;
        this.redisUri = redisUri;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.mailCatcher = mailCatcher;
        this.smsBaseUrl = smsBaseUrl;
        this.smsCatcher = smsCatcher;
        this.stripe = stripe;
        this.pushCatcher = pushCatcher;
        this.vapidKeys = vapidKeys;
    }

    /** Starts what the environment does not provide. The mail catcher's HTTP side listens on the given port (0: any). */
    public static LocalStack start(Map<String, String> env, int mailHttpPort) {
        return start(env, mailHttpPort, 0);
    }

    /** As {@link #start(Map, int)}, with the SMS catcher on the given port (0: any). */
    public static LocalStack start(Map<String, String> env, int mailHttpPort, int smsHttpPort) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Map<Database, String> jdbcUrls = new LinkedHashMap<>();
            String dbUsername = env.getOrDefault("HEARTH_DB_USERNAME", Postgres.USER);
            String dbPassword = env.getOrDefault("HEARTH_DB_PASSWORD", Postgres.PASSWORD);
            List<String> missingDatabases = new ArrayList<>();
            for (Database database : Database.values()) {
                String given = env.get(database.envName);
                if (given != null && !given.isBlank()) {
                    jdbcUrls.put(database, given);
                } else {
                    missingDatabases.add(database.databaseName());
                }
            }
            if (!missingDatabases.isEmpty()) {
                long t0 = System.nanoTime();
                Postgres postgres = Postgres.start(missingDatabases);
                started.add(postgres);
                dbUsername = Postgres.USER;
                dbPassword = Postgres.PASSWORD;
                for (Database database : Database.values()) {
                    jdbcUrls.putIfAbsent(database, postgres.jdbcUrl(database.databaseName()));
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

            String smsBaseUrl = env.get("HEARTH_SMS_BASE_URL");
            SmsCatcher smsCatcher = null;
            if (smsBaseUrl == null || smsBaseUrl.isBlank()) {
                smsCatcher = SmsCatcher.start(smsHttpPort);
                started.add(smsCatcher);
                smsBaseUrl = smsCatcher.baseUrl();
                LOG.info("SMS catcher: messages at {}/messages", smsBaseUrl);
            }
            StripeStandIn stripe = null;
            String stripeKey = env.get("HEARTH_STRIPE_SECRET_KEY");
            if (stripeKey == null || stripeKey.isBlank()) {
                stripe = StripeStandIn.start(0);
                started.add(stripe);
                stripe.deliverTo("http://127.0.0.1:8080/api/v1/stripe/webhooks");
                LOG.info("Stripe stand-in at {}, the requests it received at {}", stripe.baseUrl(), stripe.requestLogUrl());
            }
            PushCatcher pushCatcher = null;
            String[] vapidKeys = null;
            String vapidPrivate = env.get("HEARTH_PUSH_VAPID_PRIVATE_KEY");
            if (vapidPrivate == null || vapidPrivate.isBlank()) {
                pushCatcher = PushCatcher.start(0);
                started.add(pushCatcher);
                vapidKeys = PushCatcher.vapidKeys();
                LOG.info("Push service stand-in at {}: new devices at POST {}/subscriptions, pushes received (decrypted) at {}/pushes",
                        pushCatcher.origin(), pushCatcher.origin(), pushCatcher.origin());
            }
            return new LocalStack(started, jdbcUrls, dbUsername, dbPassword, redisUri, kafkaServers, smtpHost, smtpPort, mailCatcher,
                    smsBaseUrl, smsCatcher, stripe, pushCatcher, vapidKeys);
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
            // Tests in several JVMs at once (failsafe forks) each serve app on a port of their own: the Stripe stand-in
            // and the SMS catcher post to that one.
            if (TEST_APP_PORT != null) {
                if (stack.stripe != null) {
                    stack.stripe.deliverTo("http://127.0.0.1:" + TEST_APP_PORT + "/api/v1/stripe/webhooks");
                }
                if (stack.smsCatcher != null) {
                    stack.smsCatcher.deliverTo("http://127.0.0.1:" + TEST_APP_PORT + "/api/v1/sms/inbound");
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        }
        return shared;
    }

    /** The settings a service reads, under the property names of its {@code application.yml}. */
    public Map<String, String> properties(Service service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hearth.db.url", jdbcUrls.get(service == Service.APP ? Database.APP : Database.TENANT_ADMIN));
        properties.put("hearth.db.username", dbUsername);
        properties.put("hearth.db.password", dbPassword);
        if (service == Service.APP) {
            properties.put("hearth.credentials-db.url", jdbcUrls.get(Database.CREDENTIALS));
            properties.put("hearth.credentials-db.username", dbUsername);
            properties.put("hearth.credentials-db.password", dbPassword);
        }
        properties.put("hearth.redis.uri", redisUri);
        properties.put("hearth.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.put("hearth.smtp.host", smtpHost);
        properties.put("hearth.smtp.port", Integer.toString(smtpPort));
        if (service == Service.APP && this == shared && TEST_APP_PORT != null) {
            properties.put("micronaut.server.port", Integer.toString(TEST_APP_PORT));
        }
        if (service == Service.APP) {
            properties.put("hearth.sms.base-url", smsBaseUrl);
            // Reports about sent mail (bounces, complaints) are signed with this in the local run and the tests only.
            properties.put("hearth.mail.feedback-secret", MAIL_FEEDBACK_SECRET);
            if (smsCatcher != null) {
                // The catcher signs the texts it sends app as Twilio would, with its own token, over app's public address.
                properties.put("hearth.sms.auth-token", SmsCatcher.AUTH_TOKEN);
                properties.put("hearth.sms.inbound-url", smsCatcher.signedUrl());
            }
            if (pushCatcher != null) {
                properties.put("hearth.push.vapid-public-key", vapidKeys[0]);
                properties.put("hearth.push.vapid-private-key", vapidKeys[1]);
                properties.put("hearth.push.insecure-origins", pushCatcher.origin());
            }
            if (stripe != null) {
                properties.put("hearth.stripe.api-base", stripe.baseUrl());
                properties.put("hearth.stripe.secret-key", StripeStandIn.SECRET_KEY);
                properties.put("hearth.stripe.webhook-secret", StripeStandIn.WEBHOOK_SECRET);
            }
        }
        return properties;
    }

    /** The same settings as environment variables, for a service started as a child process. */
    public Map<String, String> environment(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        properties(service).forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    public String jdbcUrl(Database database) {
        return jdbcUrls.get(database);
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

    /** Whether this stack started an SMS catcher (no {@code HEARTH_SMS_BASE_URL} given). */
    public boolean hasSmsCatcher() {
        return smsCatcher != null;
    }

    /** The embedded SMS catcher, if this stack started one. */
    public SmsCatcher smsCatcher() {
        if (smsCatcher == null) {
            throw new IllegalStateException("SMS goes to an external provider (HEARTH_SMS_BASE_URL is set): no SMS catcher to read");
        }
        return smsCatcher;
    }

    /** The push service stand-in, if this stack started one (no {@code HEARTH_PUSH_VAPID_PRIVATE_KEY} given). */
    public PushCatcher pushCatcher() {
        if (pushCatcher == null) {
            throw new IllegalStateException("Push goes to real push services (HEARTH_PUSH_VAPID_PRIVATE_KEY is set): no push catcher to read");
        }
        return pushCatcher;
    }

    /** The Stripe stand-in, when this stack started one. */
    public java.util.Optional<StripeStandIn> stripeStandIn() {
        return java.util.Optional.ofNullable(stripe);
    }

    /** The Stripe stand-in, if this stack started one (no {@code HEARTH_STRIPE_SECRET_KEY} given). */
    public StripeStandIn stripe() {
        if (stripe == null) {
            throw new IllegalStateException("Stripe is the real one (HEARTH_STRIPE_SECRET_KEY is set): no stand-in to read");
        }
        return stripe;
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
