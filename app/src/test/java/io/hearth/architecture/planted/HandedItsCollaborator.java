package io.hearth.architecture.planted;

import jakarta.inject.Singleton;

/** Planted for UseCasesAreWiredTest: a use case that must be handed another use case by its caller. */
@Singleton
public class HandedItsCollaborator {

    /** Another use case, as a controller would hold it. */
    @Singleton
    public static class Ledger {
        public void close(String id) {
        }
    }

    public void archive(String id, Ledger ledger) {
        ledger.close(id);
    }
}
