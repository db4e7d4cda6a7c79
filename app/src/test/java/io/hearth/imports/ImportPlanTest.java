package io.hearth.imports;

import io.hearth.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ImportPlanTest {

    private final UUID tuesday = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final Map<String, ImportPlan.Existing> byEmail = new HashMap<>();
    private final Map<String, UUID> byPhone = new HashMap<>();
    private final Map<UUID, UUID> circleOf = new HashMap<>();
    private final Map<UUID, ConsentState> consentOf = new HashMap<>();
    private final Map<String, List<ImportPlan.Seats>> circles = new HashMap<>(Map.of("tuesday men", List.of(new ImportPlan.Seats(tuesday, "Tuesday Men", 3, 1))));

    private static MemberCsv.Line line(int at, String email, String first, String last, String phone, String circle, String roles, String consent) {
        return new MemberCsv.Line(at, email, first, last, phone, circle, roles, consent);
    }

    private List<ImportPlan.Planned> plan(MemberCsv.Line... lines) {
        return ImportPlan.plan(List.of(lines), new ImportPlan.Directory(byEmail, byPhone, circles, circleOf, consentOf));
    }

    private void bobExists() {
        byEmail.put("bob@x.org", new ImportPlan.Existing(bob, "bob@x.org", "Bob", "Smith", "+447700900123", true, Set.of(Role.MEMBER)));
        byPhone.put("+447700900123", bob);
    }

    @Test
    void createsANewManIntoTheNamedCircleWithMemberAndTheRolesNamed() {
        ImportPlan.Planned planned = plan(line(2, "New@X.org", "Al", "Green", "+44 7700 900999", "tuesday MEN", "facilitator", "yes")).get(0);

        assertThat(planned.action()).isEqualTo(RowAction.CREATE);
        assertThat(planned.circleId()).isEqualTo(tuesday);
        assertThat(planned.rolesToGrant()).containsExactlyInAnyOrder(Role.MEMBER, Role.FACILITATOR);
        assertThat(planned.consentState()).isEqualTo(ConsentState.GIVEN);
    }

    @Test
    void aManAsTheFileHasHimIsUnchanged() {
        bobExists();
        consentOf.put(bob, ConsentState.GIVEN);

        ImportPlan.Planned planned = plan(line(2, "bob@x.org", "Bob", "Smith", "+447700900123", "", "member", "yes")).get(0);

        assertThat(planned.action()).isEqualTo(RowAction.UNCHANGED);
        assertThat(planned.changes()).isEmpty();
    }

    @Test
    void aNewNameARoleAndACircleAreAnUpdateNamingThem() {
        bobExists();

        ImportPlan.Planned planned = plan(line(2, "bob@x.org", "Robert", "", "", "Tuesday Men", "MEMBER;SUPPORT", "")).get(0);

        assertThat(planned.action()).isEqualTo(RowAction.UPDATE);
        assertThat(planned.changes()).containsExactly("firstName", "roles", "circle");
        assertThat(planned.rolesToGrant()).containsExactly(Role.SUPPORT);
        assertThat(planned.consentState()).isEqualTo(ConsentState.UNKNOWN);
    }

    @Test
    void skipsTheLaterRowsWithAnEmailOrPhoneAlreadyInTheFile() {
        List<ImportPlan.Planned> plans = plan(line(2, "a@x.org", "A", "A", "+447700900001", "", "", ""),
                line(3, "A@x.org", "A", "A", "", "", "", ""),
                line(4, "c@x.org", "C", "C", "+44 7700 900001", "", "", ""));

        assertThat(plans).extracting(ImportPlan.Planned::action).containsExactly(RowAction.CREATE, RowAction.SKIPPED, RowAction.SKIPPED);
        assertThat(plans.get(1).reason()).isEqualTo(SkipReason.DUPLICATE_EMAIL);
        assertThat(plans.get(1).detail()).isEqualTo("Line 2 has the same email");
        assertThat(plans.get(2).reason()).isEqualTo(SkipReason.DUPLICATE_PHONE);
    }

    @Test
    void skipsAPhoneAnotherManOfTheOrganisationHas() {
        bobExists();

        assertThat(plan(line(2, "new@x.org", "N", "N", "0044 7700 900123", "", "", "")).get(0).reason()).isEqualTo(SkipReason.PHONE_TAKEN);
    }

    @Test
    void skipsAFormulaInAnyCellButTakesAnInternationalPhone() {
        List<ImportPlan.Planned> plans = plan(line(2, "a@x.org", "=HYPERLINK(\"http://evil\")", "A", "", "", "", ""),
                line(3, "b@x.org", "B", "B", "+447700900002", "", "", ""),
                line(4, "c@x.org", "C", "C", "+cmd|' /C calc'!A0", "", "", ""),
                line(5, "@d@x.org", "D", "D", "", "", "", ""));

        assertThat(plans).extracting(ImportPlan.Planned::reason).containsExactly(SkipReason.FORMULA, null, SkipReason.FORMULA, SkipReason.FORMULA);
    }

    @Test
    void skipsBadValuesWithTheirReason() {
        List<ImportPlan.Planned> plans = plan(line(2, "not-an-email", "A", "A", "", "", "", ""),
                line(3, "b@x.org", "", "B", "", "", "", ""),
                line(4, "c@x.org", "C", "C", "12345", "", "", ""),
                line(5, "d@x.org", "D", "D", "", "", "MEMBER;KING", ""),
                line(6, "e@x.org", "E", "E", "", "", "", "maybe"),
                line(7, "f@x.org", "F", "F", "", "Thursday", "", ""));

        assertThat(plans).extracting(ImportPlan.Planned::reason).containsExactly(SkipReason.INVALID_EMAIL, SkipReason.MISSING_NAME,
                SkipReason.INVALID_PHONE, SkipReason.UNKNOWN_ROLE, SkipReason.INVALID_CONSENT, SkipReason.UNKNOWN_CIRCLE);
    }

    @Test
    void skipsTheRowsBeyondTheCirclesFreeSeatsCountingTheRowsAbove() {
        List<ImportPlan.Planned> plans = plan(line(2, "a@x.org", "A", "A", "", "Tuesday Men", "", ""),
                line(3, "b@x.org", "B", "B", "", "Tuesday Men", "", ""),
                line(4, "c@x.org", "C", "C", "", "Tuesday Men", "", ""));

        assertThat(plans).extracting(ImportPlan.Planned::action).containsExactly(RowAction.CREATE, RowAction.CREATE, RowAction.SKIPPED);
        assertThat(plans.get(2).reason()).isEqualTo(SkipReason.CIRCLE_FULL);
    }

    @Test
    void skipsAManInAnotherCircleAndAnInactiveOne() {
        bobExists();
        circleOf.put(bob, UUID.randomUUID());
        UUID gone = UUID.randomUUID();
        byEmail.put("gone@x.org", new ImportPlan.Existing(gone, "gone@x.org", "G", "G", null, false, Set.of(Role.MEMBER)));

        List<ImportPlan.Planned> plans = plan(line(2, "bob@x.org", "", "", "", "Tuesday Men", "", ""), line(3, "gone@x.org", "", "", "", "", "", ""));

        assertThat(plans).extracting(ImportPlan.Planned::reason).containsExactly(SkipReason.IN_ANOTHER_CIRCLE, SkipReason.PERSON_NOT_ACTIVE);
    }

    @Test
    void anAmbiguousCircleNameIsSkipped() {
        circles.put("twins", List.of(new ImportPlan.Seats(UUID.randomUUID(), "Twins", 5, 0), new ImportPlan.Seats(UUID.randomUUID(), "twins", 5, 0)));

        assertThat(plan(line(2, "a@x.org", "A", "A", "", "Twins", "", "")).get(0).reason()).isEqualTo(SkipReason.AMBIGUOUS_CIRCLE);
    }

    @Test
    void aConsentThatDiffersFromTheRecordIsAnUpdate() {
        bobExists();
        consentOf.put(bob, ConsentState.GIVEN);

        ImportPlan.Planned planned = plan(line(2, "bob@x.org", "", "", "", "", "", "no")).get(0);

        assertThat(planned.changes()).containsExactly("consent");
        assertThat(planned.consentState()).isEqualTo(ConsentState.WITHDRAWN);
    }
}
