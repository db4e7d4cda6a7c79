package io.hearth.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka 4.1 broker in KRaft mode, run as a child JVM with its own classpath (the services' classpath
 * pins an older kafka-clients). The child watches its stdin and exits when this JVM goes away.
 */
public final class Kafka implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "io/hearth/kafkabroker/broker.classpath";
    private static final String MAIN_CLASS = "io.hearth.kafkabroker.BrokerMain";

    private final Process process;
    private final int port;
    private final Path directory;

    private Kafka(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    public static Kafka start() {
        try {
            Path directory = Files.createTempDirectory("hearth-kafka-");
            int port = FreePorts.next();
            int controllerPort = FreePorts.next();
            Path properties = directory.resolve("server.properties");
            Files.writeString(properties, serverProperties(directory.resolve("data"), port, controllerPort));
            String classpath = classpath();
            String clusterId = clusterId();

            Process format = new ProcessBuilder(java(), "-cp", classpath, "kafka.tools.StorageTool",
                    "format", "-t", clusterId, "-c", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("format.log").toFile())
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed: " + Files.readString(directory.resolve("format.log")));
            }

            Process broker = new ProcessBuilder(java(), "-Xmx512m", "-Xms128m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", classpath, MAIN_CLASS, properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("broker.log").toFile())
                    .start();
            Kafka kafka = new Kafka(broker, port, directory);
            try {
                FreePorts.awaitOpen("Kafka broker (log: " + directory.resolve("broker.log") + ")", port, Duration.ofSeconds(60), broker);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "default.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "");
    }

    /** The broker's classpath: the launcher's own location plus the list kafka-broker's build wrote. */
    private static String classpath() throws IOException {
        URL resource = Kafka.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath: build infra/kafka-broker first");
        }
        String listed;
        try (InputStream in = resource.openStream()) {
            listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<String> entries = new ArrayList<>();
        entries.add(launcherLocation(resource));
        entries.add(listed);
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String launcherLocation(URL resource) {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                return Paths.get(new java.net.URI(jar)).toString();
            }
            Path file = Paths.get(resource.toURI());
            // .../classes/io/hearth/kafkabroker/broker.classpath -> .../classes
            return file.getParent().getParent().getParent().getParent().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected resource location " + resource, e);
        }
    }

    /**
     * A random 22-character cluster id. Like Kafka's own Uuid, never one starting with '-': the storage tool would
     * read it as an option and fail (1 start in 64).
     */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
            buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Hangs the broker (SIGSTOP): its port stays open and nothing answers, as a broker stuck in a long pause. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused broker go on (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not signal the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling the Kafka broker", e);
        }
    }

    public Path logFile() {
        return directory.resolve("broker.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
