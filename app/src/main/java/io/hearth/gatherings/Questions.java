package io.hearth.gatherings;

import io.hearth.kit.Refusal;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An event's registration questions, and the rules an answer must meet. */
public final class Questions {

    @Schema(name = "QuestionKind")
    public enum Kind { TEXT, CHOICE, YES_NO, DATE }

    static final int MAX_ANSWER = 2000;

    private Questions() {
    }

    public record Question(UUID id, Kind kind, String label, boolean required, List<String> choices) {
    }

    /** Every problem with the answers (keyed by question id), as field errors {@code answers.<id>}; empty when all is well. */
    public static List<Refusal.FieldError> check(List<Question> questions, Map<UUID, String> answers) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        for (UUID given : answers.keySet()) {
            if (questions.stream().noneMatch(q -> q.id().equals(given))) {
                errors.add(new Refusal.FieldError("answers." + given, "is not a question of this event"));
            }
        }
        for (Question question : questions) {
            String answer = answers.get(question.id());
            String field = "answers." + question.id();
            if (answer == null || answer.isBlank()) {
                if (question.required()) {
                    errors.add(new Refusal.FieldError(field, "is required: " + question.label()));
                }
                continue;
            }
            if (answer.length() > MAX_ANSWER) {
                errors.add(new Refusal.FieldError(field, "must be at most " + MAX_ANSWER + " characters"));
                continue;
            }
            switch (question.kind()) {
                case CHOICE -> {
                    if (!question.choices().contains(answer)) {
                        errors.add(new Refusal.FieldError(field, "must be one of " + question.choices()));
                    }
                }
                case YES_NO -> {
                    if (!answer.equals("YES") && !answer.equals("NO")) {
                        errors.add(new Refusal.FieldError(field, "must be YES or NO"));
                    }
                }
                case DATE -> {
                    try {
                        LocalDate.parse(answer);
                    } catch (DateTimeParseException e) {
                        errors.add(new Refusal.FieldError(field, "must be a date such as 2026-12-31"));
                    }
                }
                case TEXT -> {
                }
            }
        }
        return errors;
    }
}
