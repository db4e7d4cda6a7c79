package io.hearth.messaging;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The inbound hook's own limits, before any thread or signature is looked at. */
class MailRepliesTest {

    /** A mail whose bytes come slowly: its first read waits until it is let go, then it ends. */
    private static final class Slow extends InputStream {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            reading.countDown();
            try {
                go.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    @Test
    void atMostSoManyMailsAreReceivedAtOnceAndOneMoreIsToldToComeBack() throws Exception {
        MailReplies replies = new MailReplies(null, null, "secret", 1);
        Slow first = new Slow();
        CompletableFuture<Refusal> firstOutcome = CompletableFuture.supplyAsync(
                () -> catchThrowableOfType(Refusal.class, () -> replies.receive(first, "sha256=00")));
        assertThat(first.reading.await(10, TimeUnit.SECONDS)).isTrue();

        Refusal second = catchThrowableOfType(Refusal.class, () -> replies.receive(InputStream.nullInputStream(), "sha256=00"));
        first.go.countDown();

        assertThat(second).isNotNull();
        assertThat(second.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE);
        assertThat(second.retryAfterSeconds()).isPositive();
        assertThat(firstOutcome.get(10, TimeUnit.SECONDS).code().name()).as("the first, read whole, is then checked: wrongly signed")
                .isEqualTo("MAIL_FEEDBACK_SIGNATURE_INVALID");
        Refusal third = catchThrowableOfType(Refusal.class, () -> replies.receive(InputStream.nullInputStream(), "sha256=00"));
        assertThat(third.code().name()).as("once the first is done, the next is received").isEqualTo("MAIL_FEEDBACK_SIGNATURE_INVALID");
    }

    @Test
    void aMailCutOffBeforeItsEndIsTheSendersBadRequest() {
        InputStream cut = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        Refusal refusal = catchThrowableOfType(Refusal.class, () -> new MailReplies(null, null, "secret", 1).receive(cut, "sha256=00"));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.MALFORMED);
    }
}
