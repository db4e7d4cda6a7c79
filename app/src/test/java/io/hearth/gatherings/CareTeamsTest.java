package io.hearth.gatherings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CareTeamsTest {

    private final UUID teamA = UUID.randomUUID();
    private final UUID teamB = UUID.randomUUID();
    private final UUID leadA = UUID.randomUUID();
    private final UUID leadB = UUID.randomUUID();
    private final Map<UUID, UUID> teams = new LinkedHashMap<>(Map.of());

    {
        teams.put(teamA, leadA);
        teams.put(teamB, leadB);
    }

    private static CareTeams.Participant someone() {
        return new CareTeams.Participant(UUID.randomUUID(), UUID.randomUUID(), null);
    }

    @Test
    void balancesTheTeams() {
        List<CareTeams.Participant> participants = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            participants.add(someone());
        }

        Map<UUID, UUID> placement = CareTeams.assign(teams, participants, Map.of());

        Map<UUID, Long> sizes = placement.values().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertThat(sizes.values()).containsExactlyInAnyOrder(4L, 3L);
    }

    @Test
    void keepsAParticipantWithHisSponsorsTeamWhenAsked() {
        CareTeams.Participant sponsor = someone();
        CareTeams.Participant guest = new CareTeams.Participant(UUID.randomUUID(), UUID.randomUUID(), sponsor.person());
        Map<UUID, UUID> byHand = new HashMap<>(Map.of(sponsor.registration(), teamB));

        Map<UUID, UUID> placement = CareTeams.assign(teams, List.of(sponsor, someone(), someone(), guest), byHand);

        assertThat(placement.get(guest.registration())).isEqualTo(teamB);
        assertThat(placement.get(sponsor.registration())).as("placed by hand stays").isEqualTo(teamB);
    }

    @Test
    void aSponsorWhoLeadsATeamTakesHisGuestIntoIt() {
        CareTeams.Participant guest = new CareTeams.Participant(UUID.randomUUID(), UUID.randomUUID(), leadA);

        assertThat(CareTeams.assign(teams, List.of(someone(), someone(), guest), Map.of()).get(guest.registration())).isEqualTo(teamA);
    }

    @Test
    void warnsOfATeamOverTheRatioTarget() {
        assertThat(CareTeams.overRatio(Map.of(teamA, 6, teamB, 5), 5)).containsExactly(teamA);
        assertThat(CareTeams.overRatio(Map.of(teamA, 6), null)).isEmpty();
    }

    @Test
    void warnsWhenTheEventHasTooFewStaffForItsParticipants() {
        assertThat(CareTeams.understaffed(31, 3, 10)).isTrue();
        assertThat(CareTeams.understaffed(30, 3, 10)).isFalse();
    }

    @Test
    void noTeamsNoPlacement() {
        assertThat(CareTeams.assign(Map.of(), List.of(someone()), Map.of())).isEmpty();
    }
}
