package io.hearth.infra;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema names of a service's OpenAPI document are chosen on purpose: each is the {@code @Schema(name = ...)} of
 * its class, so that renaming or moving a Java class does not rename what the front ends compile against. The only
 * names left to the generator are those of generic wrappers ({@code Paged_…}), which front ends reach through the
 * operation's path instead.
 */
public final class SchemaNames {

    private static final String SCHEMA = "io.swagger.v3.oas.annotations.media.Schema";

    private SchemaNames() {
    }

    /** The names under {@code components.schemas} of a generated OpenAPI YAML document. */
    public static List<String> inDocument(Path document) throws IOException {
        List<String> names = new ArrayList<>();
        boolean inSchemas = false;
        for (String line : Files.readAllLines(document)) {
            if (line.equals("  schemas:")) {
                inSchemas = true;
            } else if (inSchemas && !line.startsWith("    ") && !line.isBlank()) {
                break;
            } else if (inSchemas && line.matches("    [^ ].*:")) {
                names.add(line.strip().replaceAll(":$", "").replace("\"", ""));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no schemas in " + document);
        }
        return names;
    }

    /** The names given with {@code @Schema(name = ...)} on the classes. */
    public static Set<String> chosen(JavaClasses classes) {
        Set<String> names = new TreeSet<>();
        for (JavaClass type : classes) {
            if (type.isAnnotatedWith(SCHEMA)) {
                Object name = type.getAnnotationOfType(SCHEMA).get("name").orElse("");
                if (!String.valueOf(name).isEmpty()) {
                    names.add(String.valueOf(name));
                }
            }
        }
        return names;
    }

    /** The document's names that no class chose (generic wrappers aside): each is a Java name that leaks. */
    public static List<String> leaking(Path document, JavaClasses classes) throws IOException {
        Set<String> chosen = chosen(classes);
        return inDocument(document).stream().filter(name -> !name.startsWith("Paged_") && !chosen.contains(name)).toList();
    }
}
