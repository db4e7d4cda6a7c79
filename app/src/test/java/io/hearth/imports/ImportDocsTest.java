package io.hearth.imports;

import io.hearth.ErrorCode;
import io.hearth.identity.Role;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/imports.md is the import's contract: it explains every skip reason and every error code of the import (each in
 * a table row of its own), and the columns of the file; docs/sample-members.csv is a file the reader accepts.
 */
class ImportDocsTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everySkipReasonAndImportErrorCodeHasItsRowAndEveryColumnIsExplained() throws Exception {
        String page = Files.readString(DOCS.resolve("imports.md"));

        for (SkipReason reason : SkipReason.values()) {
            assertThat(page).as("a row for the skip reason " + reason).containsPattern("(?m)^\\| `" + reason.name() + "` \\|");
        }
        List<ErrorCode> own = Arrays.stream(ErrorCode.values()).filter(code -> code.name().startsWith("CSV_") || code.name().startsWith("IMPORT_")).toList();
        assertThat(own).hasSize(9);
        for (ErrorCode code : own) {
            assertThat(page).as("a row for the error " + code).containsPattern("(?m)^\\| 4\\d\\d \\| `" + code.name() + "` \\|");
        }
        for (String column : MemberCsv.COLUMNS) {
            assertThat(page).as("the column " + column).contains("`" + column + "`");
        }
    }

    @Test
    void everyRoleIsOneTheFileMayNameAndHasItsColumnInThePermissionMatrix() throws Exception {
        String page = Files.readString(DOCS.resolve("imports.md"));
        String rolesRow = page.lines().filter(line -> line.startsWith("| `roles` |")).findFirst().orElseThrow();
        String matrixHeader = page.lines().filter(line -> line.startsWith("| endpoint | no token |")).findFirst().orElseThrow();

        for (Role role : Role.values()) {
            assertThat(rolesRow).as("the roles a file may name").contains("`" + role.name() + "`");
            assertThat(matrixHeader).as("the permission matrix").contains("| " + role.name() + " |");
        }
    }

    @Test
    void theDocumentedSkipReasonsAreNoMoreThanTheCodeHas() throws Exception {
        String page = Files.readString(DOCS.resolve("imports.md"));
        String table = page.substring(page.indexOf("### Why a row is skipped"), page.indexOf("## Dry run, commit, progress"));
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(table);
        List<String> documented = new java.util.ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).containsExactlyInAnyOrder(Arrays.stream(SkipReason.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void theSampleFileIsReadWholeAsStrictUtf8() throws Exception {
        byte[] sample = Files.readAllBytes(DOCS.resolve("sample-members.csv"));

        List<MemberCsv.Line> lines = MemberCsv.read(sample, 10_000);

        assertThat(new String(sample, StandardCharsets.UTF_8)).startsWith(String.join(",", MemberCsv.COLUMNS) + "\n");
        assertThat(lines).hasSize(5);
        assertThat(lines).extracting(MemberCsv.Line::lastName).contains("Müller", "Smith, Jr.");
    }
}
