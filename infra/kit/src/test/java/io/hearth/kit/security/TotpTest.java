package io.hearth.kit.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1, secret "12345678901234567890", 8 digits. */
    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924", "2000000000, 69279037", "20000000000, 65353130"})
    void matchesTheRfc6238TestVectors(long epochSeconds, String expected) {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

        String code = Totp.hotp(secret, Totp.step(Instant.ofEpochSecond(epochSeconds)), 8);

        assertThat(code).isEqualTo(expected);
    }

    @Test
    void acceptsTheCodeOfTheStepBeforeAndAfterForClockDriftButNotFurther() {
        String secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 3), now)).isEmpty();
    }

    @Test
    void refusesAnythingThatIsNotSixDigits() {
        String secret = Totp.newSecret();

        assertThat(Totp.matchingStep(secret, "12345", Instant.now())).isEmpty();
        assertThat(Totp.matchingStep(secret, "abcdef", Instant.now())).isEmpty();
        assertThat(Totp.matchingStep(secret, null, Instant.now())).isEmpty();
    }

    @Test
    void base32RoundTripsAndSecretsAre160Bits() {
        byte[] bytes = "any bytes at all!!!!".getBytes(StandardCharsets.US_ASCII);

        assertThat(Totp.decodeBase32(Totp.base32(bytes))).isEqualTo(bytes);
        assertThat(Totp.decodeBase32(Totp.newSecret())).hasSize(20);
    }
}
