package io.hearth.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's {@code promtool} (package {@code prometheus}; {@code .ci/run} installs it), as an operator's CI would run it:
 * {@code check metrics} on a real scrape.
 */
public final class Promtool {

    public static final Path BINARY = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /** What promtool said, and whether it accepted it. */
    public record Verdict(boolean accepted, String output) {
    }

    /** {@code promtool check metrics} over a scrape in Prometheus's text format. */
    public static Verdict checkMetrics(String scrape) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install prometheus (.ci/run does)");
        }
        try {
            Path file = Files.createTempFile("scrape", ".prom");
            try {
                Files.writeString(file, scrape);
                Process process = new ProcessBuilder(BINARY.toString(), "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Verdict(process.waitFor() == 0, output);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
