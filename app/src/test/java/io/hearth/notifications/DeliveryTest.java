package io.hearth.notifications;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), LONDON);
    static final Map<Channel, Level> EVERYTHING = Map.of(Channel.IN_APP, Level.ALL, Channel.EMAIL, Level.ALL, Channel.SMS, Level.ALL,
            Channel.PUSH, Level.ALL);
    static final Delivery.Reachable EVERYWHERE = new Delivery.Reachable(true, true, true);

    @Test
    void aSimulatedDayMinuteByMinuteSendsNoOrdinaryPushOrTextInsideHisQuietHoursAndHoldsEachOne() {
        Instant start = Instant.parse("2026-12-06T12:00:00Z");
        int quietMinutes = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant at = start.plus(Duration.ofMinutes(minute));
            Delivery delivery = Delivery.of(NotificationKind.ANNOUNCEMENT, false, EVERYTHING, EVERYWHERE, NIGHT, at);
            if (NIGHT.covers(at)) {
                quietMinutes++;
                assertThat(delivery.push()).as("no push at %s", at).isFalse();
                assertThat(delivery.text()).as("no text at %s", at).isFalse();
                assertThat(delivery.heldPush()).as("the push is held at %s", at).isTrue();
                assertThat(delivery.heldText()).as("the text is held at %s", at).isTrue();
            } else {
                assertThat(delivery.push()).as("a push at %s", at).isTrue();
                assertThat(delivery.text()).as("a text at %s", at).isTrue();
                assertThat(delivery.heldPush() || delivery.heldText()).as("nothing held at %s", at).isFalse();
            }
            assertThat(delivery.inApp()).as("in the app at %s whatever the hour", at).isTrue();
            assertThat(delivery.email()).as("mail at %s whatever the hour", at).isTrue();
        }
        assertThat(quietMinutes).as("22:00 to 07:00 is nine hours").isEqualTo(9 * 60);
    }

    @Test
    void aSafetyNotificationIsPushedAtEveryMinuteOfTheDayWhateverHeChose() {
        Map<Channel, Level> nothing = Map.of(Channel.IN_APP, Level.OFF, Channel.EMAIL, Level.OFF, Channel.SMS, Level.OFF, Channel.PUSH, Level.OFF);
        Instant start = Instant.parse("2026-12-06T12:00:00Z");
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant at = start.plus(Duration.ofMinutes(minute));
            Delivery delivery = Delivery.of(NotificationKind.SAFETY, true, nothing, EVERYWHERE, NIGHT, at);
            assertThat(delivery.inApp()).isTrue();
            assertThat(delivery.push()).as("pushed at %s", at).isTrue();
            assertThat(delivery.heldPush()).isFalse();
            assertThat(delivery.email()).as("its mail comes from its ladder, not now").isFalse();
            assertThat(delivery.text()).as("its text comes from its ladder, not now").isFalse();
        }
    }

    @Test
    void nothingGoesWhereHeHasNotProvedHeCanBeReached() {
        Delivery delivery = Delivery.of(NotificationKind.ANNOUNCEMENT, false, EVERYTHING, new Delivery.Reachable(false, false, false), null,
                Instant.parse("2026-12-06T12:00:00Z"));

        assertThat(delivery).isEqualTo(new Delivery(true, false, false, false, false, false, false));
    }

    @Test
    void aDirectLevelSendsOnlyWhatIsAddressedToHimAndADigestLevelKeepsItForTheDigest() {
        Map<Channel, Level> levels = Map.of(Channel.IN_APP, Level.ALL, Channel.EMAIL, Level.DIGEST, Channel.SMS, Level.OFF, Channel.PUSH, Level.DIRECT);
        Instant noon = Instant.parse("2026-12-06T12:00:00Z");

        Delivery toAll = Delivery.of(NotificationKind.MESSAGE, false, levels, EVERYWHERE, NIGHT, noon);
        Delivery toHim = Delivery.of(NotificationKind.MESSAGE, true, levels, EVERYWHERE, NIGHT, noon);

        assertThat(toAll.push()).isFalse();
        assertThat(toHim.push()).isTrue();
        assertThat(toAll.email() || toHim.email()).isFalse();
        assertThat(toAll.digest() && toHim.digest()).isTrue();
        assertThat(toAll.text() || toHim.text()).isFalse();
    }
}
