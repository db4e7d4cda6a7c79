package io.hearth.infra;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape every feature of a service keeps (docs/architecture.md), as ArchUnit rules over the packages right
 * below the service's root ({@code io.hearth} for app, {@code io.hearth.admin} for tenant-admin): features use each
 * other's public types or events and never in a circle; a feature's {@code internal} package is its own; HTTP
 * stays in {@code api} packages and the web packages; repositories live in {@code internal}.
 */
public final class FeatureRules {

    private final String root;
    private final JavaClasses classes;

    private FeatureRules(String root, JavaClasses classes) {
        this.root = root;
        this.classes = classes;
    }

    /** The service's main classes (not its tests), with the kit's, which sit below {@code io.hearth.kit}. */
    public static FeatureRules of(String root) {
        return new FeatureRules(root, new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root, "io.hearth.kit"));
    }

    public JavaClasses imported() {
        return classes;
    }

    /** The features: the packages right below the root that hold the service's own classes. */
    public Set<String> features() {
        Set<String> features = new TreeSet<>();
        int depth = root.split("\\.").length;
        for (JavaClass type : classes) {
            String[] parts = type.getPackageName().split("\\.");
            if (type.getPackageName().startsWith(root + ".") && parts.length > depth && !type.getPackageName().startsWith("io.hearth.kit")) {
                features.add(parts[depth]);
            }
        }
        return features;
    }

    public ArchRule noCyclesBetweenFeatures() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    public List<ArchRule> internalIsPrivateToItsFeature() {
        List<ArchRule> rules = new ArrayList<>();
        for (String feature : features()) {
            rules.add(classes().that().resideInAPackage(root + "." + feature + ".internal..")
                    .should().onlyHaveDependentClassesThat().resideInAPackage(root + "." + feature + "..")
                    .allowEmptyShould(true));
        }
        return rules;
    }

    public ArchRule httpOnlyInApiAndWeb() {
        return noClasses().that().resideOutsideOfPackages(root + ".*.api..", root + ".web..", "io.hearth.kit.web..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut.http..")
                .because("the rules answer with refusals; only controllers and filters speak HTTP");
    }

    public ArchRule repositoriesLiveInInternal() {
        return classes().that().areAnnotatedWith("io.micronaut.data.jdbc.annotation.JdbcRepository")
                .should().resideInAPackage(root + ".*.internal..")
                .allowEmptyShould(true)
                .because("a feature's tables are read through its own repositories only");
    }
}
