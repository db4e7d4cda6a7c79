package io.hearth.kit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {

    @Test
    void anOrganisationCannotTakeAHostThePlatformUses() {
        // console.{baseDomain} is the operator console's host in the chart: an organisation there could never be reached.
        assertThat(Slugs.isValid("console")).isFalse();
        assertThat(Slugs.isValid("api")).isFalse();
        assertThat(Slugs.isValid("pg-circle")).as("PostgreSQL's own schema names").isFalse();
        assertThat(Slugs.isValid("north-london")).isTrue();
    }

    @Test
    void aSlugIsShortLowerCaseAndEndsInALetterOrDigit() {
        assertThat(Slugs.isValid("ab")).isFalse();
        assertThat(Slugs.isValid("North")).isFalse();
        assertThat(Slugs.isValid("north-")).isFalse();
        assertThat(Slugs.isValid("a".repeat(31))).isFalse();
    }
}
