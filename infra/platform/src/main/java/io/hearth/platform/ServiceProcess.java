package io.hearth.platform;

import io.hearth.infra.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Hearth service run as a child JVM from its module's build output. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final int metricsPort;
    private final Instant startedAt;

    private ServiceProcess(String name, Process process, int port, int metricsPort, Instant startedAt) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.metricsPort = metricsPort;
        this.startedAt = startedAt;
    }

    /**
     * Starts the module's main class with its classes and the runtime classpath its build wrote to
     * {@code target/runtime.classpath}.
     */
    public static ServiceProcess start(Path root, String module, String mainClass, int port, Map<String, String> env, Path log) {
        Path target = root.resolve(module).resolve("target");
        Path classpathFile = target.resolve("runtime.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build first (./mvnw -DskipTests package)");
        }
        try {
            String classpath = target.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + System.getProperty("hearth.services.heap", "768m"), "-XX:+UseSerialGC"));
            // Quick start-up (C1 only) for the local run and the tests; benchmarks ask for the full JIT, as in production.
            if (!"full".equals(System.getProperty("hearth.services.jit"))) {
                command.add("-XX:TieredStopAtLevel=1");
            }
            command.addAll(List.of("-cp", classpath, mainClass));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            builder.environment().put("HEARTH_HTTP_PORT", Integer.toString(port));
            // Its metrics on a free port of their own, unless told which (two services, or two apps, share this machine).
            int metricsPort = env.containsKey("HEARTH_METRICS_PORT") ? Integer.parseInt(env.get("HEARTH_METRICS_PORT")) : FreePorts.next();
            builder.environment().put("HEARTH_METRICS_PORT", Integer.toString(metricsPort));
            builder.redirectErrorStream(true);
            if (log == null) {
                builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            } else {
                builder.redirectOutput(log.toFile());
            }
            return new ServiceProcess(module, builder.start(), port, metricsPort, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    /** Waits until the service reports ready, and returns how long it took from launch. */
    public Duration awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Duration.between(startedAt, Instant.now());
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where its Prometheus scrape is: {@code http://127.0.0.1:{metricsPort}/prometheus}. */
    public int metricsPort() {
        return metricsPort;
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the service's process (for jcmd, say). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
