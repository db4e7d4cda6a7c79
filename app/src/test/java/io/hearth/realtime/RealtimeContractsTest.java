package io.hearth.realtime;

import io.hearth.conversations.Announcements;
import io.hearth.conversations.Messages;
import io.hearth.notifications.Notifications;
import io.hearth.polls.Polls;
import io.hearth.realtime.api.RealtimeProtocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/realtime.md lists every frame the server sends, with exactly its record's fields, every error code and close code. */
class RealtimeContractsTest {

    /** Each frame type and the record that carries it. */
    private static final Map<String, Class<?>> FRAMES = Map.ofEntries(
            Map.entry("hello", Frames.Hello.class),
            Map.entry("ready", Frames.Ready.class),
            Map.entry("recovered", Frames.Recovered.class),
            Map.entry("error", Frames.Error.class),
            Map.entry("pong", Frames.Pong.class),
            Map.entry("typing", Frames.Typing.class),
            Map.entry("presence", Frames.Presence.class),
            Map.entry("watching", Frames.Watching.class),
            Map.entry("message", Messages.MessageFrame.class),
            Map.entry("message.edited", Messages.MessageFrame.class),
            Map.entry("message.removed", Messages.MessageRemoved.class),
            Map.entry("read", Messages.Read.class),
            Map.entry("announcement", Announcements.AnnouncementFrame.class),
            Map.entry("notification", Notifications.NotificationFrame.class),
            Map.entry("poll", Polls.PollFrame.class));

    /** Documented, not sent yet. */
    private static final Set<String> RESERVED = Set.of();

    private static final Pattern HEADING = Pattern.compile("^### `([a-z.]+)`\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9.]+)` \\|");

    private static String doc() throws IOException {
        return Files.readString(Path.of("..", "docs", "realtime.md"));
    }

    private static String section(String doc, String heading) {
        int start = doc.indexOf("\n## " + heading);
        assertThat(start).as("section " + heading).isGreaterThanOrEqualTo(0);
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    /** For each documented frame type, the fields of its table (before any second table). */
    private static Map<String, List<String>> documentedFrames(String section) {
        Map<String, List<String>> frames = new LinkedHashMap<>();
        String current = null;
        boolean tableDone = false;
        boolean inTable = false;
        for (String line : section.split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                current = heading.group(1);
                frames.put(current, new java.util.ArrayList<>());
                tableDone = false;
                inTable = false;
                continue;
            }
            if (current == null || tableDone) {
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                inTable = true;
                frames.get(current).add(row.group(1));
            } else if (inTable && !line.startsWith("|")) {
                tableDone = true;
            }
        }
        return frames;
    }

    @Test
    void everyFrameTheServerSendsIsDocumentedWithExactlyItsFields() throws IOException {
        Map<String, List<String>> documented = documentedFrames(section(doc(), "Frames the server sends"));
        Set<String> expectedTypes = Stream.concat(FRAMES.keySet().stream(), RESERVED.stream()).collect(Collectors.toSet());
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(expectedTypes);
        FRAMES.forEach((type, record) -> assertThat(documented.get(type)).as("fields of " + type)
                .containsExactlyElementsOf(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList()));
    }

    @Test
    void everyFrameRecordHasItsTypeListed() {
        Stream<Class<?>> holders = Stream.of(Frames.class, Messages.class, Announcements.class, Notifications.class, Polls.class);
        List<Class<?>> records = holders.flatMap(holder -> Arrays.stream(holder.getDeclaredClasses()))
                .filter(Frame.class::isAssignableFrom).toList();
        assertThat(records).isNotEmpty();
        assertThat(FRAMES.values()).containsAll(records);
    }

    @Test
    void theClientsFramesErrorCodesAndCloseCodesAreDocumented() throws IOException {
        String doc = doc();
        String client = section(doc, "Frames the client sends");
        for (String type : RealtimeProtocol.clientTypes()) {
            assertThat(client).as("client frame " + type).contains("| `" + type + "` |");
        }
        for (String field : RealtimeProtocol.clientFields()) {
            assertThat(client).as("client field " + field).contains("`" + field);
        }
        String errors = section(doc, "Frames the server sends");
        for (String code : RealtimeProtocol.errorCodes()) {
            assertThat(errors).as("error code " + code).contains("| `" + code + "` |");
        }
        String closes = section(doc, "Connecting");
        for (int code : RealtimeProtocol.closeCodes()) {
            assertThat(closes).as("close code " + code).contains("| `" + code + "` |");
        }
    }
}
