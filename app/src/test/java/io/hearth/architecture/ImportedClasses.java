package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.hearth.infra.FeatureRules;

/**
 * app's classes as ArchUnit reads them, imported once for every architecture test in this JVM (each import of the
 * whole service takes seconds; the imported classes never change during a run). The same import as FeatureBoundariesTest's.
 */
final class ImportedClasses {

    /** The service's own classes, without tests. */
    static final JavaClasses MAIN = FeatureRules.of("io.hearth").imported();

    /** The planted violations each rule must catch. */
    static final JavaClasses PLANTED = new ClassFileImporter().importPackages("io.hearth.architecture.planted");

    private ImportedClasses() {
    }
}
