package io.hearth.imports;

import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberCsvTest {

    private static final String HEADER = "email,firstName,lastName,phone,circle,roles,consent\n";

    @Test
    void readsQuotedCellsWithCommasQuotesAndLineBreaks() {
        String file = HEADER + "a@x.org,\"Jean, Jr\",\"O\"\"Brien\",,\"Tuesday\nCircle\",MEMBER,yes\r\n";

        List<MemberCsv.Line> lines = MemberCsv.read(file.getBytes(StandardCharsets.UTF_8), 10);

        assertThat(lines).containsExactly(new MemberCsv.Line(2, "a@x.org", "Jean, Jr", "O\"Brien", "", "Tuesday\nCircle", "MEMBER", "yes"));
    }

    @Test
    void acceptsColumnsInAnyOrderAndAByteOrderMark() {
        String file = "\uFEFFconsent,roles,circle,phone,lastName,firstName,email\nno,,,,Doe,John,j@x.org\n";

        List<MemberCsv.Line> lines = MemberCsv.read(file.getBytes(StandardCharsets.UTF_8), 10);

        assertThat(lines.get(0).email()).isEqualTo("j@x.org");
        assertThat(lines.get(0).consent()).isEqualTo("no");
    }

    @Test
    void refusesLatin1BytesWithCsvEncoding() {
        byte[] latin1 = (HEADER + "a@x.org,Ren\u00e9,M\u00fcller,,,,\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> MemberCsv.read(latin1, 10)).isInstanceOf(Refusal.class)
                .extracting(e -> ((Refusal) e).code()).isEqualTo(ErrorCode.CSV_ENCODING);
    }

    @Test
    void refusesAHeaderWithoutTheColumnsNamingTheMissingOnes() {
        byte[] file = "email,firstName\na@x.org,A\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MemberCsv.read(file, 10)).isInstanceOf(Refusal.class).hasMessageContaining("missing: lastName, phone")
                .extracting(e -> ((Refusal) e).code()).isEqualTo(ErrorCode.CSV_HEADER);
    }

    @Test
    void refusesAnEmptyFileAndAHeaderAlone() {
        assertThatThrownBy(() -> MemberCsv.read(new byte[0], 10)).extracting(e -> ((Refusal) e).code()).isEqualTo(ErrorCode.CSV_EMPTY);
        assertThatThrownBy(() -> MemberCsv.read(HEADER.getBytes(StandardCharsets.UTF_8), 10))
                .extracting(e -> ((Refusal) e).code()).isEqualTo(ErrorCode.CSV_EMPTY);
    }

    @Test
    void refusesAnUnclosedQuote() {
        byte[] file = (HEADER + "a@x.org,\"A,B,,,,\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MemberCsv.read(file, 10)).extracting(e -> ((Refusal) e).code()).isEqualTo(ErrorCode.CSV_MALFORMED);
    }

    @Test
    void refusesMoreRowsThanAllowed() {
        byte[] file = (HEADER + "a@x.org,A,B,,,,\nb@x.org,A,B,,,,\nc@x.org,A,B,,,,\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MemberCsv.read(file, 2)).extracting(e -> ((Refusal) e).code()).isEqualTo(ErrorCode.CSV_TOO_MANY_ROWS);
    }

    @Test
    void writesFormulaCellsWithALeadingApostrophe() {
        String written = MemberCsv.write(List.of(List.of("a@x.org", "=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx")));

        assertThat(written).isEqualTo("email,firstName,lastName,phone,circle,roles,consent\r\n"
                + "a@x.org,\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\"\r\n");
    }

    @Test
    void readsANeutralisedCellBackAsItWas() {
        String file = HEADER + "a@x.org,A,B,'+447700900123,,,\n";

        assertThat(MemberCsv.read(file.getBytes(StandardCharsets.UTF_8), 10).get(0).phone()).isEqualTo("+447700900123");
    }
}
