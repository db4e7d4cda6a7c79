package io.hearth.imports;

import io.hearth.identity.Role;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides, row by row, what an import does: a pure function of the file and of what the organisation holds now (a
 * {@link Directory} read in a few queries). The dry run and the real import both plan with it, so a row the dry run
 * calls valid is one the import takes, unless the organisation changed in between (the commit plans again).
 */
public final class ImportPlan {

    static final int MAX_NAME = 100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>\"()\\[\\]]+@[^@\\s,;<>\"()\\[\\]]+\\.[^@\\s,;<>\"()\\[\\]]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern PHONE_NOISE = Pattern.compile("[\\s().\\-]");
    private static final String ROLE_NAMES = String.join(", ", java.util.Arrays.stream(Role.values()).map(Role::name).toList());

    private ImportPlan() {
    }

    /** A man the organisation has, as the planner needs him: his phone opened and normalised, his live roles. */
    public record Existing(UUID id, String email, String firstName, String lastName, @Nullable String phone, boolean active, Set<Role> roles) {
    }

    /** An active circle and how many men are in it now. */
    public record Seats(UUID id, String name, int capacity, long members) {
    }

    /**
     * What the organisation holds, read for the file in a few queries: the men with the file's addresses, whose phone
     * is which number, the active circles by lower-case name, who is in which circle, and each man's consent.
     */
    public record Directory(Map<String, Existing> byEmail, Map<String, UUID> byPhone, Map<String, List<Seats>> circlesByName,
                            Map<UUID, UUID> circleOf, Map<UUID, ConsentState> consentOf) {
    }

    /**
     * One row's plan. {@code changes} names what an UPDATE changes ({@code firstName}, {@code lastName}, {@code phone},
     * {@code roles}, {@code circle}, {@code consent}); {@code circleId} is the circle he joins (null: none, or he is in it
     * already); {@code consentState} is his consent once the row is imported.
     */
    public record Planned(int line, RowAction action, @Nullable SkipReason reason, @Nullable String detail, List<String> changes,
                          @Nullable UUID personId, @Nullable UUID circleId, @Nullable String circleName, Set<Role> rolesToGrant,
                          ConsentState consentState) {

        static Planned skipped(int line, SkipReason reason, String detail) {
            return new Planned(line, RowAction.SKIPPED, reason, detail, List.of(), null, null, null, Set.of(), ConsentState.UNKNOWN);
        }
    }

    /** A row's values once read: the email lower-cased, the phone in E.164 (null: none given), the consent (null: not said). */
    public record Values(String email, String firstName, String lastName, @Nullable String phone, Set<Role> roles, @Nullable Boolean consent) {
    }

    public static List<Planned> plan(List<MemberCsv.Line> lines, Directory directory) {
        Map<String, Integer> emails = new HashMap<>();
        Map<String, Integer> phones = new HashMap<>();
        Map<UUID, Integer> joining = new HashMap<>();
        List<Planned> plans = new ArrayList<>(lines.size());
        for (MemberCsv.Line line : lines) {
            plans.add(planOne(line, directory, emails, phones, joining));
        }
        return plans;
    }

    private static Planned planOne(MemberCsv.Line line, Directory directory, Map<String, Integer> emails, Map<String, Integer> phones,
                                   Map<UUID, Integer> joining) {
        int at = line.line();
        String formula = formulaColumn(line);
        if (formula != null) {
            return Planned.skipped(at, SkipReason.FORMULA, "The cell " + formula + " starts like a spreadsheet formula (=, +, -, @): it is not imported");
        }
        String email = line.email().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            return Planned.skipped(at, SkipReason.INVALID_EMAIL, "The email is missing");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            return Planned.skipped(at, SkipReason.INVALID_EMAIL, "'" + line.email() + "' is not an email address");
        }
        Integer earlier = emails.putIfAbsent(email, at);
        if (earlier != null) {
            return Planned.skipped(at, SkipReason.DUPLICATE_EMAIL, "Line " + earlier + " has the same email");
        }
        Existing existing = directory.byEmail().get(email);
        for (String name : List.of(line.firstName(), line.lastName())) {
            if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
                return Planned.skipped(at, SkipReason.INVALID_VALUE, "A name is at most " + MAX_NAME + " characters, without control characters");
            }
        }
        if (existing == null && (line.firstName().isEmpty() || line.lastName().isEmpty())) {
            return Planned.skipped(at, SkipReason.MISSING_NAME, "A new member needs a first and a last name");
        }
        String phone = null;
        if (!line.phone().isEmpty()) {
            phone = phone(line.phone());
            if (phone == null) {
                return Planned.skipped(at, SkipReason.INVALID_PHONE, "'" + line.phone() + "' is not a phone number in international form (+44 7700 900123)");
            }
            Integer samePhone = phones.putIfAbsent(phone, at);
            if (samePhone != null) {
                return Planned.skipped(at, SkipReason.DUPLICATE_PHONE, "Line " + samePhone + " has the same phone");
            }
            UUID owner = directory.byPhone().get(phone);
            if (owner != null && (existing == null || !owner.equals(existing.id()))) {
                return Planned.skipped(at, SkipReason.PHONE_TAKEN, "Another member of the organisation has this phone");
            }
        }
        Set<Role> roles;
        try {
            roles = roles(line.roles());
        } catch (IllegalArgumentException e) {
            return Planned.skipped(at, SkipReason.UNKNOWN_ROLE, e.getMessage());
        }
        Boolean consent;
        try {
            consent = consent(line.consent());
        } catch (IllegalArgumentException e) {
            return Planned.skipped(at, SkipReason.INVALID_CONSENT, e.getMessage());
        }
        Seats circle = null;
        if (!line.circle().isEmpty()) {
            List<Seats> named = directory.circlesByName().getOrDefault(line.circle().toLowerCase(Locale.ROOT), List.of());
            if (named.isEmpty()) {
                return Planned.skipped(at, SkipReason.UNKNOWN_CIRCLE, "No active circle is called '" + line.circle() + "'");
            }
            if (named.size() > 1) {
                return Planned.skipped(at, SkipReason.AMBIGUOUS_CIRCLE, named.size() + " active circles are called '" + line.circle() + "': rename one");
            }
            circle = named.get(0);
        }
        if (existing != null && !existing.active()) {
            return Planned.skipped(at, SkipReason.PERSON_NOT_ACTIVE, "His account is not active (deactivated, or not yet verified or approved)");
        }
        UUID current = existing == null ? null : directory.circleOf().get(existing.id());
        if (circle != null && current != null && !current.equals(circle.id())) {
            return Planned.skipped(at, SkipReason.IN_ANOTHER_CIRCLE, "He is in another circle: move him with a transfer");
        }
        boolean joins = circle != null && current == null;
        if (joins) {
            int taken = joining.getOrDefault(circle.id(), 0);
            if (circle.members() + taken >= circle.capacity()) {
                return Planned.skipped(at, SkipReason.CIRCLE_FULL, "'" + circle.name() + "' has no seat left for him (" + circle.capacity() + " seats)");
            }
            joining.put(circle.id(), taken + 1);
        }
        UUID circleId = joins ? circle.id() : null;
        String circleName = circle == null ? null : circle.name();
        ConsentState wanted = consent == null ? null : consent ? ConsentState.GIVEN : ConsentState.WITHDRAWN;
        if (existing == null) {
            Set<Role> granted = EnumSet.of(Role.MEMBER);
            granted.addAll(roles);
            return new Planned(at, RowAction.CREATE, null, null, List.of(), null, circleId, circleName, granted,
                    wanted == null ? ConsentState.UNKNOWN : wanted);
        }
        List<String> changes = new ArrayList<>();
        if (!line.firstName().isEmpty() && !line.firstName().equals(existing.firstName())) {
            changes.add("firstName");
        }
        if (!line.lastName().isEmpty() && !line.lastName().equals(existing.lastName())) {
            changes.add("lastName");
        }
        if (phone != null && !phone.equals(existing.phone())) {
            changes.add("phone");
        }
        Set<Role> toGrant = EnumSet.noneOf(Role.class);
        toGrant.addAll(roles);
        toGrant.removeAll(existing.roles());
        if (!toGrant.isEmpty()) {
            changes.add("roles");
        }
        if (joins) {
            changes.add("circle");
        }
        ConsentState now = directory.consentOf().getOrDefault(existing.id(), ConsentState.UNKNOWN);
        if (wanted != null && wanted != now) {
            changes.add("consent");
        }
        return new Planned(at, changes.isEmpty() ? RowAction.UNCHANGED : RowAction.UPDATE, null, null, List.copyOf(changes), existing.id(),
                circleId, circleName, toGrant, wanted == null ? now : wanted);
    }

    /** The row's values, read as the planner reads them (for a row it did not skip). */
    public static Values values(MemberCsv.Line line) {
        return new Values(line.email().toLowerCase(Locale.ROOT), line.firstName(), line.lastName(),
                line.phone().isEmpty() ? null : phone(line.phone()), roles(line.roles()), consent(line.consent()));
    }

    /** The first column whose cell starts like a formula; a phone written +44… is a phone, not a formula. */
    @Nullable
    static String formulaColumn(MemberCsv.Line line) {
        Map<String, String> cells = new java.util.LinkedHashMap<>();
        cells.put("email", line.email());
        cells.put("firstName", line.firstName());
        cells.put("lastName", line.lastName());
        cells.put("phone", line.phone());
        cells.put("circle", line.circle());
        cells.put("roles", line.roles());
        cells.put("consent", line.consent());
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            if (MemberCsv.startsLikeAFormula(cell.getValue()) && !("phone".equals(cell.getKey()) && phone(cell.getValue()) != null)) {
                return cell.getKey();
            }
        }
        return null;
    }

    /** The number in E.164 (+ and digits), blanks, dots, dashes and brackets removed and a leading 00 read as +; null when it is none. */
    @Nullable
    public static String phone(String written) {
        String digits = PHONE_NOISE.matcher(written).replaceAll("");
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        }
        return PHONE.matcher(digits).matches() ? digits : null;
    }

    /** Roles separated by ; or | in any case; blank is none. */
    static Set<Role> roles(String written) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : written.split("[;|]")) {
            String role = name.strip().toUpperCase(Locale.ROOT);
            if (role.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name.strip() + "' is not a role (" + ROLE_NAMES + ")");
            }
        }
        return roles;
    }

    /** yes/no (y/n, true/false, 1/0, given/withdrawn) in any case; blank is not said. */
    @Nullable
    static Boolean consent(String written) {
        return switch (written.strip().toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "yes", "y", "true", "1", "given" -> true;
            case "no", "n", "false", "0", "withdrawn" -> false;
            default -> throw new IllegalArgumentException("Consent is yes, no or blank, not '" + written + "'");
        };
    }
}
