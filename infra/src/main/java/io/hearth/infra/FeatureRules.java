package io.hearth.infra;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
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

    /**
     * The service's main classes (not its tests), with the kit's, which sit below {@code io.hearth.kit}; imported once
     * per root and JVM (JUnit makes a test instance per test method, and each import of a service takes seconds).
     */
    public static FeatureRules of(String root) {
        return new FeatureRules(root, IMPORTED.computeIfAbsent(root, r -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(r, "io.hearth.kit")));
    }

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    /** Rules over classes imported elsewhere (a test's planted violations). */
    public static FeatureRules of(String root, JavaClasses classes) {
        return new FeatureRules(root, classes);
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

    /** The layers of a feature, from the bottom: what a class of the feature is. */
    public enum Layer { MODEL, INTERNAL, USE_CASE, API }

    /**
     * Which layer of its feature a class is: {@code api} and {@code internal} by package; at the feature's root, a
     * bean (a use case, a listener, a job) and every type nested in it are the use cases, the rest (records, enums,
     * rules, ports, events) the model. Empty for a class outside the features.
     */
    public Optional<Layer> layerOf(JavaClass type) {
        String feature = featureOf(type);
        // Micronaut's generated bean definitions ($Goals$Definition) are the framework's, not a layer.
        if (feature == null || type.getName().substring(type.getPackageName().length() + 1).startsWith("$")) {
            return Optional.empty();
        }
        String inFeature = type.getPackageName().substring((root + "." + feature).length());
        if (inFeature.equals(".api") || inFeature.startsWith(".api.")) {
            return Optional.of(Layer.API);
        }
        if (inFeature.equals(".internal") || inFeature.startsWith(".internal.")) {
            return Optional.of(Layer.INTERNAL);
        }
        return Optional.of(isBean(outermost(type)) ? Layer.USE_CASE : Layer.MODEL);
    }

    private String featureOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".") || name.startsWith("io.hearth.kit")) {
            return null;
        }
        return name.substring(root.length() + 1).split("\\.")[0];
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static final List<String> BEAN_ANNOTATIONS = List.of("jakarta.inject.Singleton", "io.micronaut.context.annotation.Context",
            "io.micronaut.context.annotation.Prototype", "io.micronaut.context.annotation.Factory",
            "io.micronaut.configuration.kafka.annotation.KafkaListener", "io.micronaut.runtime.context.scope.Refreshable");

    private static boolean isBean(JavaClass type) {
        return BEAN_ANNOTATIONS.stream().anyMatch(type::isAnnotatedWith);
    }

    /**
     * One direction inside a feature: api -> use cases -> internal -> model. Each layer depends only on the ones
     * below it (and on other features' public types), so no feature has a loop inside it and no row imports a use case.
     */
    public ArchRule oneDirectionInsideEachFeature() {
        return classes().should(new ArchCondition<JavaClass>("depend only on their own layer of their feature or those below it") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Optional<Layer> layer = layerOf(type);
                String feature = featureOf(type);
                if (layer.isEmpty()) {
                    return;
                }
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (!Objects.equals(featureOf(target), feature) || outermost(target).equals(outermost(type))) {
                        continue;
                    }
                    Optional<Layer> above = layerOf(target).filter(targetLayer -> targetLayer.compareTo(layer.get()) > 0);
                    above.ifPresent(targetLayer -> events.add(SimpleConditionEvent.violated(dependency,
                            layer.get() + " " + type.getName() + " depends on " + targetLayer + " " + target.getName()
                                    + " (" + dependency.getSourceCodeLocation() + ")")));
                }
            }
        }).because("inside a feature the way goes down: api, use cases, internal, model");
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

    /**
     * Every Kafka listener does its work through the kit's {@code Tracing.consume}, so that it joins the trace of the
     * request that wrote the event (named, not imported: infra does not depend on Kafka or the kit).
     */
    public ArchRule listenersWorkInsideTheirTrace() {
        return methods().that().areAnnotatedWith("io.micronaut.configuration.kafka.annotation.Topic")
                .should(new ArchCondition<JavaMethod>("do their work through Tracing.consume") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean traced = method.getMethodCallsFromSelf().stream()
                                .anyMatch(call -> call.getTargetOwner().getName().equals("io.hearth.kit.tracing.Tracing") && call.getName().equals("consume"));
                        if (!traced) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " does not call Tracing.consume"));
                        }
                    }
                })
                .allowEmptyShould(true)
                .because("one trace goes from the HTTP request through the outbox and Kafka to the consumer's work");
    }
}
