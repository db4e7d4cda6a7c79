package io.hearth.documents;

import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The files a document may be, told by their first bytes, never by the name or the type the client claims: a PDF,
 * a PNG, a JPEG, or plain UTF-8 text. A file whose bytes are none of these, or another than it claims (by its declared
 * type or its name's extension), is refused with 415 {@code FILE_TYPE_REFUSED}.
 */
public final class FileTypes {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String TEXT = "text/plain";

    private static final Map<String, String> EXTENSIONS = Map.of("pdf", PDF, "png", PNG, "jpg", JPEG, "jpeg", JPEG, "txt", TEXT, "md", TEXT);

    private FileTypes() {
    }

    /**
     * The type the file is, checked against what the client says; refused when unknown or when they disagree. The file
     * is read as a stream (a text file whole, to be sure every byte of it is text), never held in memory.
     */
    public static String check(Path file, @Nullable String declared, String fileName) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        String actual = magic(head);
        if (actual == null && text(file)) {
            actual = TEXT;
        }
        if (actual == null) {
            throw refused("The file is none of the types taken (PDF, PNG, JPEG, plain UTF-8 text)");
        }
        String claimed = declared == null ? "" : declared.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!claimed.isEmpty() && !claimed.equals("application/octet-stream") && !claimed.equals(actual)
                && !(actual.equals(TEXT) && claimed.equals("text/markdown"))) {
            throw refused("The file claims to be " + claimed + " but is " + actual);
        }
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String byName = EXTENSIONS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (byName == null || !byName.equals(actual)) {
                throw refused("The file's name says " + fileName.substring(dot) + " but it is " + actual);
            }
        }
        return actual;
    }

    /** The type its first bytes say (PDF, PNG, JPEG), or null. */
    static @Nullable String magic(byte[] b) {
        if (starts(b, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return PDF;
        }
        if (starts(b, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return PNG;
        }
        if (starts(b, new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return JPEG;
        }
        return null;
    }

    /** Strict UTF-8 with no control characters but tab, line feed, carriage return and form feed, read in pieces. */
    static boolean text(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), utf8)) {
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f) {
                        return false;
                    }
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean starts(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Refusal refused(String detail) {
        return new Refusal(Refusal.Kind.UNSUPPORTED_MEDIA, ErrorCode.FILE_TYPE_REFUSED, detail);
    }
}
