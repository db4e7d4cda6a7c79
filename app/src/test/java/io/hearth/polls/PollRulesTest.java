package io.hearth.polls;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final UUID FACILITATOR = UUID.randomUUID();
    private static final UUID ANDY = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();

    private static PollRules.Offered slot(String start) {
        return new PollRules.Offered(null, Instant.parse(start), null, null);
    }

    private static PollRules.Offered choice(String label) {
        return new PollRules.Offered(label, null, null, null);
    }

    @Test
    void refusesASlotInThePast() {
        List<PollRules.Offered> offered = List.of(slot("2026-12-06T19:00:00Z"), slot("2026-12-08T19:00:00Z"));

        assertThatThrownBy(() -> PollRules.options(PollKind.MEETING_TIME, offered, NOW, 90))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.errors()).singleElement()
                        .satisfies(e -> assertThat(e.field()).isEqualTo("options[0].startsAt")));
    }

    @Test
    void givesASlotWithoutALengthTheDefaultOne() {
        List<PollRules.Offered> checked = PollRules.options(PollKind.MEETING_TIME, List.of(slot("2026-12-08T19:00:00Z"), slot("2026-12-09T19:00:00Z")), NOW, 120);

        assertThat(checked).allSatisfy(o -> assertThat(o.minutes()).isEqualTo(120));
    }

    @Test
    void refusesTheSameSlotTwiceAndTheSameLabelTwiceWhateverItsCase() {
        assertThatThrownBy(() -> PollRules.options(PollKind.MEETING_TIME, List.of(slot("2026-12-08T19:00:00Z"), slot("2026-12-08T19:00:00Z")), NOW, 90))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> PollRules.options(PollKind.CHOICE, List.of(choice("Pizza"), choice(" pizza ")), NOW, 90))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void needsTwoToTwentyOptions() {
        assertThatThrownBy(() -> PollRules.options(PollKind.CHOICE, List.of(choice("Only one")), NOW, 90)).isInstanceOf(Refusal.class);
        List<PollRules.Offered> many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> choice("Option " + i)).toList();
        assertThatThrownBy(() -> PollRules.options(PollKind.CHOICE, many, NOW, 90)).isInstanceOf(Refusal.class);
    }

    @Test
    void aQuestionsOptionsAreLabelsNotSlots() {
        assertThatThrownBy(() -> PollRules.options(PollKind.CHOICE, List.of(slot("2026-12-08T19:00:00Z"), choice("B")), NOW, 90))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> PollRules.options(PollKind.MEETING_TIME, List.of(choice("A"), slot("2026-12-08T19:00:00Z")), NOW, 90))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void aSlotCountsOnlyWhenAFacilitatorAndTheQuorumCanCome() {
        Map<UUID, Availability> withoutFacilitator = Map.of(ANDY, Availability.YES, BEN, Availability.YES);
        Map<UUID, Availability> withFacilitator = Map.of(FACILITATOR, Availability.IF_NEED_BE, ANDY, Availability.YES, BEN, Availability.IF_NEED_BE);
        Map<UUID, Availability> oneShort = Map.of(FACILITATOR, Availability.YES, ANDY, Availability.YES, BEN, Availability.NO);

        assertThat(PollRules.standing(Set.of(FACILITATOR), withoutFacilitator, 2).meetsQuorum()).isFalse();
        assertThat(PollRules.standing(Set.of(FACILITATOR), withFacilitator, 2)).isEqualTo(new PollRules.Standing(true, 2, true));
        assertThat(PollRules.standing(Set.of(FACILITATOR), oneShort, 2)).isEqualTo(new PollRules.Standing(true, 1, false));
    }

    @Test
    void withoutAQuorumAFacilitatorIsEnough() {
        assertThat(PollRules.standing(Set.of(FACILITATOR), Map.of(FACILITATOR, Availability.YES), null).meetsQuorum()).isTrue();
    }

    @Test
    void aSingleChoiceQuestionTakesOneChoice() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThatThrownBy(() -> PollRules.choices(List.of(a, b), false, List.of(a, b))).isInstanceOf(Refusal.class);
        PollRules.choices(List.of(a, b), true, List.of(a, b));
        PollRules.choices(List.of(), false, List.of(a, b));
    }

    @Test
    void anOptionIsFullWhenItsCapacityIsTaken() {
        assertThat(PollRules.hasRoom(2, 1)).isTrue();
        assertThat(PollRules.hasRoom(2, 2)).isFalse();
        assertThat(PollRules.hasRoom(null, 1000)).isTrue();
    }
}
