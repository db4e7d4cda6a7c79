package io.hearth.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SignInGuardTest {

    private final SignInGuard guard = new SignInGuard(null, 30, 600, 5, Duration.ofMinutes(1), Duration.ofHours(1));

    @Test
    void eachLockoutInADayLastsTwiceAsLongAsTheOneBefore() {
        assertThat(guard.lockoutFor(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(guard.lockoutFor(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(guard.lockoutFor(3)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void aLockoutNeverExceedsTheCap() {
        assertThat(guard.lockoutFor(7)).isEqualTo(Duration.ofHours(1));
        assertThat(guard.lockoutFor(1000)).isEqualTo(Duration.ofHours(1));
    }
}
