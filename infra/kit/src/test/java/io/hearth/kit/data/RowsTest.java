package io.hearth.kit.data;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowsTest {

    public record Line(UUID id, String firstName, long memberCount, Integer meetingMinutes) {
    }

    public record Odd(java.util.Map<String, String> attributes) {
    }

    @Test
    void aComponentIsReadFromItsSnakeCaseColumn() {
        assertThat(Rows.column("memberCount")).isEqualTo("member_count");
        assertThat(Rows.column("id")).isEqualTo("id");
        assertThat(Rows.column("scheduleTimeZone")).isEqualTo("schedule_time_zone");
    }

    @Test
    void aRecordIsLookedAtOnce() {
        assertThat(Rows.plan(Line.class)).isSameAs(Rows.plan(Line.class));
    }

    @Test
    void aComponentOfATypeItCannotReadFailsBeforeAnyValueIsRead() {
        assertThatThrownBy(() -> Rows.plan(Odd.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Odd.attributes").hasMessageContaining("java.util.Map");
    }
}
