package io.hearth.admin.architecture;

import io.hearth.infra.FeatureBoundaries;

/** tenant-admin's features keep the shape of docs/architecture.md. */
class FeatureBoundariesTest extends FeatureBoundaries {

    FeatureBoundariesTest() {
        super("io.hearth.admin", "operators", "tenants");
    }
}
