package io.hearth.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shipsTheTenThousandMostCommonPasswords() {
        assertThat(policy.size()).isEqualTo(10_000);
    }

    @Test
    void needsAtLeastTwelveCharacters() {
        assertThat(policy.weakness("eleven-char")).hasValueSatisfying(reason -> assertThat(reason).contains("12"));
        assertThat(policy.weakness("twelve-chars")).isEmpty();
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertThat(policy.weakness("qwerty123456")).hasValueSatisfying(reason -> assertThat(reason).contains("common"));
        assertThat(policy.weakness("QWERTY123456")).isPresent();
    }

    @Test
    void refusesAbsurdlyLongPasswords() {
        assertThat(policy.weakness("x".repeat(129))).isPresent();
    }

    @Test
    void hasNoCompositionRules() {
        assertThat(policy.weakness("all lower case words")).isEmpty();
    }
}
