package io.hearth.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the event contracts of docs/events.md: under each {@code ### `topic`} heading, a table whose rows name a
 * type and its payload fields in backticks ({@code `by`?} marks a field that may be absent). Tests compare it with
 * the event records, so the page cannot drift from the code.
 */
public final class EventContracts {

    private static final Pattern TOPIC = Pattern.compile("^### `([a-z.-]+)`");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z]+)`");

    private EventContracts() {
    }

    /** topic -> type -> fields, in the order the page gives them. */
    public static Map<String, Map<String, List<String>>> read(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page, e);
        }
        Map<String, Map<String, List<String>>> topics = new LinkedHashMap<>();
        String topic = null;
        for (String line : lines) {
            Matcher heading = TOPIC.matcher(line);
            if (heading.find()) {
                topic = heading.group(1);
                topics.put(topic, new LinkedHashMap<>());
            } else if (line.startsWith("## ")) {
                topic = null;
            } else if (topic != null && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                List<String> fields = names(cells[2]);
                for (String type : names(cells[1])) {
                    topics.get(topic).put(type, fields);
                }
            }
        }
        return topics;
    }

    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        Matcher matcher = NAME.matcher(cell);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
