package io.hearth.notifications;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTest {

    private static final Locale ENGLISH = Locale.ENGLISH;
    private static final Locale GERMAN = Locale.GERMAN;

    @Test
    void aNoticeIsSaidInTheReadersLanguageWithHisWayOfWritingDatesAndAmounts() {
        Text.When start = new Text.When(Instant.parse("2026-12-07T18:30:00Z"), ZoneId.of("Europe/Berlin"));
        Text body = Text.of("instalment.failed.body", "amount", new Text.Money(4500, "eur"), "next", start);

        assertThat(body.in(ENGLISH)).isEqualTo("€45.00 did not go through. We try again on Mon 7 Dec, 19:30; check your card in Payments.");
        assertThat(body.in(GERMAN)).isEqualTo("45,00\u00a0€ wurde nicht abgebucht. Wir versuchen es am Mo. 7. Dez., 19:30 erneut; prüfe deine Karte unter Zahlungen.");
    }

    @Test
    void wordsWithinWordsAreSaidInTheSameLanguage() {
        Text title = Text.of("role.granted.title", "role", Text.of("role.PTM"));

        assertThat(title.in(ENGLISH)).isEqualTo("You're now on the production team");
        assertThat(title.in(GERMAN)).isEqualTo("Du bist jetzt im Produktionsteam");
    }

    @Test
    void aMansOwnWordsAreSaidAsHeWroteThemEvenWhenTheyLookLikeBlanks() {
        assertThat(Text.verbatim("The bus leaves at {{time}}").in(GERMAN)).isEqualTo("The bus leaves at {{time}}");
        assertThat(Text.of("join.approved.title", "circle", "{{someone}} & <b>friends</b>").in(GERMAN))
                .isEqualTo("Willkommen in {{someone}} & <b>friends</b>");
    }

    @Test
    void aLanguageHearthDoesNotWriteInGetsEnglish() {
        assertThat(Text.of("push.hidden").in(Locale.JAPANESE)).isEqualTo("You have a new notification");
    }

    @Test
    void aBlankLeftUnfilledIsAnErrorNotAnEmptyString() {
        assertThatThrownBy(() -> Text.of("join.approved.title").in(ENGLISH)).hasMessageContaining("circle");
        assertThatThrownBy(() -> Text.of("join.approved.title", "circle")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRoleStaffRoleAndKindOfChatHasItsWordsInEveryLanguage() {
        for (Locale language : java.util.List.of(ENGLISH, GERMAN)) {
            for (io.hearth.identity.Role role : io.hearth.identity.Role.values()) {
                assertThat(Text.of("role." + role.name()).in(language)).isNotBlank();
            }
            for (io.hearth.gatherings.StaffRole role : io.hearth.gatherings.StaffRole.values()) {
                assertThat(Text.of("staff.role." + role.name()).in(language)).isNotBlank();
            }
            for (io.hearth.conversations.ConversationKind kind : io.hearth.conversations.ConversationKind.values()) {
                assertThat(Text.of("message.body." + kind.name()).in(language)).isNotBlank();
            }
        }
    }
}
