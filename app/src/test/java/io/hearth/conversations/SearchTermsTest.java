package io.hearth.conversations;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchTermsTest {

    @Test
    void wordsArePrefixesAndQuotedWordsAPhrase() {
        assertThat(SearchTerms.parse("retr Weekend").tsquery()).isEqualTo("retr:* & weekend:*");
        assertThat(SearchTerms.parse("\"sweat lodge\" fire").tsquery()).isEqualTo("(sweat <-> lodge) & fire:*");
    }

    @Test
    void onlyLettersAndDigitsReachTheQuery() {
        assertThat(SearchTerms.parse("a'b & c:* | !d <-> (e)").tsquery()).isEqualTo("a:* & b:* & c:* & d:* & e:*");
        assertThat(SearchTerms.parse("Müller 2026").tsquery()).isEqualTo("müller:* & 2026:*");
    }

    @Test
    void anUnclosedQuoteIsPlainWords() {
        assertThat(SearchTerms.parse("\"sweat lodge").tsquery()).isEqualTo("sweat:* & lodge:*");
    }

    @Test
    void aQueryWithoutWordsIsRefused() {
        assertThatThrownBy(() -> SearchTerms.parse(" \"\" ?! ")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> SearchTerms.parse(null)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> SearchTerms.parse("a b c d e f g h i j k l m n o p q")).isInstanceOf(Refusal.class);
    }

    @Test
    void highlightsMarkPrefixesAndWholePhrases() {
        String text = "The retreat is at the Sweat Lodge; retreats sell out.";
        assertThat(SearchTerms.parse("retr").highlight(text))
                .containsExactly(new SearchTerms.Highlight(4, 11), new SearchTerms.Highlight(35, 43));
        assertThat(SearchTerms.parse("\"sweat lodge\"").highlight(text)).containsExactly(new SearchTerms.Highlight(22, 33));
        assertThat(SearchTerms.parse("lodge sweat").highlight("a lodge, not sweat")).hasSize(2);
        assertThat(SearchTerms.parse("\"lodge sweat\"").highlight("Sweat Lodge")).isEqualTo(List.of());
    }
}
