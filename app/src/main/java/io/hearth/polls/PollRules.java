package io.hearth.polls;

import io.hearth.kit.Refusal;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of a poll, as pure functions: what options a poll may offer, what answer a man may give, when an option is
 * full, and when a slot meets a circle's quorum. Polls (the use case) and the database CHECKs hold the same rules.
 */
public final class PollRules {

    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 20;
    public static final int MAX_LABEL = 200;
    public static final int MAX_QUESTION = 300;
    public static final int MAX_DESCRIPTION = 2000;

    private PollRules() {
    }

    /** An option as offered: a label for a question, a start and length for a slot; a capacity for either. */
    public record Offered(@Nullable String label, @Nullable Instant startsAt, @Nullable Integer minutes, @Nullable Integer capacity) {
    }

    /**
     * The options, checked: 2 to 20; a question's labels present, at most 200 characters and distinct; a slot's start
     * in the future and distinct, its length 15 to 1440 minutes (the default when absent); a capacity at least 1.
     */
    public static List<Offered> options(PollKind kind, @Nullable List<Offered> offered, Instant now, int defaultMinutes) {
        if (offered == null || offered.size() < MIN_OPTIONS || offered.size() > MAX_OPTIONS) {
            throw Refusal.invalid("options", "must hold " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options");
        }
        List<Offered> checked = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < offered.size(); i++) {
            Offered option = offered.get(i);
            String field = "options[" + i + "]";
            if (option == null) {
                throw Refusal.invalid(field, "must not be null");
            }
            if (option.capacity() != null && (option.capacity() < 1 || option.capacity() > 10_000)) {
                throw Refusal.invalid(field + ".capacity", "must be between 1 and 10000");
            }
            if (kind == PollKind.MEETING_TIME) {
                if (option.startsAt() == null) {
                    throw Refusal.invalid(field + ".startsAt", "a meeting-time poll's options are slots: each needs a start");
                }
                if (option.label() != null) {
                    throw Refusal.invalid(field + ".label", "a slot has no label: it is shown as its time");
                }
                if (!option.startsAt().isAfter(now)) {
                    throw Refusal.invalid(field + ".startsAt", "is in the past: a slot must be in the future");
                }
                int minutes = option.minutes() == null ? defaultMinutes : option.minutes();
                if (minutes < 15 || minutes > 1440) {
                    throw Refusal.invalid(field + ".minutes", "must be between 15 and 1440");
                }
                if (!seen.add(option.startsAt())) {
                    throw Refusal.invalid(field + ".startsAt", "is offered twice");
                }
                checked.add(new Offered(null, option.startsAt(), minutes, option.capacity()));
            } else {
                String label = option.label() == null ? "" : option.label().strip();
                if (label.isEmpty() || label.length() > MAX_LABEL) {
                    throw Refusal.invalid(field + ".label", "must be 1 to " + MAX_LABEL + " characters");
                }
                if (option.startsAt() != null || option.minutes() != null) {
                    throw Refusal.invalid(field + ".startsAt", "a question's options are labels, not slots");
                }
                if (!seen.add(label.toLowerCase(java.util.Locale.ROOT))) {
                    throw Refusal.invalid(field + ".label", "is offered twice");
                }
                checked.add(new Offered(label, null, null, option.capacity()));
            }
        }
        return checked;
    }

    /** A meeting-time poll's answer: an availability for some of its own slots (the others stay unanswered). */
    public static void slotAnswers(Map<UUID, Availability> answers, Collection<UUID> options) {
        for (Map.Entry<UUID, Availability> answer : answers.entrySet()) {
            if (!options.contains(answer.getKey())) {
                throw Refusal.invalid("answers", "names " + answer.getKey() + ", which is not a slot of this poll");
            }
            if (answer.getValue() == null) {
                throw Refusal.invalid("answers", "each slot's answer is YES, IF_NEED_BE or NO");
            }
        }
    }

    /** A question's answer: some of its own options, one at most unless it allows several; none withdraws his answer. */
    public static void choices(List<UUID> chosen, boolean multiple, Collection<UUID> options) {
        if (new HashSet<>(chosen).size() != chosen.size()) {
            throw Refusal.invalid("choices", "names an option twice");
        }
        if (!multiple && chosen.size() > 1) {
            throw Refusal.invalid("choices", "this poll takes one choice");
        }
        for (UUID option : chosen) {
            if (!options.contains(option)) {
                throw Refusal.invalid("choices", "names " + option + ", which is not an option of this poll");
            }
        }
    }

    /** Whether an option with this capacity can take one more man, when {@code taken} places are taken by others. */
    public static boolean hasRoom(@Nullable Integer capacity, long taken) {
        return capacity == null || taken < capacity;
    }

    /**
     * How a slot stands against a circle's quorum: it counts only when one of the circle's facilitators can come and at
     * least {@code quorum} of its other men can (gladly or if need be); without a quorum, a facilitator is enough.
     */
    public record Standing(boolean facilitatorCan, int menWhoCan, boolean meetsQuorum) {
    }

    public static Standing standing(Set<UUID> facilitators, Map<UUID, Availability> answers, @Nullable Integer quorum) {
        boolean facilitatorCan = answers.entrySet().stream().anyMatch(a -> facilitators.contains(a.getKey()) && a.getValue().canCome());
        int men = (int) answers.entrySet().stream().filter(a -> !facilitators.contains(a.getKey()) && a.getValue().canCome()).count();
        return new Standing(facilitatorCan, men, facilitatorCan && men >= (quorum == null ? 0 : quorum));
    }
}
