package io.hearth.imports;

import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The members file: comma-separated, UTF-8 (a byte-order mark is allowed), RFC 4180 quoting, a header row naming the
 * {@link #COLUMNS} in any order (others are refused, so a misspelt column is not silently ignored). Import and export
 * share this shape. A file that cannot be read as one is refused whole, with a code; a readable file's bad rows are
 * the planner's to judge.
 */
public final class MemberCsv {

    /** The columns, in the order the export writes them. */
    public static final List<String> COLUMNS = List.of("email", "firstName", "lastName", "phone", "circle", "roles", "consent");

    /** A cell longer than this is refused whole (no field of a member is this long). */
    static final int MAX_CELL = 1000;

    private MemberCsv() {
    }

    /** One data row: its line in the file (the header is line 1) and its cells by column, stripped of surrounding blanks. */
    public record Line(int line, String email, String firstName, String lastName, String phone, String circle, String roles, String consent) {
    }

    /** Reads the file: 422 with CSV_ENCODING, CSV_EMPTY, CSV_HEADER, CSV_MALFORMED or CSV_TOO_MANY_ROWS when it cannot be one. */
    public static List<Line> read(byte[] bytes, int maxRows) {
        String text = utf8(bytes);
        List<List<String>> records = records(text, maxRows);
        if (records.isEmpty() || (records.size() == 1 && records.get(0).stream().allMatch(String::isBlank))) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.CSV_EMPTY, "The file is empty: it needs a header row and at least one member");
        }
        Map<String, Integer> at = header(records.get(0));
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            lines.add(new Line(i + 1, cell(cells, at, "email"), cell(cells, at, "firstName"), cell(cells, at, "lastName"), cell(cells, at, "phone"),
                    cell(cells, at, "circle"), cell(cells, at, "roles"), cell(cells, at, "consent")));
        }
        if (lines.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.CSV_EMPTY, "The file has a header but no member");
        }
        return lines;
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.CSV_ENCODING,
                    "The file is not UTF-8 text (it may be Latin-1 or Windows-1252): save it as 'CSV UTF-8' and upload it again");
        }
    }

    private static Map<String, Integer> header(List<String> names) {
        Map<String, String> known = new HashMap<>();
        COLUMNS.forEach(column -> known.put(column.toLowerCase(Locale.ROOT), column));
        Map<String, Integer> at = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String column = known.get(names.get(i).strip().toLowerCase(Locale.ROOT));
            if (column == null) {
                unknown.add(names.get(i).strip());
            } else if (at.putIfAbsent(column, i) != null) {
                throw headerRefusal("The column '" + column + "' appears twice in the header");
            }
        }
        List<String> missing = COLUMNS.stream().filter(column -> !at.containsKey(column)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw headerRefusal("The header row must name the columns " + String.join(", ", COLUMNS)
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; not known: " + String.join(", ", unknown)));
        }
        return at;
    }

    private static Refusal headerRefusal(String detail) {
        return new Refusal(Refusal.Kind.INVALID, ErrorCode.CSV_HEADER, detail);
    }

    private static String cell(List<String> cells, Map<String, Integer> at, String column) {
        int index = at.get(column);
        return index < cells.size() ? unneutralised(cells.get(index).strip()) : "";
    }

    /** RFC 4180 records: quoted cells may hold commas, quotes (doubled) and line breaks; CRLF or LF ends a record. */
    static List<List<String>> records(String text, int maxRows) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                if (!cell.toString().isBlank() || wasQuoted) {
                    throw malformed(line, "a quote inside a cell that does not start with one");
                }
                cell.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(finished(cell, line));
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(finished(cell, line));
                wasQuoted = false;
                records.add(record);
                record = new ArrayList<>();
                line++;
                if (records.size() > maxRows + 1) {
                    throw tooMany(maxRows);
                }
            } else {
                if (wasQuoted && !Character.isWhitespace(c)) {
                    throw malformed(line, "text after a closing quote");
                }
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw malformed(line, "a quote that is never closed");
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(finished(cell, line));
            records.add(record);
        }
        if (records.size() > maxRows + 1) {
            throw tooMany(maxRows);
        }
        return records;
    }

    private static String finished(StringBuilder cell, int line) {
        if (cell.length() > MAX_CELL) {
            throw malformed(line, "a cell longer than " + MAX_CELL + " characters");
        }
        String value = cell.toString();
        cell.setLength(0);
        return value;
    }

    private static Refusal malformed(int line, String what) {
        return new Refusal(Refusal.Kind.INVALID, ErrorCode.CSV_MALFORMED, "Line " + line + " cannot be read: " + what);
    }

    private static Refusal tooMany(int maxRows) {
        return new Refusal(Refusal.Kind.INVALID, ErrorCode.CSV_TOO_MANY_ROWS, "A file holds at most " + maxRows + " members: split it");
    }

    // Writing

    /** The export's file: the header, then one row per member, CRLF line ends, every cell neutralised and quoted where needed. */
    public static String write(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", COLUMNS)).append("\r\n");
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quoted(neutralised(row.get(i) == null ? "" : row.get(i))));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a leading
     * apostrophe, which spreadsheets show as text (OWASP's CSV injection advice).
     */
    public static String neutralised(String cell) {
        return startsLikeAFormula(cell) ? "'" + cell : cell;
    }

    static boolean startsLikeAFormula(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** A cell the export neutralised ('=…) read back as it was; anything else as it is. */
    static String unneutralised(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && startsLikeAFormula(cell.substring(1)) ? cell.substring(1) : cell;
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0
                || (!cell.isEmpty() && (Character.isWhitespace(cell.charAt(0)) || Character.isWhitespace(cell.charAt(cell.length() - 1))))) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
