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
        assertThat(policy.weakness("kettle orbit")).isEmpty();
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

    @Test
    void refusesPasswordsThatAreLongButEasyToGuess() {
        for (String guessable : new String[]{"password1234", "123456789012", "qwertyuiopas", "aaaaaaaaaaaa", "abcdefghijkl"}) {
            assertThat(policy.weakness(guessable)).as(guessable).hasValueSatisfying(reason -> assertThat(reason).contains("too easy to guess"));
        }
    }

    @Test
    void countsTheOrganisationAndThePersonAsDictionaryWords() {
        String password = "acme circles acme";
        assertThat(policy.weakness(password)).as("strangers' words").isEmpty();
        assertThat(policy.weakness(password, "Acme Circles", "acme", "Adam", "Smith", "adam.smith@acme.test")).isPresent();
    }

    @Test
    void splitsContextIntoWords() {
        assertThat(PasswordPolicy.words("Ada Admin", "ada.admin@acme.test", null))
                .contains("ada admin", "ada", "admin", "acme", "test", "ada.admin@acme.test");
    }
}
