package io.hearth.identity;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OrganisationSettingsTest {

    @Test
    void anOrganisationTakesAnIanaTimeZone() {
        assertThat(OrganisationSettings.timeZoneOf("Europe/London")).isEqualTo("Europe/London");
        assertThat(OrganisationSettings.timeZoneOf("UTC")).isEqualTo("UTC");
        assertThat(OrganisationSettings.timeZoneOf("America/Argentina/Buenos_Aires")).isEqualTo("America/Argentina/Buenos_Aires");
    }

    @Test
    void refusesAZoneThatIsNoIanaNameNamingTheField() {
        for (String zone : new String[]{"Mars/Olympus", "europe/london", "", "+01:00", "UTC+01:00", "Z"}) {
            Refusal refusal = catchThrowableOfType(Refusal.class, () -> OrganisationSettings.timeZoneOf(zone));

            assertThat(refusal).as(zone).isNotNull();
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
            assertThat(refusal.errors()).extracting(Refusal.FieldError::field).containsExactly("timeZone");
        }
    }
}
