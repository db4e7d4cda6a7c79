package io.hearth.documents;

import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;
import io.micronaut.core.annotation.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /** The type the bytes are, checked against what the client says; refused when unknown or when they disagree. */
    public static String check(byte[] bytes, @Nullable String declared, String fileName) {
        String actual = sniff(bytes);
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

    /** The type its first bytes say, or null. */
    static @Nullable String sniff(byte[] b) {
        if (starts(b, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return PDF;
        }
        if (starts(b, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return PNG;
        }
        if (starts(b, new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return JPEG;
        }
        return text(b) ? TEXT : null;
    }

    /** Strict UTF-8 with no control characters but tab, line feed, carriage return and form feed. */
    private static boolean text(byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return s.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f);
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
