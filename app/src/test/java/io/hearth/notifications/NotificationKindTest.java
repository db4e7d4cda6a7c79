package io.hearth.notifications;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationKindTest {

    @Test
    void aSafetyNotificationCannotBeTurnedDownOnAnyChannel() {
        for (Channel channel : Channel.values()) {
            assertThat(NotificationKind.SAFETY.defaultLevel(channel)).isEqualTo(Level.ALL);
            assertThat(NotificationKind.SAFETY.allows(channel, Level.OFF)).isFalse();
            assertThat(NotificationKind.SAFETY.allows(channel, Level.DIRECT)).isFalse();
        }
    }

    @Test
    void aDigestIsAMailOnly() {
        assertThat(NotificationKind.MESSAGE.allows(Channel.EMAIL, Level.DIGEST)).isTrue();
        assertThat(NotificationKind.MESSAGE.allows(Channel.IN_APP, Level.DIGEST)).isFalse();
        assertThat(NotificationKind.MESSAGE.allows(Channel.PUSH, Level.DIGEST)).isFalse();
        assertThat(NotificationKind.MESSAGE.allows(Channel.SMS, Level.DIGEST)).isFalse();
    }

    @Test
    void chatMessagesAreNeverMailedOneByOneByDefault() {
        assertThat(NotificationKind.MESSAGE.defaultLevel(Channel.EMAIL)).isEqualTo(Level.DIGEST);
        assertThat(NotificationKind.MESSAGE.defaultLevel(Channel.SMS)).isEqualTo(Level.OFF);
    }

    @Test
    void directOnlyLetsThroughWhatIsAddressedToHim() {
        assertThat(Level.DIRECT.sendsNow(true)).isTrue();
        assertThat(Level.DIRECT.sendsNow(false)).isFalse();
        assertThat(Level.ALL.sendsNow(false)).isTrue();
        assertThat(Level.DIGEST.sendsNow(true)).isFalse();
        assertThat(Level.OFF.sendsNow(true)).isFalse();
    }

    @Test
    void aNoticeLinksOnlyToAPathOfTheApp() {
        assertThatThrownBy(() -> new Notice(NotificationKind.REFUND, "s", true, Text.verbatim("t"), Text.verbatim("b"), "https://evil.example/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice(NotificationKind.REFUND, "s", true, Text.verbatim("t"), Text.verbatim("b"), "//evil.example/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Notice(NotificationKind.REFUND, "s", true, Text.verbatim("t"), Text.verbatim("b"), "/payments").link()).isEqualTo("/payments");
    }
}
