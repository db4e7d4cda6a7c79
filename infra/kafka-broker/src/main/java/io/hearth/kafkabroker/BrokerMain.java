package io.hearth.kafkabroker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Starts a Kafka broker and stops it when the parent process goes away.
 *
 * <p>The parent keeps our stdin open; when it ends (cleanly or killed), stdin reaches end of file and the
 * broker exits through its own shutdown hook, so no broker outlives the JVM that started it.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // Drain until the parent closes the pipe.
                }
            } catch (IOException ignored) {
                // A broken pipe means the parent is gone: same as end of file.
            }
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }
}
