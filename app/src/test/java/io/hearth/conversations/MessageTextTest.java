package io.hearth.conversations;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTextTest {

    @Test
    void aTextIsStrippedAndKeptAsWritten() {
        assertThat(MessageText.check("text", "  Hello, brothers \n")).isEqualTo("Hello, brothers");
    }

    @Test
    void blankNulAndOverEightKilobytesAreRefused() {
        assertThatThrownBy(() -> MessageText.check("text", " \n ")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> MessageText.check("text", "a\0b")).isInstanceOf(Refusal.class)
                .satisfies(e -> assertThat(((Refusal) e).errors().get(0).message()).contains("NUL"));
        assertThat(MessageText.check("text", "x".repeat(8192))).hasSize(8192);
        assertThatThrownBy(() -> MessageText.check("text", "x".repeat(8193))).isInstanceOf(Refusal.class)
                .satisfies(e -> assertThat(((Refusal) e).errors().get(0).message()).contains("8192"));
        // Counted in UTF-8 bytes, not characters: 2,731 three-byte characters are 8,193 bytes.
        assertThatThrownBy(() -> MessageText.check("text", "€".repeat(2731))).isInstanceOf(Refusal.class);
    }

    @Test
    void windowsBecomeAMultirangeAndHoldTheirOwnTimesOnly() {
        Window past = new Window(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T10:30:00.5Z"));
        Window now = new Window(Instant.parse("2026-03-01T00:00:00Z"), null);
        assertThat(Window.multirange(List.of(past, now)))
                .isEqualTo("{[\"2026-01-01 00:00:00.000000+00:00\",\"2026-02-01 10:30:00.500000+00:00\"),[\"2026-03-01 00:00:00.000000+00:00\",)}");
        assertThat(Window.multirange(List.of())).isEqualTo("{}");
        assertThat(Window.multirange(List.of(Window.ALWAYS))).isEqualTo("{[,)}");
        assertThat(past.contains(Instant.parse("2026-01-15T00:00:00Z"))).isTrue();
        assertThat(past.contains(Instant.parse("2026-02-01T10:30:00.5Z"))).isFalse();
        assertThat(now.contains(Instant.parse("2025-12-31T00:00:00Z"))).isFalse();
    }
}
