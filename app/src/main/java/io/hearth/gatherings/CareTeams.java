package io.hearth.gatherings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Care teams: each participant looked after by one staff member's team. Automatic assignment balances the teams,
 * keeping a participant with his sponsor's team when he asked for it, and the ratio target warns of a team that
 * is too big.
 */
public final class CareTeams {

    private CareTeams() {
    }

    /** A participant to place, with the sponsor he wants to stay near (or null). */
    public record Participant(UUID registration, UUID person, UUID keepNear) {
    }

    /**
     * Places everyone: first those who asked to be with their sponsor, in the team the sponsor is in or leads;
     * then the rest, each in the smallest team (ties by team order). Returns registration -> team.
     *
     * @param teams     team id -> the staff member leading it, in a stable order
     * @param placedNow registration -> team of participants already placed by hand (kept)
     */
    public static Map<UUID, UUID> assign(Map<UUID, UUID> teams, List<Participant> participants, Map<UUID, UUID> placedNow) {
        if (teams.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UUID> placement = new LinkedHashMap<>(placedNow);
        Map<UUID, Integer> sizes = new LinkedHashMap<>();
        teams.keySet().forEach(team -> sizes.put(team, 0));
        placedNow.values().forEach(team -> sizes.merge(team, 1, Integer::sum));
        Map<UUID, UUID> teamOfPerson = new HashMap<>();
        Map<UUID, UUID> teamLedBy = new HashMap<>();
        teams.forEach((team, lead) -> teamLedBy.put(lead, team));
        for (Participant participant : participants) {
            UUID team = placedNow.get(participant.registration());
            if (team != null) {
                teamOfPerson.put(participant.person(), team);
            }
        }
        List<Participant> rest = new ArrayList<>();
        for (Participant participant : participants) {
            if (placement.containsKey(participant.registration())) {
                continue;
            }
            UUID sponsorTeam = participant.keepNear() == null ? null
                    : teamOfPerson.getOrDefault(participant.keepNear(), teamLedBy.get(participant.keepNear()));
            if (sponsorTeam != null) {
                place(placement, sizes, teamOfPerson, participant, sponsorTeam);
            } else {
                rest.add(participant);
            }
        }
        List<UUID> order = new ArrayList<>(teams.keySet());
        for (Participant participant : rest) {
            UUID smallest = order.stream().min(Comparator.comparingInt((UUID team) -> sizes.get(team)).thenComparingInt(order::indexOf)).orElseThrow();
            place(placement, sizes, teamOfPerson, participant, smallest);
        }
        return placement;
    }

    /** Teams with more participants than one staff member should look after. */
    public static List<UUID> overRatio(Map<UUID, Integer> teamSizes, Integer participantsPerStaff) {
        if (participantsPerStaff == null) {
            return List.of();
        }
        return teamSizes.entrySet().stream().filter(entry -> entry.getValue() > participantsPerStaff).map(Map.Entry::getKey).toList();
    }

    /** Whether the event as a whole has fewer staff than its ratio target asks for. */
    public static boolean understaffed(long participants, long staff, Integer participantsPerStaff) {
        return participantsPerStaff != null && participants > staff * (long) participantsPerStaff;
    }

    private static void place(Map<UUID, UUID> placement, Map<UUID, Integer> sizes, Map<UUID, UUID> teamOfPerson, Participant participant, UUID team) {
        placement.put(participant.registration(), team);
        sizes.merge(team, 1, Integer::sum);
        teamOfPerson.put(participant.person(), team);
    }
}
