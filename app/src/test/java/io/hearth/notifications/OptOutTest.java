package io.hearth.notifications;

import io.hearth.tenancy.TenantId;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptOutTest {

    private final TenantId organisation = new TenantId(UUID.randomUUID());
    private final UUID man = UUID.randomUUID();

    @Test
    void anOptOutReadsBackFromItsBytes() {
        OptOut one = new OptOut(organisation, man, NotificationKind.ANNOUNCEMENT);
        OptOut every = new OptOut(organisation, man, null);

        assertThat(OptOut.of(one.bytes())).contains(one);
        assertThat(OptOut.of(every.bytes())).contains(every);
        assertThat(every.everyKind()).isTrue();
    }

    @Test
    void theMustReachKindCannotBeOptedOutOf() {
        byte[] announcement = new OptOut(organisation, man, NotificationKind.ANNOUNCEMENT).bytes();
        byte[] named = Arrays.copyOf(announcement, 32 + "SAFETY".length());
        System.arraycopy("SAFETY".getBytes(), 0, named, 32, "SAFETY".length());

        assertThatThrownBy(() -> new OptOut(organisation, man, NotificationKind.SAFETY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OptOut.of(named)).isEmpty();
    }

    @Test
    void bytesThatNameNoKindOrNoOneAreNothing() {
        byte[] unknown = Arrays.copyOf(new OptOut(organisation, man, null).bytes(), 35);

        assertThat(OptOut.of(new byte[10])).isEmpty();
        assertThat(OptOut.of(unknown)).isEmpty();
    }
}
