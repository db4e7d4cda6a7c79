package io.hearth.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No feature reads or writes another's tables: a table belongs to the feature whose migration creates it, and the
 * SQL in a feature's code names only its own. The reads that cross today are listed below, each a debt to pay by
 * asking the owner through its public types; the list may only shrink (a stale entry fails too).
 */
class TableOwnershipTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/tenant");
    private static final Path SOURCES = Path.of("src/main/java/io/hearth");
    private static final Map<String, String> OWNER_OF_MIGRATION = Map.ofEntries(
            Map.entry("invitations", "identity"), Map.entry("identity", "identity"), Map.entry("circles", "circles"),
            Map.entry("events", "gatherings"), Map.entry("payments", "payments"), Map.entry("conversations", "conversations"),
            Map.entry("announcements", "conversations"), Map.entry("notifications", "notifications"),
            Map.entry("push_subscriptions", "notifications"), Map.entry("must_reach", "notifications"), Map.entry("digests", "notifications"),
            Map.entry("consents", "notifications"), Map.entry("text_stops", "messaging"), Map.entry("text_commands", "notifications"),
            Map.entry("notification_defaults_and_mutes", "notifications"), Map.entry("email_changes", "identity"),
            Map.entry("circle_one_off_meetings", "circles"), Map.entry("polls", "polls"), Map.entry("documents", "documents"), Map.entry("outreach", "outreach"),
            Map.entry("helpdesk", "helpdesk"), Map.entry("care_role", "identity"), Map.entry("member_imports", "imports"), Map.entry("sso", "identity"));
    private static final Pattern CREATE = Pattern.compile("create table (\\w+)");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)\"");
    private static final Pattern USE = Pattern.compile("\\b(?:from|join|into|update)\\s+(?:public\\.)?([a-z_]+)\\b");

    /** feature -> tables of other features its SQL still names. */
    private static final Map<String, Set<String>> KNOWN_CROSSINGS = Map.of(
            "circles", Set.of("people"),
            "gatherings", Set.of("people"));

    @Test
    void featuresNameOnlyTheirOwnTablesInSql() throws IOException {
        Map<String, String> owners = owners();
        Map<String, Set<String>> crossings = new TreeMap<>();

        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String feature = relative.getName(0).toString();
                for (String literal : stringLiterals(Files.readString(file))) {
                    Matcher use = USE.matcher(literal);
                    while (use.find()) {
                        String owner = owners.get(use.group(1));
                        if (owner != null && !owner.equals(feature)) {
                            crossings.computeIfAbsent(feature, k -> new TreeSet<>()).add(use.group(1));
                        }
                    }
                }
            }
        }

        assertThat(crossings).as("tables named outside their feature").isEqualTo(new TreeMap<>(KNOWN_CROSSINGS));
    }

    private static Map<String, String> owners() throws IOException {
        Map<String, String> owners = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                String what = file.getFileName().toString().replaceAll("^V\\d+__|\\.sql$", "");
                String owner = OWNER_OF_MIGRATION.get(what);
                Matcher create = CREATE.matcher(Files.readString(file));
                while (create.find()) {
                    assertThat(owner).as("the feature that owns " + file.getFileName()).isNotNull();
                    owners.put(create.group(1), owner);
                }
            }
        }
        return owners;
    }

    /** The string literals of a source file, one by one: SQL, not the words of comments or code. */
    private static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            literals.add(literal.group(1));
        }
        return literals;
    }
}
