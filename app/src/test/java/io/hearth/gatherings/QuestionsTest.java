package io.hearth.gatherings;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionsTest {

    private final Questions.Question diet = new Questions.Question(UUID.randomUUID(), Questions.Kind.CHOICE, "Diet", true, List.of("ANY", "VEGETARIAN"));
    private final Questions.Question firstTime = new Questions.Question(UUID.randomUUID(), Questions.Kind.YES_NO, "First retreat?", false, List.of());
    private final Questions.Question birthday = new Questions.Question(UUID.randomUUID(), Questions.Kind.DATE, "Birthday", false, List.of());

    @Test
    void acceptsGoodAnswers() {
        assertThat(Questions.check(List.of(diet, firstTime, birthday), Map.of(diet.id(), "VEGETARIAN", firstTime.id(), "YES", birthday.id(), "1980-02-29"))).isEmpty();
    }

    @Test
    void aRequiredQuestionNeedsAnAnswer() {
        assertThat(Questions.check(List.of(diet), Map.of())).extracting(Refusal.FieldError::field).containsExactly("answers." + diet.id());
    }

    @Test
    void checksEachKind() {
        List<Refusal.FieldError> errors = Questions.check(List.of(diet, firstTime, birthday),
                Map.of(diet.id(), "VEGAN", firstTime.id(), "maybe", birthday.id(), "31/12/1980"));

        assertThat(errors).hasSize(3);
    }

    @Test
    void refusesAnswersToQuestionsTheEventDoesNotAsk() {
        assertThat(Questions.check(List.of(), Map.of(UUID.randomUUID(), "x"))).hasSize(1);
    }
}
